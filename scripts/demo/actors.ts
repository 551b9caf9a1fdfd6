// The scripted people's hands: they type, tap buttons by their label, open
// links, and each step checks what the bot showed them.
import type { Chat, InlineKeyboardButton, User } from "grammy/types";
import { callbackQuery, command, photoMessage, textMessage } from "../../test/fake-telegram/updates";
import type { FakeMessage } from "../../test/fake-telegram/types";
import type { Transcript } from "./transcript";
import type { World } from "./world";

export class StepFailed extends Error {}

/** A step of the story did not happen as scripted: the demo fails (it doubles as a smoke test). */
export function check(condition: unknown, what: string, seen?: string): asserts condition {
  if (!condition) throw new StepFailed(seen === undefined ? what : `${what}\n    what the bot showed:\n${indent(seen)}`);
}

function indent(text: string): string {
  return text.split("\n").map((l) => `      ${l}`).join("\n");
}

export type Matcher = RegExp | { data: string };

export class Actors {
  constructor(
    readonly world: World,
    readonly transcript: Transcript,
    /** a pause after each action, so that a person can follow (0 with --fast) */
    private readonly pauseMs = 0,
  ) {}

  /** Shows what the bot did, then gives the reader a moment. */
  private async shown(): Promise<void> {
    this.transcript.showBot();
    if (this.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
  }

  /** `who` types `text` in `chat`. */
  async say(who: User, chat: Chat, text: string, extra: Parameters<typeof textMessage>[3] = {}): Promise<ReturnType<typeof textMessage>> {
    const update = textMessage(who, chat, text, extra);
    this.transcript.said(who.id, chat.id, text);
    await this.world.send(update);
    await this.shown();
    return update;
  }

  /** `who` sends a photo in `chat`; Telegram then serves `bytes` for each of its sizes (getFile and the file URL). */
  async sendPhoto(who: User, chat: Chat, bytes: Buffer): Promise<void> {
    const update = photoMessage(who, chat);
    for (const size of update.message!.photo!) this.world.fake.setFileContent(size.file_id, bytes, "photo.png");
    this.transcript.said(who.id, chat.id, `🖼  ${this.transcript.n.photo}`);
    await this.world.send(update);
    await this.shown();
  }

  /** `who` opens a t.me link to the bot (Telegram sends /start with its payload). */
  async openLink(who: User, chat: Chat, payload: string): Promise<void> {
    this.transcript.said(who.id, chat.id, this.transcript.n.opensLink(`t.me/${this.world.fake.botInfo.username}?start=${payload}`));
    await this.world.send(command(who, chat, "start", payload));
    await this.shown();
  }

  /** `who` answers the poll in `chatId` (its options' indexes; [] retracts), as Telegram's app would. */
  async vote(who: User, chatId: number, pollId: string, options: number[]): Promise<void> {
    const poll = this.world.fake.poll(pollId);
    const chosen = options.map((i) => poll?.options[i]?.text ?? String(i)).join(", ");
    this.transcript.said(who.id, chatId, this.transcript.n.votes(chosen));
    this.world.fake.answerPoll(who, pollId, options);
    await this.world.fake.settle();
    await this.shown();
  }

  /** `who` taps the newest button in the chat whose label (or callback data prefix) matches. */
  async press(who: User, chatId: number, matcher: Matcher): Promise<void> {
    const { message, button } = this.findButton(chatId, matcher);
    this.transcript.pressed(who.id, chatId, button.text);
    await this.world.send(callbackQuery(who, message, (button as { callback_data: string }).callback_data));
    await this.shown();
  }

  findButton(chatId: number, matcher: Matcher): { message: FakeMessage; button: InlineKeyboardButton } {
    const matches = (b: InlineKeyboardButton) =>
      "callback_data" in b && (matcher instanceof RegExp ? matcher.test(b.text) : b.callback_data.startsWith(matcher.data));
    const messages = this.world.fake.messages(chatId);
    for (let i = messages.length - 1; i >= 0; i--) {
      const button = messages[i]!.reply_markup?.inline_keyboard.flat().find(matches);
      if (button) return { message: messages[i]!, button };
    }
    throw new StepFailed(`no button ${matcher instanceof RegExp ? String(matcher) : matcher.data + "…"} in ${chatId}; last message:\n${indent(this.lastText(chatId))}`);
  }

  lastText(chatId: number): string {
    const m = this.world.fake.lastMessage(chatId);
    return m?.text ?? m?.caption ?? "";
  }

  /** The bot's messages in a chat since index `from` (texts and captions). */
  textsSince(chatId: number, from: number): string[] {
    return this.world.fake.messages(chatId).slice(from).map((m) => m.text ?? m.caption ?? "");
  }

  count(chatId: number): number {
    return this.world.fake.messages(chatId).length;
  }

  /** The last message in the chat must contain every expected piece. */
  expectLast(chatId: number, what: string, ...pieces: (string | RegExp)[]): void {
    const text = this.lastText(chatId);
    for (const p of pieces) check(typeof p === "string" ? text.includes(p) : p.test(text), `${what}: expected ${String(p)}`, text);
  }
}
