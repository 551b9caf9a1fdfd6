/**
 * Paces outgoing messages under Telegram's limits: about 30 messages a second
 * overall and one a second per private chat. `take(chatId)` resolves when a
 * message to that chat may go out.
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
 * window of Telegram's can hold more than `windowLimit` arrivals.
 */
export class SendPacer {
  private nextGlobalAt = 0;
  private nextPerChatAt = new Map<number, number>();
  /** the last `windowLimit` sends, oldest first: when each was answered (or, until then, when it left) */
  private recent: { at: number; answeredAt?: number }[] = [];

  constructor(
    private perSecond = 28,
    private perChatIntervalMs = 1_000,
    private now: () => number = () => performance.now(),
    private sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private windowLimit = 29,
    private windowMs = 1_000,
  ) {}

  /** Waits for a slot for one message to `chatId`; call the returned function when Telegram has answered it. */
  async take(chatId: number): Promise<() => void> {
    const now = this.now();
    const interval = 1000 / this.perSecond;
    // catching up is bounded: after an idle spell the schedule restarts now
    const scheduled = Math.max(this.nextGlobalAt, now - 2 * interval);
    const oldest = this.recent.length >= this.windowLimit ? this.recent[0]! : undefined;
    const windowOpensAt = oldest ? (oldest.answeredAt ?? oldest.at) + this.windowMs : 0;
    const at = Math.max(now, scheduled, windowOpensAt, this.nextPerChatAt.get(chatId) ?? 0);
    // a wait we imposed (window, chat) moves the schedule; a late start does not
    this.nextGlobalAt = (at > Math.max(now, scheduled) ? at : scheduled) + interval;
    this.nextPerChatAt.set(chatId, at + this.perChatIntervalMs);
    const send: { at: number; answeredAt?: number } = { at };
    this.recent.push(send);
    if (this.recent.length > this.windowLimit) this.recent.shift();
    if (this.nextPerChatAt.size > 10_000) this.forgetOld(now);
    if (at > now) await this.sleep(at - now);
    return () => void (send.answeredAt ??= this.now());
  }

  /** After a 429 the whole bot waits, as Telegram asks. */
  pauseFor(ms: number): void {
    this.nextGlobalAt = Math.max(this.nextGlobalAt, this.now() + ms);
  }

  private forgetOld(now: number) {
    for (const [chat, at] of this.nextPerChatAt) if (at < now) this.nextPerChatAt.delete(chat);
  }
}
