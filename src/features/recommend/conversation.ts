import type { BotContext, ConversationContext } from "../../bot/context";
import { loadDraft } from "../../db/product-drafts";
import type { DraftStep } from "../../domain/product-draft";
import { communitiesOf } from "../products/member-communities";
import { localeOf } from "../../views/env";
import { discardDraft } from "./callbacks";
import { previewOf, producerFixed, type PreviewMessage } from "./preview";
import { STEPS } from "./steps";
import { nextStep, previousStep, Wizard, type AskStep, type Convo, type WizardState } from "./wizard";

export const RECOMMEND_CONVERSATION = "recommend";

/** JSON: conversations store their arguments. */
export type RecommendArgs = { draftId: number; step?: DraftStep };

/** Reads the draft and what the questions need; null if it is gone or not this member's. */
async function loadState(ctx: BotContext, args: RecommendArgs): Promise<WizardState | null> {
  const { db, communities, config } = ctx.services;
  const draft = await loadDraft(db, args.draftId);
  if (!draft || !ctx.member || draft.memberId !== ctx.member.id) return null;
  const mine = await communitiesOf(ctx.services, ctx.member);
  const community = draft.communityId ? await communities.byId(draft.communityId) : undefined;
  return {
    draftId: draft.id,
    step: args.step ?? draft.step,
    communityId: draft.communityId ?? (mine.length === 1 ? mine[0]!.id : null),
    productId: draft.productId,
    producerFixed: await producerFixed(ctx, draft),
    communities: mine.map((c) => ({ id: c.id, title: c.title, currency: c.currency })),
    currency: community?.currency ?? config.currency,
    locale: await localeOf(ctx, config.defaultLocale),
    payload: draft.payload,
  };
}

async function renderPreview(ctx: BotContext, draftId: number): Promise<PreviewMessage | null> {
  const draft = await loadDraft(ctx.services.db, draftId);
  return draft ? previewOf(ctx, draft) : null;
}

/**
 * The guided recommendation, one question at a time, with Back and /cancel.
 * The draft is saved after every step, and the conversation itself is
 * persisted, so a restart continues where the member was. It ends at the
 * preview, whose buttons work without it.
 */
export async function recommendConversation(conversation: Convo, ctx: ConversationContext, args: RecommendArgs): Promise<void> {
  const state = await conversation.external((outside) => loadState(outside, args));
  if (!state) {
    await ctx.reply(ctx.t("recommend-draft-gone"));
    return;
  }
  const w = new Wizard(conversation, ctx, state);
  if (w.state.step === "community" && w.state.communities.length <= 1) w.state.step = nextStep("community", w.state);
  for (;;) {
    const step = w.state.step;
    if (step === "preview") {
      const preview = await conversation.external((outside) => renderPreview(outside, w.state.draftId));
      if (!preview) await ctx.reply(ctx.t("recommend-draft-gone"));
      else await ctx.reply(preview.text, { parse_mode: "HTML", reply_markup: { inline_keyboard: preview.buttons }, link_preview_options: { is_disabled: true } });
      return;
    }
    const outcome = await STEPS[step](w);
    if (outcome === "cancel") {
      await ctx.reply(ctx.t("recommend-cancelled"), {
        reply_markup: { inline_keyboard: [[{ text: ctx.t("recommend-preview-discard"), callback_data: discardDraft.pack({ id: w.state.draftId }) }]] },
      });
      return;
    }
    w.state.step = target(step, outcome, w.state);
    if (w.state.step === "preview") w.state.payload.reachedPreview = true;
    await w.save();
  }
}

function target(step: AskStep, outcome: "next" | "back" | DraftStep, state: WizardState): DraftStep {
  if (outcome === "next") return nextStep(step, state);
  if (outcome === "back") return previousStep(step, state) ?? step;
  return outcome;
}
