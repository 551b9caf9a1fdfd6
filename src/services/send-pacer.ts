/**
 * Paces outgoing messages under Telegram's limits: about 30 messages a second
 * overall, one a second per chat, and 20 a minute per group (edits count
 * there too). `take(chatId)` resolves when a message to that chat may go out;
 * a group is any chat with a negative id (groups, supergroups, channels).
 *
 * Slots are spaced evenly (`perSecond`) on a schedule that does not slip: a
 * send that starts late (a slow database write before it) does not push every
 * later slot back, so the rate holds at the nominal one.
 *
 * Telegram counts arrivals in a sliding window, and arrivals bunch when
 * requests leave late (a busy event loop, new connections): spacing alone
 * measured 17 arrivals in 300 ms at start-up. So a guard on top counts each
 * send from the moment its answer came back (`take` returns the function to
 * call then), which is after it arrived: a send waits until the one
 * `windowLimit` sends before it was answered at least `windowMs` ago, and no
 * window of Telegram's can hold more than `windowLimit` arrivals. Each group
 * has the same guard over its minute.
 *
 * A paid broadcast (allow_paid_broadcast, 0.1 Star a message) goes past the
 * free rate: such sends have their own schedule and window (`paid`, up to
 * 1,000 a second at Telegram) and keep every chat's own limits.
 *
 * A handler's reply in a group doesn't take a slot (members wait for it), but
 * it uses up the group's minute all the same: `transformer()` on the bot's API
 * counts such sends when they are answered.
 */
import type { Transformer } from "grammy";
import { FREE_PER_SECOND, PAID_PER_SECOND } from "../domain/broadcast-estimate";

/** methods Telegram counts toward a chat's limits */
const SENDING_METHODS = new Set([
  "sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendVideo", "sendAnimation", "sendAudio", "sendVoice",
  "sendSticker", "sendPoll", "sendLocation", "sendContact", "copyMessage", "forwardMessage",
  "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia",
]);

/** the paid lane: below Telegram's 1,000 a second, as the free lane keeps below its 30 */
export const PAID_LANE = { perSecond: PAID_PER_SECOND, windowLimit: 950, windowMs: 1_000 } as const;

type Lane = { nextAt: number; interval: number; window: SendWindow };

export class SendPacer {
  private nextPerChatAt = new Map<number, number>();
  private free: Lane;
  private paid: Lane;
  private groups = new Map<number, SendWindow>();
  /** when each group's latest paced send left */
  private pacedAt = new Map<number, number>();
  /** slots taken for each group whose request has not reached the API yet */
  private slotted = new Map<number, number>();

  constructor(
    perSecond = FREE_PER_SECOND,
    private perChatIntervalMs = 1_000,
    private now: () => number = () => performance.now(),
    private sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    windowLimit = 29,
    windowMs = 1_000,
    private group = { limit: 20, windowMs: 60_000 },
    paid: { perSecond: number; windowLimit: number; windowMs: number } = PAID_LANE,
  ) {
    this.free = { nextAt: 0, interval: 1000 / perSecond, window: new SendWindow(windowLimit, windowMs) };
    this.paid = { nextAt: 0, interval: 1000 / paid.perSecond, window: new SendWindow(paid.windowLimit, paid.windowMs) };
  }

  /**
   * Waits for a slot for one message to `chatId`; call the returned function
   * when Telegram has answered it. `paced`: a send that keeps to `paceWait`
   * (an announcement's edit), from which the group's next such send is spaced.
   * `paid`: a paid broadcast, on the paid lane.
   */
  async take(chatId: number, paced = false, paid = false): Promise<() => void> {
    const now = this.now();
    const lane = paid ? this.paid : this.free;
    // catching up is bounded: after an idle spell the schedule restarts now
    const scheduled = Math.max(lane.nextAt, now - 2 * lane.interval);
    const groupWindow = chatId < 0 ? this.groupWindow(chatId) : undefined;
    const at = Math.max(now, scheduled, lane.window.opensAt(), this.chatOpensAt(chatId));
    // a wait we imposed (window, chat) moves the schedule; a late start does not
    lane.nextAt = (at > Math.max(now, scheduled) ? at : scheduled) + lane.interval;
    this.nextPerChatAt.set(chatId, at + this.perChatIntervalMs);
    if (paced && chatId < 0) this.pacedAt.set(chatId, at);
    const send: Send = { at };
    lane.window.push(send);
    if (groupWindow) {
      groupWindow.push(send);
      this.slotted.set(chatId, (this.slotted.get(chatId) ?? 0) + 1);
    }
    if (this.nextPerChatAt.size > 10_000 || this.groups.size > 1_000 || this.pacedAt.size > 1_000) this.forgetOld(now);
    if (at > now) await this.sleep(at - now);
    return () => void (send.answeredAt ??= this.now());
  }

