// The machinery of the guided recommendation: what was said, where we are,
// and how to ask. The questions themselves are in steps.ts.
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { Conversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../../bot/context";
import { saveDraft } from "../../db/product-drafts";
import { crashPoint } from "../../bot/crash-point";
import type { DraftPayload, DraftStep } from "../../domain/product-draft";
import { formatMoney, type Locale } from "../../domain/money";
import { createCallbackData } from "../../bot/callback-data";

export type Convo = Conversation<BotContext, ConversationContext>;
export type AskStep = Exclude<DraftStep, "preview">;

/** Everything the conversation knows; plain JSON (it is rebuilt on every replay). */
export type WizardState = {
  draftId: number;
  step: DraftStep;
  communityId: number | null;
  productId: number | null;
  /** the product was published: its producer's public details can't change */
  producerFixed: boolean;
  communities: { id: number; title: string; currency: string }[];
  currency: string;
  locale: Locale;
  payload: DraftPayload;
};

/** Short codes in button data: `rw:<code>:<action>`; a button of another step is stale. */
export const STEP_CODE: Record<AskStep, string> = {
  community: "c",
  name: "n",
  unit: "u",
  producerName: "pn",
  producerLocation: "pl",
  producerContact: "pc",
  tags: "t",
  story: "s",
  costs: "k",
  price: "p",
  balance: "b",
  photos: "ph",
};

/** A question's button (private chat only); the action may hold ':' (e.g. `del:2:5`). */
export const wizardButton = createCallbackData(
  "rw",
  { step: z.enum(Object.values(STEP_CODE) as [string, ...string[]]), action: z.string().regex(/^[a-z0-9:]{1,40}$/) },
  { lastTakesRest: true },
);

export const button = (step: AskStep, action: string) => wizardButton.pack({ step: STEP_CODE[step], action });

/** What a question ends with: "next", "back", "cancel", or a step to go to. */
export type Outcome = "next" | "back" | "cancel" | DraftStep;

export const money = (w: Wizard, fen: number) => formatMoney(fen, w.state.currency, w.state.locale);

/** The order of questions (balance is a detour of price). */
const ORDER: AskStep[] = ["community", "name", "unit", "producerName", "producerLocation", "producerContact", "tags", "story", "costs", "price", "photos"];
/** The last question of each section: after it, a draft that was previewed goes back to the preview. */
const SECTION_ENDS = new Set<AskStep>(["unit", "producerContact", "tags", "story", "price", "balance", "photos"]);

function applies(step: AskStep, state: WizardState): boolean {
  if (step === "community") return state.productId === null && state.communities.length > 1;
  if (step === "producerName" || step === "producerLocation" || step === "producerContact") return !state.producerFixed;
  return true;
}

export function nextStep(step: AskStep, state: WizardState): DraftStep {
  if (SECTION_ENDS.has(step) && state.payload.reachedPreview) return "preview";
  const from = ORDER.indexOf(step === "balance" ? "price" : step);
  return ORDER.slice(from + 1).find((s) => applies(s, state)) ?? "preview";
}

export function previousStep(step: AskStep, state: WizardState): AskStep | undefined {
  if (step === "balance") return "price";
  const at = ORDER.indexOf(step);
  return ORDER.slice(0, at)
    .reverse()
    .find((s) => applies(s, state));
}

export type Input =
  | { kind: "text"; text: string }
  | { kind: "photo"; fileId: string }
  | { kind: "button"; action: string; ctx: ConversationContext }
  | { kind: "other" }
  | { kind: "back" }
  | { kind: "cancel" }
  /** /recommend again: ask the current question once more */
  | { kind: "repeat" };

export class Wizard {
  constructor(
    readonly conversation: Convo,
    readonly ctx: ConversationContext,
    public state: WizardState,
  ) {}

  t(key: string, vars?: Record<string, string | number>): string {
    return this.ctx.t(key, vars);
  }

  get payload(): DraftPayload {
    return this.state.payload;
  }

  /** Sends a question: the error (if any) first, then the prompt, with the step's buttons and Back / Cancel. */
  async ask(step: AskStep, prompt: string, options: { error?: string; keyboard?: InlineKeyboard } = {}): Promise<void> {
    const keyboard = this.withNavigation(step, options.keyboard ?? new InlineKeyboard());
    const text = options.error ? `⚠️ ${options.error}\n\n${prompt}` : prompt;
    await this.ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  }

  /** Adds the Back (when there is a previous question) and Cancel buttons. */
  withNavigation(step: AskStep, keyboard: InlineKeyboard): InlineKeyboard {
    if (keyboard.inline_keyboard.at(-1)?.length) keyboard.row();
    if (previousStep(step, this.state)) keyboard.text(this.t("recommend-button-back"), button(step, "back"));
    return keyboard.text(this.t("recommend-button-cancel"), button(step, "cancel"));
  }

  /** Saves the draft as it is now (the conversation itself may be lost, e.g. to a version change). */
  async save(): Promise<void> {
    const saved = { step: this.state.step, payload: this.state.payload, communityId: this.state.communityId };
    await this.conversation.external(async (outside) => {
      await saveDraft(outside.services.db, this.state.draftId, saved);
      crashPoint("after-draft-save");
    });
  }

  async say(text: string): Promise<void> {
    await this.ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  }

  /**
   * The next thing the member says in this step. Other commands and other
   * features' buttons pass through to the rest of the bot (the conversation
   * stays where it is), so /help or an organizer's review buttons still work.
   */
  async input(step: AskStep): Promise<Input> {
    const code = STEP_CODE[step];
    for (;;) {
      const c = await this.conversation.wait();
      const message = c.message;
      if (message?.text !== undefined) {
        const command = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/.exec(message.text)?.[1]?.toLowerCase();
        if (command === "cancel") return { kind: "cancel" };
        if (command === "back") return { kind: "back" };
        if (command === "recommend") return { kind: "repeat" };
        if (command) await this.conversation.skip({ next: true });
        return { kind: "text", text: message.text };
      }
      if (message?.photo?.length) return { kind: "photo", fileId: message.photo.at(-1)!.file_id };
      if (message) return { kind: "other" };
      const data = c.callbackQuery?.data;
      if (data === undefined || !wizardButton.filter.test(data)) await this.conversation.skip({ next: true });
      const pressed = wizardButton.unpack(data!);
      if (pressed?.step !== code) {
        await c.answerCallbackQuery({ text: this.t("recommend-button-stale") });
        continue;
      }
      await c.answerCallbackQuery();
      const action = pressed.action;
      if (action === "back") return { kind: "back" };
      if (action === "cancel") return { kind: "cancel" };
      return { kind: "button", action, ctx: c };
    }
  }
}
