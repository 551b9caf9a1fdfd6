import type { DueMessage, OutboxMessages } from "../db/outbox-messages";
import type { Logger } from "../logger";

/**
 * What a refused paid send means to whoever queued it (a close: its
 * organizers are told). `once`: one telling per key in a process (a close's
 * hundreds of refusals tell once); `tell` queues its messages under their own
 * dedup keys, which make it once across restarts and instances too.
 */
export type PaidRefusalHook = (dedupKey: string) => { once: string; tell: () => Promise<void> } | undefined;

/** how many paid sends' SENT marks are written at once */
const MARK_BATCH = 100;

/**
 * The outbox's paid broadcasts go up to 900 a second, more than a database
 * write each can keep up with (two per message: the claim and the mark). So a
 * batch's paid messages are claimed by one write, and marked SENT a hundred at
 * a write. A claimed message the pass did not send is given back at its end;
 * one sent but not yet marked stays claimed, so a crash sends it again after
 * the claim (at least once, as every outbox message).
 */
export class PaidSends {
  private sent: number[] = [];
  hook?: PaidRefusalHook;
  /** the tellings done or under way in this process, by their `once` key */
  private told = new Map<string, Promise<void>>();

  constructor(
    private messages: OutboxMessages,
    private logger: Logger,
  ) {}

  /** Claims the batch's paid messages until `until`; returns those this drain has (not those another has). */
  async claim(batch: DueMessage[], now: Date, until: Date): Promise<Set<number>> {
    const ids = batch.filter((m) => m.paidBroadcast).map((m) => m.id);
    return ids.length === 0 ? new Set() : this.messages.claimMany(ids, now, until);
  }

  /** Gives back claimed messages that were not sent (the pass stopped, or their chat must wait): due again now. */
  async release(ids: number[], until: Date, now: Date): Promise<void> {
    if (ids.length > 0) await this.messages.release(ids, until, now);
  }

  async markSent(id: number, now: () => Date): Promise<void> {
    if (this.sent.push(id) >= MARK_BATCH) await this.flush(now());
  }

  /** Writes the marks not yet written. */
  async flush(now: Date): Promise<void> {
    const ids = this.sent.splice(0);
    if (ids.length === 0) return;
    // on failure the claims stand: these are sent again after the claim
    await this.messages.markSentMany(ids, now).catch((error: unknown) => this.logger.error("could not record notifications as sent", { count: ids.length, error }));
  }

  /**
   * Telegram refused a paid send (the bot's Stars ran out, or paid broadcasts
   * aren't open to it): whoever queued it is told, then it goes again at once
   * on the free lane (late, never lost). Told first: a crash in between leaves
   * it paid and claimed, so it is refused again after the claim and the
   * telling (a no-op by its keys by then) comes before the row goes free. A
   * telling that fails fails each refusal waiting on it: their claims stand.
   */
  async refused(message: Pick<DueMessage, "id" | "dedupKey">, now: Date): Promise<void> {
    const refusal = this.hook?.(message.dedupKey);
    if (refusal) {
      let told = this.told.get(refusal.once);
      if (!told) {
        this.told.set(refusal.once, (told = refusal.tell()));
        told.catch(() => this.told.delete(refusal.once));
      }
      await told;
    }
    await this.messages.sendFree(message.id, now);
  }
}
