import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { dialogConversation, enterDialog, inDialog } from "../../bot/dialog";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { createDraft, deleteDraft, draftsOf, loadDraft } from "../../db/product-drafts";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { escapeHtml, truncate } from "../../domain/html";
import { emptyDraft, type DraftStep } from "../../domain/product-draft";
import {
  confirmDiscard,
  continueDraft,
  discardDraft,
  editProduct,
  editSection,
  START_FRESH,
  START_RECOMMENDING,
  submitDraft,
} from "./callbacks";
import { RECOMMEND_CONVERSATION, recommendConversation, type RecommendArgs } from "./conversation";
import { discardQuestion, draftForEdit, sendPreview, submit } from "./preview";
import { wizardButton } from "./wizard";
import { communitiesOf } from "../products/member-communities";
import { oncePerUpdate } from "../../db/processed-updates";
import { crashPoint } from "../../bot/crash-point";

export { START_RECOMMENDING } from "./callbacks";

/** The payload of t.me/<bot>?start=rec: the group's /recommend sends members here. */
/** An abandoned conversation ends after a week; the draft stays. */
const MAX_WAIT_MS = 7 * 24 * 3600_000;

/** In another dialog (a review comment being written doesn't count). */
const busy = inDialog;

async function enter(ctx: BotContext, args: RecommendArgs): Promise<void> {
  if (busy(ctx)) {
    await ctx.reply(ctx.t("recommend-busy"));
    return;
  }
  await enterDialog(ctx, RECOMMEND_CONVERSATION, args);
}

/**
 * Starts a new recommendation (an unfinished new one is replaced); with
 * `unlessDrafts`, only when the member has no draft (false: they have some).
 * The draft is made once per update: a re-delivered /recommend goes on with
 * the draft it made, and neither makes a second one nor lists it.
 */
async function beginNew(ctx: BotContext, options: { unlessDrafts?: boolean; importing?: boolean } = {}): Promise<boolean> {
  const member = ctx.member!;
  const { db } = ctx.services;
  if (busy(ctx)) {
    await ctx.reply(ctx.t("recommend-busy"));
    return true;
  }
  const mine = await communitiesOf(ctx.services, member);
  if (mine.length === 0) {
    if (options.unlessDrafts && (await draftsOf(db, member.id)).length > 0) return false;
    await ctx.reply(ctx.t("recommend-no-community"), { parse_mode: "HTML" });
    return true;
  }
  const single = mine.length === 1 ? mine[0]! : undefined;
  const draft = await oncePerUpdate(db, ctx.update.update_id, "new-draft", async (tx) => {
    const drafts = await draftsOf(tx, member.id);
    if (options.unlessDrafts && drafts.length > 0) return null;
    for (const d of drafts) if (d.productId === null) await deleteDraft(tx, d.id);
    return createDraft(tx, {
      memberId: member.id,
      communityId: single?.id ?? null,
      productId: null,
      step: options.importing ? "import" : single ? "name" : "community",
      payload: emptyDraft(),
    });
  });
  if (!draft) return false;
  crashPoint("after-draft-created");
  const intro = single ? ctx.t("recommend-intro", { community: escapeHtml(single.title) }) : ctx.t("recommend-intro-several");
  if (!options.importing) await ctx.reply(intro, { parse_mode: "HTML" });
  await enter(ctx, { draftId: draft.id });
  return true;
}

/** /import_dfc: a new recommendation that begins with another co-op's DFC catalogue (an unfinished new one is replaced). */
export async function startImporting(ctx: BotContext): Promise<void> {
  if (ctx.member) await beginNew(ctx, { importing: true });
}

/** /recommend (and `/start rec`): continue an unfinished draft, or begin. */
export async function startRecommending(ctx: BotContext): Promise<void> {
  if (!ctx.member) return;
  if (busy(ctx)) return void (await ctx.reply(ctx.t("recommend-busy")));
  if (await beginNew(ctx, { unlessDrafts: true })) return;
  const drafts = await draftsOf(ctx.services.db, ctx.member.id);
  const keyboard = new InlineKeyboard();
  for (const d of drafts.slice(0, 8)) {
    const name = truncate(d.payload.name ?? ctx.t("recommend-untitled"), 40);
    keyboard.text(ctx.t(d.productId ? "recommend-continue-edit" : "recommend-continue", { name }), continueDraft.pack({ id: d.id })).row();
  }
  keyboard.text(ctx.t("recommend-start-new"), START_FRESH.pack({}));
  await ctx.reply(ctx.t("recommend-has-drafts", { count: drafts.length }), { reply_markup: keyboard });
}

