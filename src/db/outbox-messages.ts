// The outbox table: notifications written with the change they announce and
// sent later by the paced sender (src/services/outbox.ts).
import type { Db } from "./client";
import { insertRows, type RawWriter } from "./bulk-insert";

export type QueuedMessage = {
  dedupKey: string;
  chatId: number;
  text: string;
  /** JSON of the inline keyboard, if any */
  replyMarkup: string | null;
  notBefore: Date;
  kind: OutboxKind;
  messageId: number | null;
  photo: string | null;
  /** sent with allow_paid_broadcast (the community pays Stars to go past the free 30 a second) */
  paidBroadcast: boolean;
};

/** What the sender does with a row: send a text, send a photo (text as caption), edit or delete one of the bot's messages. */
export type OutboxKind = "SEND" | "PHOTO" | "EDIT" | "DELETE";

export type DueMessage = {
  id: number;
  dedupKey: string;
  chatId: bigint;
  text: string;
  replyMarkup: string | null;
  attempts: number;
  kind: string;
  messageId: number | null;
  photo: string | null;
  paidBroadcast: boolean;
};

/** Queues messages; keys already queued are left alone. Returns how many were new. */
export function queueMessages(writer: RawWriter, messages: QueuedMessage[]): Promise<number> {
  const createdAt = new Date(); // what @default(now()) would write
  return insertRows(
    writer,
    "OutboxMessage",
    ["dedupKey", "chatId", "text", "replyMarkup", "notBefore", "kind", "messageId", "photo", "paidBroadcast", "createdAt"],
    // only a send or a photo can be paid (Telegram's parameter is on sendMessage / sendPhoto)
    messages.map((m) => ({ ...m, paidBroadcast: m.paidBroadcast && (m.kind === "SEND" || m.kind === "PHOTO"), chatId: BigInt(m.chatId), createdAt })),
    { key: ["dedupKey"] },
  );
}

export class OutboxMessages {
  constructor(private db: Db) {}

  /** The next pending messages due by `now`, oldest first, except those set aside. */
  async due(now: Date, setAside: ReadonlySet<number>, take = 200): Promise<DueMessage[]> {
    const rows = await this.db.outboxMessage.findMany({
      where: { status: "PENDING", notBefore: { lte: now }, ...(setAside.size ? { id: { notIn: [...setAside] } } : {}) },
      orderBy: { id: "asc" },
      take,
      select: { id: true, dedupKey: true, chatId: true, text: true, replyMarkup: true, attempts: true, kind: true, messageId: true, photo: true, paidBroadcast: true },
    });
    return rows;
  }

  /** Claims a due message by moving its notBefore to `until`; false if another drain has it. */
  async claim(id: number, now: Date, until: Date): Promise<boolean> {
    const { count } = await this.db.outboxMessage.updateMany({ where: { id, status: "PENDING", notBefore: { lte: now } }, data: { notBefore: until } });
    return count === 1;
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status: "SENT", sentAt: at, attempts: { increment: 1 } } });
  }

  /**
   * Claims several due messages by one write; returns those claimed. When
   * another drain got some first, ours are told apart by the claim's time
   * (`until`, to the millisecond).
   */
  async claimMany(ids: number[], now: Date, until: Date): Promise<Set<number>> {
    const { count } = await this.db.outboxMessage.updateMany({ where: { id: { in: ids }, status: "PENDING", notBefore: { lte: now } }, data: { notBefore: until } });
    if (count === ids.length) return new Set(ids);
    if (count === 0) return new Set();
    const ours = await this.db.outboxMessage.findMany({ where: { id: { in: ids }, status: "PENDING", notBefore: until }, select: { id: true } });
    return new Set(ours.map((r) => r.id));
  }

  /** Gives back claimed messages that were not sent: due again at `now`. */
  async release(ids: number[], until: Date, now: Date): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id: { in: ids }, status: "PENDING", notBefore: until }, data: { notBefore: now } });
  }

  /** Marks a batch of claimed messages as sent (by one write). */
  async markSentMany(ids: number[], at: Date): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { status: "SENT", sentAt: at, attempts: { increment: 1 } } });
  }

  /** A paid message to send again unpaid, due now (its attempts unchanged: the send itself was not at fault). */
  async sendFree(id: number, now: Date): Promise<void> {
    await this.db.outboxMessage.updateMany({ where: { id, status: "PENDING" }, data: { paidBroadcast: false, notBefore: now } });
  }

  async markBlocked(id: number, attempts: number, lastError: string): Promise<void> {
    await this.db.outboxMessage.update({ where: { id }, data: { status: "BLOCKED", attempts, lastError } });
  }

  /** A failed send: tried again at `notBefore`, or given up (FAILED). */
  async recordFailure(id: number, outcome: { giveUp: boolean; attempts: number; lastError: string; notBefore: Date }): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: { status: outcome.giveUp ? "FAILED" : "PENDING", attempts: outcome.attempts, lastError: outcome.lastError, notBefore: outcome.notBefore },
    });
  }
}

/** How many of the messages whose keys start with `prefix` were handled (sent, blocked or given up) and how many there are. */
export async function progressOf(db: Db, prefix: string): Promise<{ done: number; total: number }> {
  // a key range, not LIKE: it uses the unique index on dedupKey on both databases
  const range = { gte: prefix, lt: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
  const [total, pending] = await Promise.all([
    db.outboxMessage.count({ where: { dedupKey: range } }),
    db.outboxMessage.count({ where: { dedupKey: range, status: "PENDING" } }),
  ]);
  return { done: total - pending, total };
}
