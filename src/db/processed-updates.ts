import type { Db } from "./client";

/**
 * Telegram delivers at least once (a crash before the offset is confirmed
 * re-delivers the batch). Handled update ids are remembered so a re-delivered
 * update changes nothing twice.
 */
export class ProcessedUpdates {
  constructor(private db: Db) {}

  async wasHandled(updateId: number): Promise<boolean> {
    const row = await this.db.processedUpdate.findUnique({ where: { updateId: BigInt(updateId) }, select: { updateId: true } });
    return row !== null;
  }

  async markHandled(updateId: number): Promise<void> {
    try {
      await this.db.processedUpdate.create({ data: { updateId: BigInt(updateId) } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // already marked inside the handler's own transaction
    }
  }

  /** Keeps the table small: ids older than Telegram's 24 h redelivery window are useless. */
  async prune(olderThan: Date): Promise<number> {
    const { count } = await this.db.processedUpdate.deleteMany({ where: { handledAt: { lt: olderThan } } });
    return count;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
