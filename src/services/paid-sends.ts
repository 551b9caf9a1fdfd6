import type { DueMessage, OutboxMessages } from "../db/outbox-messages";
import type { Logger } from "../logger";

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
}
