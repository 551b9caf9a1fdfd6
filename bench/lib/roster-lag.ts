import type { FakeTelegram } from "../../test/fake-telegram/server";
import type { Call } from "../../test/fake-telegram/types";
import { percentile } from "./stats";

// The roster's lag behind the taps in a join burst: per member, from their
// tap being answered to the first edit of the announcement that shows them.
// Clocks are the fake's (each call's arrival), never the bot's. The roster
// lists members in order of joining, and its header counts them, so an edit
// whose count reaches a member's position shows them (the first 40 by name,
// the rest in "and N more").

/** Telegram allows a group ~20 messages a minute: one edit per 3 s is the most a roster can follow. */
export const GROUP_EDIT_GAP_MS = 3_000;

/** the roster header's count: "👥 接龙（12 人）：" or "👥 Joined (12):" */
const COUNT = /接龙（([\d,]+) 人）|Joined \(([\d,]+)\)/;

function rosterCount(text: unknown): number {
  const match = typeof text === "string" ? COUNT.exec(text) : null;
  return match ? Number((match[1] ?? match[2])!.replaceAll(",", "")) : 0;
}

export type RosterLag = {
  p50Ms: number;
  maxMs: number;
  /** successful edits of the announcement */
  edits: number;
  /** members no edit ever showed */
  neverShown: number;
  /** the most sends (messages and edits) to the group within any 60 s */
  maxPerMinute: number;
  /** 429s to the group */
  tooMany: number;
};

/** Waits until the announcement shows `members` (or `timeoutMs` passes); false if it never did. */
export async function rosterCaughtUp(fake: FakeTelegram, chatId: number, messageId: number, members: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (rosterCount(fake.message(chatId, messageId)?.text) < members) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/**
 * From the fake's calls since `since`: each answered callback query's lag,
 * given the position of the order its tap made (by callback query id).
 */
export function rosterLag(fake: FakeTelegram, since: number, chatId: number, messageId: number, positions: ReadonlyMap<string, number>): RosterLag {
  const calls = fake.calls.slice(since);
  const toGroup = (c: Call) => Number(c.params.chat_id) === chatId;
  const edits = calls
    .filter((c) => c.method === "editMessageText" && c.response.ok && toGroup(c) && Number(c.params.message_id) === messageId)
    .map((c) => ({ at: c.at, count: rosterCount(c.params.text) }));
  const answered = new Map<string, number>();
  for (const c of calls) {
    const id = String(c.params.callback_query_id);
    if (c.method === "answerCallbackQuery" && c.response.ok && positions.has(id) && !answered.has(id)) answered.set(id, c.at);
  }
  const lags: number[] = [];
  let neverShown = 0;
  for (const [id, at] of answered) {
    const position = positions.get(id)!;
    const shown = edits.find((e) => e.count >= position);
    if (shown) lags.push(Math.max(0, shown.at - at));
    else neverShown++;
  }
  const sends = calls.filter((c) => ["sendMessage", "editMessageText"].includes(c.method) && c.response.ok && toGroup(c)).map((c) => c.at);
  let maxPerMinute = 0;
  for (const [i, at] of sends.entries()) {
    let n = 0;
    for (let j = i; j < sends.length && sends[j]! < at + 60_000; j++) n++;
    maxPerMinute = Math.max(maxPerMinute, n);
  }
  return {
    p50Ms: percentile(lags, 50),
    maxMs: lags.length ? Math.max(...lags) : NaN,
    edits: edits.length,
    neverShown,
    maxPerMinute,
    tooMany: calls.filter((c) => c.response.error_code === 429 && toGroup(c)).length,
  };
}
