import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../src/db/migrate";
import { postgresReachable as serverAnswers } from "../../test/helpers/postgres";

export type BenchDatabase = { url: string; label: "sqlite" | "postgresql"; cleanup: () => Promise<void> };

export const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function postgresReachable(): Promise<boolean> {
  return serverAnswers(POSTGRES_SERVER);
}

/** A fresh, migrated database of the given kind for one benchmark run. */
export async function freshDatabase(kind: "sqlite" | "postgresql"): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "letscoop-bench-"));
    const url = `file:${join(dir, "bench.db")}`;
    await migrateDatabase(url);
    return { url, label: kind, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `letscoop_bench_${process.pid}_${Date.now()}`;
  const server = new URL(POSTGRES_SERVER);
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  await migrateDatabase(url.href);
  return {
    url: url.href,
    label: kind,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: server.href });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
