// The machinery of the guided recommendation: what was said, where we are,
// and how to ask. The questions themselves are in steps.ts.
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { ConversationContext } from "../../bot/context";
import { Dialog, type Answer, type Convo, type DialogRules, type Parsed } from "../../bot/dialog";
import { saveDraft } from "../../db/product-drafts";
import { crashPoint } from "../../bot/crash-point";
import type { DraftPayload, DraftStep } from "../../domain/product-draft";
import { formatMoney, type Locale } from "../../domain/money";
import { createCallbackData } from "../../bot/callback-data";

export type { Convo } from "../../bot/dialog";
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

/** Short codes in button data: `rw:<code>:<value>`; a button of another step is stale. */
export const STEP_CODE: Record<AskStep, string> = {
  community: "c",
  import: "im",
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
  kinds: "kd",
  photos: "ph",
};

/** A question's button (private chat only); the value may hold ':' (e.g. `del:2:5`). */
export const wizardButton = createCallbackData(
  "rw",
  { step: z.enum(Object.values(STEP_CODE) as [string, ...string[]]), value: z.string().regex(/^[a-z0-9:]{1,40}$/) },
  { lastTakesRest: true },
);

export const button = (step: AskStep, value: string) => wizardButton.pack({ step: STEP_CODE[step], value });

/** What a question ends with: "next", "back", "cancel", or a step to go to. */
export type Outcome = "next" | "back" | "cancel" | DraftStep;
/** A button of a question that goes to another step instead of answering it. */
export type Detour = { label: string; value: string; to: DraftStep };

export const money = (w: Wizard, fen: number) => formatMoney(fen, w.state.currency, w.state.locale);

/** The order of questions (balance is a detour of price). */
const ORDER: AskStep[] = ["community", "name", "unit", "producerName", "producerLocation", "producerContact", "tags", "story", "costs", "price", "kinds", "photos"];
/**
 * The last question of each section: after it, a draft that was previewed goes back to the preview.
 * The costs section ends with the kinds of its lines (asked after the price: the balance detour may add lines).
 */
const SECTION_ENDS = new Set<AskStep>(["unit", "producerContact", "tags", "story", "kinds", "photos"]);

function applies(step: AskStep, state: WizardState): boolean {
  if (step === "community") return state.productId === null && state.communities.length > 1;
  if (step === "producerName" || step === "producerLocation" || step === "producerContact") return !state.producerFixed;
  return true;
}

export function nextStep(step: AskStep, state: WizardState): DraftStep {
  if (step === "import") return applies("community", state) && state.communityId === null ? "community" : "name";
  if (SECTION_ENDS.has(step) && state.payload.reachedPreview) return "preview";
  const from = ORDER.indexOf(step === "balance" ? "price" : step);
  return ORDER.slice(from + 1).find((s) => applies(s, state)) ?? "preview";
}

export function previousStep(step: AskStep, state: WizardState): AskStep | undefined {
  if (step === "balance") return "price";
  if (step === "import") return "name";
  const at = ORDER.indexOf(step);
  return ORDER.slice(0, at)
    .reverse()
    .find((s) => applies(s, state));
}

/** What the member said to a question (the dialog module's answer). */
export type Input = Answer;

/** How the wizard's questions behave: /cancel, /back, /recommend (the question again), the stale toast. */
function wizardRules(ctx: ConversationContext): DialogRules {
  return {
    buttons: wizardButton,
    command: (command) => (command === "cancel" ? "cancel" : command === "back" ? "back" : command === "recommend" ? "repeat" : "pass"),
    staleText: ctx.t("recommend-button-stale"),
    // a file is an answer only to the import question (a DFC catalogue); the others say what they want instead
    takes: ["text", "photo", "document", "other"],
    errorPrefix: "⚠️ ",
    send: { link_preview_options: { is_disabled: true } },
  };
}

export class Wizard {
  readonly dialog: Dialog;

  constructor(
    readonly conversation: Convo,
    readonly ctx: ConversationContext,
    public state: WizardState,
  ) {
    this.dialog = new Dialog(conversation, ctx, wizardRules(ctx));
  }

  t(key: string, vars?: Record<string, string | number>): string {
    return this.ctx.t(key, vars);
  }

  get payload(): DraftPayload {
    return this.state.payload;
  }

  /** Sends a question: the error (if any) first, then the prompt, with the step's buttons and Back / Cancel. */
  async ask(step: AskStep, prompt: string, options: { error?: string; keyboard?: InlineKeyboard } = {}): Promise<void> {
    await this.dialog.ask(prompt, { error: options.error, keyboard: this.withNavigation(step, options.keyboard ?? new InlineKeyboard()) });
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

  say(text: string): Promise<void> {
    return this.dialog.say(text);
  }

  /**
   * Asks until the answer parses (the dialog module's askUntil), with Back and
   * Cancel: they and a bad answer's error are handled there; `parse` sees the rest.
   */
  askUntil(step: AskStep, prompt: string, keyboard: InlineKeyboard, parse: (answer: Input) => Parsed<Outcome> | Promise<Parsed<Outcome>>): Promise<Outcome> {
    return this.dialog.askUntil<Outcome>({
      step: STEP_CODE[step],
      prompt,
      keyboard: this.withNavigation(step, keyboard),
      parse: (answer) => {
        if (answer.kind === "cancel" || answer.kind === "back") return { value: answer.kind };
        if (answer.kind === "repeat") return { again: true };
        return parse(answer);
      },
    });
  }

  /** The next thing the member says in this step (other commands and features' buttons pass through). */
  input(step: AskStep): Promise<Input> {
    return this.dialog.input(STEP_CODE[step]);
  }
}
