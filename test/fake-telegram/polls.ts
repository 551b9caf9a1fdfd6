// Native polls as the Bot API 10.1 spec describes them: sendPoll, stopPoll,
// and a test control for a user's answer, which yields the poll_answer update
// (non-anonymous polls only) and the poll's new state (a `poll` update).
import type { Poll, Update, User } from "grammy/types";
import { checkReply, inlineMarkup, publicView, repliedTo, type MethodContext, type Params } from "./context";
import { badRequest } from "./types";
import { checkReplyMarkup } from "./validate";

type PollRecord = { poll: Poll; chatId: number; messageId: number; answers: Map<number, number[]> };

/** The polls the bot sent, by poll id. */
export class Polls {
  readonly byId = new Map<string, PollRecord>();
  private counter = 0;

  nextId(): string {
    return `5${String(++this.counter).padStart(6, "0")}${Math.floor(Math.random() * 1e9)}`;
  }

  byMessage(chatId: number, messageId: number): PollRecord | undefined {
    for (const p of this.byId.values()) if (p.chatId === chatId && p.messageId === messageId) return p;
    return undefined;
  }
}

const MAX_PERIOD = 2_628_000;

/** A poll closes by itself at its close_date (open_period is turned into one when sent). */
function closeIfDue(record: PollRecord, nowSeconds: number): void {
  if (!record.poll.is_closed && record.poll.close_date !== undefined && record.poll.close_date <= nowSeconds) record.poll.is_closed = true;
}

function checkOptions(raw: unknown): { text: string }[] {
  if (!Array.isArray(raw)) throw badRequest("can't parse options JSON object");
  // Bot API 10.1: "1-12 answer options" (earlier versions said 2-10)
  if (raw.length < 1) throw badRequest("POLL_ANSWERS_INVALID");
  if (raw.length > 12) throw badRequest("POLL_ANSWERS_TOO_MUCH");
  return raw.map((o) => {
    const text = typeof o === "object" && o !== null ? (o as { text?: unknown }).text : undefined;
    if (typeof text !== "string") throw badRequest("can't parse InputPollOption");
    const trimmed = text.trim();
    if (trimmed.length < 1 || trimmed.length > 100) throw badRequest("POLL_ANSWER_INVALID");
    return { text: trimmed };
  });
}

function closeDateOf(ctx: MethodContext, p: Params): number | undefined {
  if (p.open_period !== undefined && p.close_date !== undefined) throw badRequest("can't use open_period and close_date together");
  const now = ctx.nowSeconds();
  if (p.open_period !== undefined) {
    const period = Number(p.open_period);
    if (!Number.isInteger(period) || period < 5 || period > MAX_PERIOD) throw badRequest("wrong open_period specified");
    return now + period;
  }
  if (p.close_date !== undefined) {
    const at = Number(p.close_date);
    if (!Number.isInteger(at) || at - now < 5 || at - now > MAX_PERIOD) throw badRequest("wrong close_date specified");
    return at;
  }
  return undefined;
}

