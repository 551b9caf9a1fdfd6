import type { Db, Tx } from "./client";
import { Coalescer } from "./coalescer";
import { insertRows, type RawWriter } from "./bulk-insert";

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
    if (committedMarks.get(this.db)?.delete(updateId)) return Promise.resolve(); // its change's transaction marked it
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
    await this.db.storedState.deleteMany({ where: { key: { startsWith: ONCE_PREFIX }, updatedAt: { lt: olderThan } } });
    return count;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

/**
 * Marks an update handled inside the transaction of the change it makes, so
 * the two are committed together: re-delivered, the update is skipped, and
 * never half-applied. The mark written after the handler (ProcessedUpdates)
 * then finds it there and leaves it as it is.
 */
export async function markUpdateHandled(tx: RawWriter, updateId: number, handledAt = new Date()): Promise<void> {
  await markUpdatesHandled(tx, [updateId], handledAt);
}

/** markUpdateHandled for several updates, in one statement. */
export async function markUpdatesHandled(tx: RawWriter, updateIds: number[], handledAt = new Date()): Promise<void> {
  if (updateIds.length === 0) return;
  await insertRows(tx, "ProcessedUpdate", ["updateId", "handledAt"], updateIds.map((id) => ({ updateId: BigInt(id), handledAt })), { key: ["updateId"] });
}

/** Per database: updates whose mark a committed transaction wrote, not yet told to ProcessedUpdates.markHandled. */
const committedMarks = new WeakMap<object, Set<number>>();

/**
 * Says that a transaction marked these updates handled, and has committed:
 * the mark written after their handlers is then no round trip at all.
 */
export function markedWithChange(db: object, updateIds: number[]): void {
  if (updateIds.length === 0) return;
  let marked = committedMarks.get(db);
  if (!marked) committedMarks.set(db, (marked = new Set()));
  if (marked.size > 10_000) marked.clear(); // each is taken by its handler's mark: only a change made outside an update stays
  for (const id of updateIds) marked.add(id);
}

const ONCE_PREFIX = "once:";
const onceKey = (updateId: number, what: string) => `${ONCE_PREFIX}${what}:${updateId}`;

/** What `oncePerUpdate` kept for this update and change, if it ran (to skip the checks that its own effect now fails). */
export async function donePerUpdate<T>(db: Db, updateId: number, what: string): Promise<T | undefined> {
  const done = await db.storedState.findUnique({ where: { key: onceKey(updateId, what) } });
  return done ? (JSON.parse(done.value) as T) : undefined;
}

/**
 * A change made where the update's mark can't be in the same transaction
 * (inside a conversation, whose state is written later; before a reply the
 * member must see): it runs once per update id. Its result (JSON) is kept
 * with it; run again for the same update — re-delivered, or replayed by a
 * conversation whose state was not saved — it returns that result and
 * changes nothing. Kept as long as handled marks (ProcessedUpdates.prune).
 */
export async function oncePerUpdate<T>(db: Db, updateId: number, what: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  const key = onceKey(updateId, what);
  return db.$transaction(async (tx) => {
    const done = await tx.storedState.findUnique({ where: { key } });
    if (done) return JSON.parse(done.value) as T;
    const result = await change(tx);
    await tx.storedState.create({ data: { key, value: JSON.stringify(result ?? null) } });
    return result;
  });
}
