import type { Db } from "./client";
import { Coalescer } from "./coalescer";
import { insertRows } from "./bulk-insert";

/**
 * Telegram delivers at least once (a crash before the offset is confirmed
 * re-delivers the batch). Handled update ids are remembered so a re-delivered
 * update changes nothing twice.
 */
export class ProcessedUpdates {
  // Updates handled side by side ask and record together: one statement for many.
  private asked: Coalescer<number, boolean>;
  private marks: Coalescer<number, void>;

  constructor(private db: Db) {
    this.asked = new Coalescer({
      many: async (ids) => {
        const rows = await this.db.processedUpdate.findMany({ where: { updateId: { in: ids.map(BigInt) } }, select: { updateId: true } });
        const handled = new Set(rows.map((r) => Number(r.updateId)));
        return ids.map((id) => handled.has(id));
      },
      one: async (id) => (await this.db.processedUpdate.findUnique({ where: { updateId: BigInt(id) }, select: { updateId: true } })) !== null,
    });
    this.marks = new Coalescer({
      // one statement; ids marked already (inside a handler's own transaction) stay as they are
      many: async (ids) => {
        const handledAt = new Date();
        const rows = ids.map((id) => ({ updateId: BigInt(id), handledAt }));
        await insertRows(this.db, "ProcessedUpdate", ["updateId", "handledAt"], rows, { key: ["updateId"] });
        return ids.map(() => undefined);
      },
      one: (id) => this.markOne(id),
      key: String,
    });
  }

  wasHandled(updateId: number): Promise<boolean> {
    return this.asked.run(updateId);
  }

  markHandled(updateId: number): Promise<void> {
    return this.marks.run(updateId);
  }

  private async markOne(updateId: number): Promise<void> {
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