export function sendPoll(ctx: MethodContext, p: Params): unknown {
  const chatId = ctx.state.resolveChatId(p.chat_id);
  const chat = ctx.state.chat(chatId);
  const question = String(p.question ?? "").trim();
  if (question.length === 0) throw badRequest("POLL_QUESTION_INVALID");
  if (question.length > 300) throw badRequest("POLL_QUESTION_INVALID");
  const options = checkOptions(p.options);
  const anonymous = p.is_anonymous === undefined ? true : p.is_anonymous === true;
  const type = p.type === undefined ? "regular" : String(p.type);
  if (type !== "regular" && type !== "quiz") throw badRequest("wrong poll type specified");
  if (type === "quiz" && p.allows_multiple_answers === true) throw badRequest("quiz poll can't allow multiple answers");
  if (type === "quiz" && !Array.isArray(p.correct_option_ids)) throw badRequest("quiz poll must have correct_option_ids");
  if (chat.type === "channel" && !anonymous) throw badRequest("non-anonymous polls can't be sent to channel chats");
  if (p.allow_adding_options === true && (anonymous || type === "quiz")) throw badRequest("POLL_ADDING_OPTIONS_INVALID");
  const closeDate = closeDateOf(ctx, p);
  checkReplyMarkup(p.reply_markup, ctx.strict);
  checkReply(ctx, chatId, p);
  ctx.gate(chatId);
  const poll: Poll = {
    id: ctx.polls.nextId(),
    question,
    options: options.map((o, i) => ({ persistent_id: String(i), text: o.text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: p.is_closed === true,
    is_anonymous: anonymous,
    type: type as Poll["type"],
    allows_multiple_answers: p.allows_multiple_answers === true,
    allows_revoting: p.allows_revoting === undefined ? type === "regular" : p.allows_revoting === true,
    members_only: false,
    ...(p.open_period !== undefined ? { open_period: Number(p.open_period) } : {}),
    ...(closeDate !== undefined ? { close_date: closeDate } : {}),
  } as Poll;
  const markup = inlineMarkup(p.reply_markup);
  const stored = ctx.state.addOutgoing(chatId, { poll: structuredClone(poll), ...repliedTo(ctx, chatId, p), ...(markup ? { reply_markup: markup } : {}) }, { markup: p.reply_markup });
  ctx.polls.byId.set(poll.id, { poll, chatId, messageId: stored.message.message_id, answers: new Map() });
  return publicView(stored);
}

export function stopPoll(ctx: MethodContext, p: Params): unknown {
  const chatId = ctx.state.resolveChatId(p.chat_id);
  const stored = ctx.state.get(chatId, Number(p.message_id));
  const record = ctx.polls.byMessage(chatId, Number(p.message_id));
  if (!stored || stored.extras.deleted || !record) throw badRequest("message with poll to stop not found");
  if (!stored.extras.outgoing) throw badRequest("poll can't be stopped");
  closeIfDue(record, ctx.nowSeconds());
  if (record.poll.is_closed) throw badRequest("poll has already been closed");
  checkReplyMarkup(p.reply_markup, ctx.strict);
  ctx.gate(chatId, 0);
  record.poll.is_closed = true;
  sync(ctx, record);
  const markup = inlineMarkup(p.reply_markup);
  (stored.message as { reply_markup?: unknown }).reply_markup = markup;
  ctx.pushPollUpdate?.({ poll: structuredClone(record.poll) });
  return structuredClone(record.poll);
}

/** The message's copy of the poll follows the poll. */
function sync(ctx: MethodContext, record: PollRecord): void {
  const stored = ctx.state.get(record.chatId, record.messageId);
  if (stored) (stored.message as { poll?: Poll }).poll = structuredClone(record.poll);
}

/**
 * A user answers (or, with [], retracts their answer to) a poll, as the
 * Telegram app lets them: refused when the poll is closed, when the options
 * are not the poll's, when several are chosen in a single-answer poll, and
 * when a vote is changed or retracted in a poll that doesn't allow revoting.
 * Returns the updates Telegram sends the bot: poll_answer (non-anonymous
 * polls only), then poll with the new counts.
 */
export function answerPoll(ctx: MethodContext, voter: User, pollId: string, optionIds: number[]): Omit<Update, "update_id">[] {
  const record = ctx.polls.byId.get(pollId);
  if (!record) throw new Error(`no poll ${pollId}`);
  const { poll } = record;
  closeIfDue(record, ctx.nowSeconds());
  if (poll.is_closed) throw new Error(`poll ${pollId} is closed: Telegram refuses the answer`);
  const unique = new Set(optionIds);
  if (unique.size !== optionIds.length || optionIds.some((i) => !Number.isInteger(i) || i < 0 || i >= poll.options.length)) {
    throw new Error(`options ${JSON.stringify(optionIds)} are not the poll's`);
  }
  if (optionIds.length > 1 && !poll.allows_multiple_answers) throw new Error("a single-answer poll takes one option");
  const before = record.answers.get(voter.id);
  if (before && !poll.allows_revoting) throw new Error("this poll doesn't allow changing a vote");
  if (optionIds.length === 0 && !before) throw new Error("no vote to retract");
  for (const i of before ?? []) poll.options[i]!.voter_count--;
  for (const i of optionIds) poll.options[i]!.voter_count++;
  if (optionIds.length === 0) record.answers.delete(voter.id);
  else record.answers.set(voter.id, [...optionIds].sort((a, b) => a - b));
  poll.total_voter_count = record.answers.size;
  sync(ctx, record);
  const updates: Omit<Update, "update_id">[] = [];
  if (!poll.is_anonymous) {
    const ids = record.answers.get(voter.id) ?? [];
    updates.push({ poll_answer: { poll_id: poll.id, user: voter, option_ids: ids, option_persistent_ids: ids.map((i) => poll.options[i]!.persistent_id) } });
  }
  updates.push({ poll: structuredClone(poll) });
  return updates;
}
