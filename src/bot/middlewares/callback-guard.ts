import type { MiddlewareFn, Transformer } from "grammy";
import type { CallbackQuery } from "grammy/types";
import type { BotContext } from "../context";
import { callbackKindOf, type CallbackKind } from "../callback-data";
import { ignoringHarmless, isHarmlessTelegramError } from "../telegram-errors";

/**
 * Which callback queries have been answered while the guard waits on the
 * handlers. Its transformer goes on every Api the update's handlers use,
 * conversations' included (they have their own Api), so an answer given
 * inside a conversation is seen too. Only queries being watched are kept.
 */
export class CallbackAnswers {
  private watched = new Map<string, boolean>();

  transformer(): Transformer {
    return (prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") {
        const id = (payload as { callback_query_id?: unknown }).callback_query_id;
        if (typeof id === "string" && this.watched.has(id)) this.watched.set(id, true);
      }
      return prev(method, payload, signal);
    };
  }

  watch(id: string): void {
    this.watched.set(id, false);
  }

  /** Whether the query was answered; stops watching it. */
  done(id: string): boolean {
    const answered = this.watched.get(id) === true;
    this.watched.delete(id);
    return answered;
  }
}

export type Refusal = "stale" | "not-here" | "not-yours";

/**
 * Why a press doesn't count, or undefined when it does. Callback data can be
 * forged: it counts only if it is a button of the message it came from (as
 * Telegram shows that message now), of a registered kind, in a chat that kind
 * is shown in, pressed by someone it is for. Only organizer buttons read the
 * database; the rest is a scan of the message's keyboard.
 */
export async function refusalOf(ctx: BotContext, query: CallbackQuery): Promise<Refusal | undefined> {
  const data = query.data;
  const message = query.message;
  // no message: an inline message or a game; date 0: an inaccessible message
  if (data === undefined || !message || message.date === 0) return "stale";
  const keyboard = "reply_markup" in message ? message.reply_markup?.inline_keyboard : undefined;
  if (!keyboard?.some((row) => row.some((b) => "callback_data" in b && b.callback_data === data))) return "stale";
  const kind = callbackKindOf(data);
  if (!kind) return "stale";
  const chat = message.chat;
  const where = chat.type === "private" ? "private" : chat.type === "group" || chat.type === "supergroup" ? "group" : undefined;
  if (!where || !kind.chats.includes(where)) return "not-here";
  if (query.from.is_bot) return "not-yours";
  if (where === "private" && query.from.id !== chat.id) return "not-yours";
  return (await isFor(ctx, kind, where)) ? undefined : "not-yours";
}

async function isFor(ctx: BotContext, kind: CallbackKind, where: "private" | "group"): Promise<boolean> {
  if (kind.audience === "member") return true;
  const { member, community } = ctx;
  if (!member) return false;
  const { organizers } = ctx.services;
  if (where === "group") return community !== undefined && (await organizers.isOrganizer(community.id, member));
  // in private the handler checks the very community the button acts on; an operator
  // organizes every community, also before there is any (their Approve of the first group)
  if (organizers.isGlobal(Number(member.telegramId))) return true;
  return (await organizers.communityIdsOf(member)).length > 0;
}

const REFUSAL_KEY: Record<Refusal, string> = {
  stale: "callback-stale",
  "not-here": "callback-not-here",
  "not-yours": "callback-not-yours",
};

/**
 * The one gate for callback queries (installed before every feature that
 * handles them): a press that doesn't count gets a short answer and goes no
 * further, so no handler can change a message or a row for it. Every query is
 * answered: one that counted but that no handler answered gets an empty answer,
 * so the member's button stops spinning.
 */
export function callbackGuard(answers: CallbackAnswers): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const query = ctx.callbackQuery;
    if (!query) return next();
    const refused = await refusalOf(ctx, query);
    if (refused) {
      ctx.log.info("callback refused", { reason: refused, prefix: callbackKindOf(query.data ?? "")?.prefix });
      await ignoringHarmless(() => ctx.answerCallbackQuery({ text: ctx.t(REFUSAL_KEY[refused]) }));
      return;
    }
    answers.watch(query.id);
    let failed: unknown;
    try {
      await next();
    } catch (error) {
      failed = error;
    }
    const answered = answers.done(query.id);
    // a failing handler is answered by the error boundary (an apology), unless the error was harmless
    if (!answered && (failed === undefined || isHarmlessTelegramError(failed))) await ignoringHarmless(() => ctx.answerCallbackQuery());
    if (failed !== undefined) throw failed;
  };
}
