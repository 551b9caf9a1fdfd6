import type { StorageAdapter } from "grammy";
import type { Db } from "./client";

/**
 * Sessions and persisted conversations live in the database, so a restart
 * (or another instance behind the same webhook) continues where one left off.
 * Values are JSON; bigint is written as {"$bigint": "…"} and read back.
 */
export function storedStateAdapter<T>(db: Db, namespace: string): StorageAdapter<T> {
  const keyOf = (key: string) => `${namespace}:${key}`;
  return {
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
