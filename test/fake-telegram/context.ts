// What method handlers see of the fake, and helpers they share.
import type { BotCommand, InlineKeyboardMarkup, Message, Update, UserFromGetMe } from "grammy/types";
import type { Polls } from "./polls";
import type { ChatState } from "./state";
import { badRequest } from "./types";

export type Params = Record<string, unknown>;

/** A chat action ("sending a file…") as the chat showed it: `beforeMessageId` is the id the chat's next message got. */
export type ChatAction = { chatId: number; action: string; beforeMessageId: number };

/** What method handlers may use of the fake. */
export interface MethodContext {
  state: ChatState;
  strict: boolean;
  botInfo: UserFromGetMe;
  /** checks that the bot may post to the chat (blocked, kicked, rate limits) */
  gate(chatId: number, count?: number): void;
  callbackQueries: Map<string, { answer?: Params }>;
  commands: Map<string, BotCommand[]>;
  menuButtons: Map<string, unknown>;
  /** every chat action shown, in order */
  chatActions: ChatAction[];
  /** unix time in seconds */
  nowSeconds(): number;
  /** the polls the bot sent */
  polls: Polls;
  /** queues an update Telegram sends of its own accord (a stopped poll's state) */
  pushPollUpdate?(update: Omit<Update, "update_id">): void;
}

/** JSON with sorted keys, to compare markup like Telegram does (by value). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The inline keyboard a message shows (other markup kinds are not part of the Message). */
export const inlineMarkup = (markup: unknown): InlineKeyboardMarkup | undefined =>
  markup && typeof markup === "object" && "inline_keyboard" in markup ? (markup as InlineKeyboardMarkup) : undefined;

/** The Message as the bot gets it (a copy: later edits must not change recorded responses). */
export const publicView = (stored: { message: Message }): Message => structuredClone(stored.message);

/** Reply parameters must point at an existing message unless allow_sending_without_reply. */
export function checkReply(ctx: MethodContext, chatId: number, p: Params): void {
  const reply = p.reply_parameters as { message_id?: number; chat_id?: unknown; allow_sending_without_reply?: boolean } | undefined;
  if (!reply || reply.allow_sending_without_reply) return;
  const target = reply.chat_id === undefined ? chatId : ctx.state.resolveChatId(reply.chat_id);
  const found = ctx.state.get(target, Number(reply.message_id));
  if (!found || found.extras.deleted) throw badRequest("message to be replied not found");
}


/** The replied-to message as the sent Message shows it (one level deep, as Telegram does), if it exists. */
export function repliedTo(ctx: MethodContext, chatId: number, p: Params): Pick<Message, "reply_to_message"> {
  const reply = p.reply_parameters as { message_id?: number; chat_id?: unknown } | undefined;
  if (!reply || reply.chat_id !== undefined) return {};
  const found = ctx.state.get(chatId, Number(reply.message_id));
  if (!found || found.extras.deleted) return {};
  const { reply_to_message: _, ...message } = structuredClone(found.message) as Message & { reply_to_message?: unknown };
  return { reply_to_message: message as Message["reply_to_message"] };
}
