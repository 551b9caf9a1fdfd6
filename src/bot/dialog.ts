// The one input mechanism: a dialog is a conversation (@grammyjs/conversations
// v2) that asks questions. This module sends a question with its buttons,
// routes what comes back (an answer, Back, Cancel, a stale button, or
// something for the rest of the bot), and re-asks with the error until the
// answer parses. The plugin persists each dialog with its update's handled
// mark (create-bot.ts), so answers given so far survive a restart.
import { InlineKeyboard } from "grammy";
import { createConversation, type Conversation, type ConversationBuilder } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "./context";

export type Convo = Conversation<BotContext, ConversationContext>;

/**
 * A dialog's buttons, from the typed callback registry (createCallbackData
 * with a `step` and a `value`): `<prefix>:<step>:<value>`. A button of
 * another step than the one asked is stale.
 */
export interface DialogButtons {
  readonly filter: RegExp;
  pack(values: { step: string; value: string }): string;
  unpack(data: string): { step: string; value: string } | undefined;
}

/** What the member said to a question. */
export type Answer =
  | { kind: "text"; text: string }
  | { kind: "photo"; fileId: string }
  /** a file (only where the rules take "document"; elsewhere it is "other") */
  | { kind: "document"; fileId: string; fileName?: string; mimeType?: string; size?: number }
  | { kind: "button"; value: string; ctx: ConversationContext }
  | { kind: "other" }
  | { kind: "back" }
  | { kind: "cancel" }
  /** a command that asks for the current question again */
  | { kind: "repeat" }
  /** a command that ends the dialog (the dialog says so, then hands the command on) */
  | { kind: "end" };

/** What a command typed during a question means here: "pass" hands it to the rest of the bot, the dialog stays. */
export type CommandMeaning = "cancel" | "back" | "repeat" | "end" | "pass";

export type DialogRules = {
  buttons?: DialogButtons;
  /** the meaning of `/<command>` (lower case, without the bot's name); default: /cancel cancels, the rest pass */
  command?: (command: string, text: string) => CommandMeaning;
  /** the toast on a button of an earlier question (none: a silent answer) */
  staleText?: string;
  /** another feature's button that ends the dialog (and then runs) instead of passing */
  endsOn?: (data: string) => boolean;
  /** the message kinds that answer a question; any other update passes on ("pass") or is dropped ("drop") */
  takes?: ("text" | "photo" | "document" | "other")[];
  rest?: "pass" | "drop";
  /** an error is shown above the question as `${errorPrefix}${error}\n\n${prompt}` */
  errorPrefix?: string;
  /** extra options of every question's message */
  send?: { link_preview_options?: { is_disabled: boolean } };
};

const COMMAND = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/;
const defaultCommand = (command: string): CommandMeaning => (command === "cancel" ? "cancel" : "pass");

/** A question: its step (the code in its buttons), how it looks, and how its answer parses. */
export type Question<T> = {
  step: string;
  prompt: string;
  /** the question's buttons as [label, value]; or a keyboard made with `button()` */
  buttons?: [string, string][];
  keyboard?: InlineKeyboard;
  parse: (answer: Answer) => Parsed<T> | Promise<Parsed<T>>;
};
/** a value, an error to show above the question asked again, or `again` to ask again as it is */
export type Parsed<T> = { value: T } | { error: string } | { again: true };

export class Dialog {
  constructor(
    readonly conversation: Convo,
    readonly ctx: ConversationContext,
    readonly rules: DialogRules = {},
  ) {}

  /** A button of this dialog for `step`. */
  button(step: string, value: string): string {
    if (!this.rules.buttons) throw new Error("this dialog has no buttons");
    return this.rules.buttons.pack({ step, value });
  }

