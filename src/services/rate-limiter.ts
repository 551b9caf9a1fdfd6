/**
 * Paces outgoing messages under Telegram's limits: about 30 messages a second
 * overall and one a second per private chat. `take(chatId)` resolves when a
 * message to that chat may go out. Spacing (not bursts) keeps a sliding-window
 * limiter on the other side from ever seeing 31 in one second; 25 a second,
 * not 29, leaves 200 ms of slack for requests that leave or arrive unevenly
 * (at 29 a second, 35 ms of jitter was enough for a 429).
 */
export class SendPacer {
  private nextGlobalAt = 0;
  private nextPerChatAt = new Map<number, number>();

  constructor(
    private perSecond = 25,
    private perChatIntervalMs = 1_000,
    private now: () => number = () => performance.now(),
    private sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async take(chatId: number): Promise<void> {
    const now = this.now();
    const chatAt = this.nextPerChatAt.get(chatId) ?? 0;
    const at = Math.max(now, this.nextGlobalAt, chatAt);
    this.nextGlobalAt = at + 1000 / this.perSecond;
    this.nextPerChatAt.set(chatId, at + this.perChatIntervalMs);
    if (this.nextPerChatAt.size > 10_000) this.forgetOld(now);
    if (at > now) await this.sleep(at - now);
  }

  /** After a 429 the whole bot waits, as Telegram asks. */
  pauseFor(ms: number): void {
    this.nextGlobalAt = Math.max(this.nextGlobalAt, this.now() + ms);
  }

  private forgetOld(now: number) {
    for (const [chat, at] of this.nextPerChatAt) if (at < now) this.nextPerChatAt.delete(chat);
  }
}