  /**
   * How long a message to `chatId` would wait for that chat's own limits (its
   * spacing, a group's minute), not counting the shared schedule. Senders with
   * other work to do put such a message aside rather than wait in line.
   */
  waitFor(chatId: number): number {
    return Math.max(0, this.chatOpensAt(chatId) - this.now());
  }

  /**
   * How long a paced send (an announcement's edit) to `chatId` waits: for
   * the chat's own limits (`waitFor`, which counts every send), and in a group
   * for minute / 20 (3 s) after the previous paced one, the group's
   * sustainable rate, so a stream of edits never spends the group's minute in
   * a burst and then falls silent for the rest of it.
   */
  paceWait(chatId: number): number {
    const last = chatId < 0 ? this.pacedAt.get(chatId) : undefined;
    const spaced = last === undefined ? 0 : last + this.group.windowMs / this.group.limit - this.now();
    return Math.max(this.waitFor(chatId), spaced, 0);
  }

  /** Waits on the pacer's clock (virtual in tests). */
  wait(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  /**
   * For the bot's API (innermost, so each try is seen): a send to a group that
   * took no slot counts toward the group's minute and the bot's second.
   */
  transformer(): Transformer {
    return async (prev, method, payload, signal) => {
      const chatId = (payload as { chat_id?: unknown }).chat_id;
      if (typeof chatId !== "number" || chatId >= 0 || !SENDING_METHODS.has(method)) return prev(method, payload, signal);
      const slotted = this.slotted.get(chatId) ?? 0;
      if (slotted > 0) {
        if (slotted === 1) this.slotted.delete(chatId);
        else this.slotted.set(chatId, slotted - 1);
        return prev(method, payload, signal);
      }
      const send: Send = { at: this.now() };
      this.free.window.push(send);
      this.groupWindow(chatId).push(send);
      try {
        return await prev(method, payload, signal);
      } finally {
        send.answeredAt = this.now();
      }
    };
  }

  /** After a 429 the whole bot waits, as Telegram asks (on the lane that was told: a paid one's limit is its own). */
  pauseFor(ms: number, paid = false): void {
    const lane = paid ? this.paid : this.free;
    lane.nextAt = Math.max(lane.nextAt, this.now() + ms);
  }

  private chatOpensAt(chatId: number): number {
    return Math.max(this.nextPerChatAt.get(chatId) ?? 0, this.groups.get(chatId)?.opensAt() ?? 0);
  }

  private groupWindow(chatId: number): SendWindow {
    let window = this.groups.get(chatId);
    if (!window) this.groups.set(chatId, (window = new SendWindow(this.group.limit, this.group.windowMs)));
    return window;
  }

  private forgetOld(now: number) {
    for (const [chat, at] of this.nextPerChatAt) if (at < now) this.nextPerChatAt.delete(chat);
    for (const [chat, window] of this.groups) if (window.idleSince(now)) this.groups.delete(chat);
    for (const [chat, at] of this.pacedAt) if (at + this.group.windowMs < now) this.pacedAt.delete(chat);
  }
}

type Send = { at: number; answeredAt?: number };

/** The last `limit` sends under one sliding window, oldest first: when each was answered (or, until then, when it left). */
class SendWindow {
  private recent: Send[] = [];

  constructor(
    private limit: number,
    private ms: number,
  ) {}

  /** when the next send may leave without `limit` sends in one window */
  opensAt(): number {
    const oldest = this.recent.length >= this.limit ? this.recent[0]! : undefined;
    return oldest ? (oldest.answeredAt ?? oldest.at) + this.ms : 0;
  }

  push(send: Send): void {
    this.recent.push(send);
    if (this.recent.length > this.limit) this.recent.shift();
  }

  /** nothing in it counts any more */
  idleSince(now: number): boolean {
    const last = this.recent[this.recent.length - 1];
    return !last || (last.answeredAt !== undefined && last.answeredAt + this.ms < now);
  }
}