  /** Sends a question: the error (if any) above the prompt, then its buttons (none: no keyboard). */
  async ask(prompt: string, options: { error?: string; keyboard?: InlineKeyboard } = {}): Promise<void> {
    const text = options.error ? `${this.rules.errorPrefix ?? ""}${options.error}\n\n${prompt}` : prompt;
    const keyboard = options.keyboard?.inline_keyboard.some((row) => row.length > 0) ? options.keyboard : undefined;
    await this.ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard, ...this.rules.send });
  }

  async say(text: string): Promise<void> {
    await this.ctx.reply(text, { parse_mode: "HTML", ...this.rules.send });
  }

  /**
   * The next thing the member says to the question of `step`. Other commands
   * and other features' buttons pass through to the rest of the bot (the
   * dialog stays where it is), so /help or an organizer's review buttons work.
   */
  async input(step: string): Promise<Answer> {
    const { conversation, rules } = this;
    const takes = rules.takes ?? ["text", "photo", "other"];
    const rest = async (): Promise<never> => conversation.skip({ next: (rules.rest ?? "pass") === "pass" });
    for (;;) {
      const c = await conversation.wait();
      const message = c.message;
      if (message?.text !== undefined) {
        const command = COMMAND.exec(message.text)?.[1]?.toLowerCase();
        if (command) {
          const meaning = (rules.command ?? defaultCommand)(command, message.text);
          if (meaning === "pass") await conversation.skip({ next: true });
          return { kind: meaning } as Answer;
        }
        if (takes.includes("text")) return { kind: "text", text: message.text };
        await rest();
      }
      if (message?.photo?.length && takes.includes("photo")) return { kind: "photo", fileId: message.photo.at(-1)!.file_id };
      const document = message?.document;
      if (document && takes.includes("document"))
        return { kind: "document", fileId: document.file_id, fileName: document.file_name, mimeType: document.mime_type, size: document.file_size };
      if (message && !message.photo?.length && takes.includes("other")) return { kind: "other" };
      const data = c.callbackQuery?.data;
      if (data === undefined) await rest();
      if (rules.endsOn?.(data!)) await conversation.halt({ next: true });
      if (!rules.buttons?.filter.test(data!)) await conversation.skip({ next: true });
      const pressed = rules.buttons!.unpack(data!);
      if (!pressed || pressed.step !== step) {
        await c.answerCallbackQuery(rules.staleText ? { text: rules.staleText } : undefined);
        continue;
      }
      await c.answerCallbackQuery();
      if (pressed.value === "back") return { kind: "back" };
      if (pressed.value === "cancel") return { kind: "cancel" };
      return { kind: "button", value: pressed.value, ctx: c };
    }
  }

  /** Asks until the answer parses; a bad one gets its error and the question again. */
  async askUntil<T>(question: Question<T>): Promise<T> {
    let error: string | undefined;
    for (;;) {
      let keyboard = question.keyboard;
      if (question.buttons?.length) {
        keyboard = new InlineKeyboard();
        for (const [label, value] of question.buttons) keyboard.text(label, this.button(question.step, value));
      }
      await this.ask(question.prompt, { error, keyboard });
      const result = await question.parse(await this.input(question.step));
      if ("value" in result) return result.value;
      error = "error" in result ? result.error : undefined;
    }
  }
}

/**
 * Dialogs that run beside another one (a review comment) and don't make the
 * member busy. Every dialog may be entered while one of these is active (so
 * all are "parallel" to the plugin); enterDialog keeps the other dialogs one
 * at a time.
 */
const sideDialogs = new Set<string>();

/**
 * Registers a dialog. An update reaches the active dialogs in the order they
 * are registered in the middleware: the first that takes it keeps it from
 * the others.
 */
export function dialogConversation(
  builder: ConversationBuilder<BotContext, ConversationContext>,
  options: { id: string; maxMillisecondsToWait?: number; side?: boolean },
) {
  if (options.side) sideDialogs.add(options.id);
  return createConversation<BotContext, ConversationContext>(builder, { id: options.id, maxMillisecondsToWait: options.maxMillisecondsToWait, parallel: true });
}

/** Is the member in a dialog (side dialogs aside)? */
export function inDialog(ctx: BotContext): boolean {
  return Object.keys(ctx.conversation.active()).some((id) => !sideDialogs.has(id));
}

/** Enters a dialog; one that is not a side dialog can't be entered while the member is in another. */
export async function enterDialog(ctx: BotContext, id: string, ...args: unknown[]): Promise<void> {
  if (!sideDialogs.has(id) && inDialog(ctx)) throw new Error(`a dialog is active: exit it before entering '${id}'`);
  await ctx.conversation.enter(id, ...args);
}
