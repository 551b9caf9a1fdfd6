import type { StorageAdapter } from "grammy";
import type { Db } from "./client";
import { markUpdateHandled } from "./processed-updates";

export type StoredStateAdapter<T> = StorageAdapter<T> & {
  /**
   * Writes the value (undefined: deletes it) and marks the update that
   * changed it handled, in one transaction: killed at any moment, the state
   * and the mark are both there or both not, so a re-delivered update is
   * neither applied twice nor fed to the next question.
   */
  commit(key: string, value: T | undefined, updateId: number): Promise<void>;
  /** Deletes the value inside a use-case's transaction (which marks its update). */
  deleteIn(tx: Pick<Db, "storedState">, key: string): Promise<void>;
  /** The keys stored under this namespace (without it). */
  keys(): Promise<string[]>;
};

/**
 * Sessions and persisted conversations live in the database, so a restart
 * (or another instance behind the same webhook) continues where one left off.
 * Values are JSON; bigint is written as {"$bigint": "…"} and read back.
 */
export function storedStateAdapter<T>(db: Db, namespace: string): StoredStateAdapter<T> {
  const keyOf = (key: string) => `${namespace}:${key}`;
  return {
    async commit(key, value, updateId) {
      const json = value === undefined ? undefined : JSON.stringify(value, replaceBigInt);
      await db.$transaction(async (tx) => {
        if (json === undefined) await tx.storedState.deleteMany({ where: { key: keyOf(key) } });
        else await tx.storedState.upsert({ where: { key: keyOf(key) }, update: { value: json }, create: { key: keyOf(key), value: json } });
        await markUpdateHandled(tx, updateId);
      });
    },
    async deleteIn(tx, key) {
      await tx.storedState.deleteMany({ where: { key: keyOf(key) } });
    },
    async keys() {
      const rows = await db.storedState.findMany({ where: { key: { startsWith: `${namespace}:` } }, select: { key: true } });
      return rows.map((r) => r.key.slice(namespace.length + 1));
    },
    async read(key) {
      const row = await db.storedState.findUnique({ where: { key: keyOf(key) } });
      return row ? (JSON.parse(row.value, reviveBigInt) as T) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value, replaceBigInt);
      await db.storedState.upsert({ where: { key: keyOf(key) }, update: { value: json }, create: { key: keyOf(key), value: json } });
    },
    async delete(key) {
      await db.storedState.deleteMany({ where: { key: keyOf(key) } });
    },
  };
}

function replaceBigInt(_key: string, value: unknown) {
  return typeof value === "bigint" ? { $bigint: value.toString() } : value;
}

function reviveBigInt(_key: string, value: unknown) {
  if (value && typeof value === "object" && "$bigint" in value && Object.keys(value).length === 1) {
    return BigInt((value as { $bigint: string }).$bigint);
  }
  return value;
}