async function ownDraft(ctx: BotContext, draftId: number) {
  const draft = await loadDraft(ctx.services.db, draftId);
  return draft && ctx.member && draft.memberId === ctx.member.id ? draft : undefined;
}

/** Continues a draft at its step, or at `step`; a draft that reached its preview shows it again. */
async function resume(ctx: BotContext, draftId: number, step?: DraftStep): Promise<void> {
  const draft = await ownDraft(ctx, draftId);
  if (!draft) return void (await ctx.reply(ctx.t("recommend-draft-gone")));
  if (!step && draft.step === "preview") return sendPreview(ctx, draft);
  await enter(ctx, step ? { draftId, step } : { draftId });
}

/**
 * Recommending a product: /recommend (private) runs the guided conversation;
 * the preview's buttons submit, change a section or discard; a recommender
 * edits a product (after "ask for changes", or any time) from its preview.
 */
export function recommendFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(dialogConversation(recommendConversation, { id: RECOMMEND_CONVERSATION, maxMillisecondsToWait: MAX_WAIT_MS }));
  const privateChats = composer.chatType("private");

  privateChats.command("recommend", (ctx) => startRecommending(ctx));
  composer.chatType(["group", "supergroup"]).command("recommend", async (ctx) => {
    const keyboard = new InlineKeyboard().url(ctx.t("recommend-group-button"), deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "recommend" })));
    await ctx.reply(ctx.t("recommend-group-private-only"), { reply_markup: keyboard });
  });

  privateChats.callbackQuery(START_RECOMMENDING.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await startRecommending(ctx);
  });
  privateChats.callbackQuery(START_FRESH.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (ctx.member) await beginNew(ctx);
  });
  privateChats.callbackQuery(continueDraft.filter, async (ctx) => {
    const data = continueDraft.unpack(ctx.callbackQuery.data);
    await ctx.answerCallbackQuery();
    if (data) await resume(ctx, data.id);
  });
  privateChats.callbackQuery(editSection.filter, async (ctx) => {
    const data = editSection.unpack(ctx.callbackQuery.data);
    await ctx.answerCallbackQuery();
    if (data) await resume(ctx, data.id, data.step);
  });

  privateChats.callbackQuery(submitDraft.filter, async (ctx) => {
    const data = submitDraft.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    if (busy(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("recommend-busy"), show_alert: true });
    await ctx.answerCallbackQuery();
    const result = await submit(ctx, data.id);
    if (result.ok) await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }));
    await ctx.reply(result.text, { parse_mode: "HTML" });
  });

  privateChats.callbackQuery(discardDraft.filter, async (ctx) => {
    const data = discardDraft.unpack(ctx.callbackQuery.data);
    await ctx.answerCallbackQuery();
    if (!data || !(await ownDraft(ctx, data.id))) return;
    const { text, keyboard } = discardQuestion(ctx, data.id);
    await ctx.reply(text, { reply_markup: keyboard });
  });
  privateChats.callbackQuery(confirmDiscard.filter, async (ctx) => {
    const data = confirmDiscard.unpack(ctx.callbackQuery.data);
    if (!data || !(await ownDraft(ctx, data.id))) return ctx.answerCallbackQuery({ text: ctx.t("recommend-draft-gone") });
    if (busy(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("recommend-busy"), show_alert: true });
    await deleteDraft(ctx.services.db, data.id);
    await ctx.answerCallbackQuery();
    await ignoringHarmless(() => ctx.editMessageText(ctx.t("recommend-discarded")));
  });

  privateChats.callbackQuery(editProduct.filter, async (ctx) => {
    const data = editProduct.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    await ctx.answerCallbackQuery();
    const draft = await draftForEdit(ctx, data.id);
    if (draft === "not-yours") return void (await ctx.reply(ctx.t("recommend-edit-not-yours")));
    if (draft === "closed") return void (await ctx.reply(ctx.t("recommend-edit-closed")));
    await ctx.reply(ctx.t("recommend-edit-intro"), { parse_mode: "HTML" });
    await sendPreview(ctx, draft);
  });

  return composer;
}

/**
 * Registered last: a private message nobody handled, from a member with an
 * unfinished recommendation, gets a pointer back to it; buttons of a
 * conversation that has ended say so.
 */
export function recommendFallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(wizardButton.filter, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("recommend-button-expired"), show_alert: true }));
  composer.chatType("private").on("message", async (ctx, next) => {
    if (!ctx.member || ctx.message.text?.startsWith("/")) return next();
    const drafts = await draftsOf(ctx.services.db, ctx.member.id);
    if (drafts.length === 0) return next();
    await ctx.reply(ctx.t("recommend-draft-reminder"));
  });
  return composer;
}
