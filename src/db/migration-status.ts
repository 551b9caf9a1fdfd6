import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import type { ParsedDatabaseUrl } from "./client";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/**
 * True when every migration in the folder is recorded as applied, with the
 * same checksum, in `_prisma_migrations`. This is the common case at every
 * start, and answering it without the WebAssembly schema engine keeps ~90 MB
 * of engine out of the running bot's memory.
 */
export async function allMigrationsApplied(parsed: ParsedDatabaseUrl, migrations: MigrationList): Promise<boolean> {
  const rows = await readApplied(parsed);
  if (!rows) return false;
  const done = new Map(rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => [r.migration_name, r.checksum]));
  return migrations.migrationDirectories.every((dir) => {
    const content = dir.migrationFile.content;
    if (content.tag !== "ok") return false;
    return done.get(dir.path) === createHash("sha256").update(content.value).digest("hex");
  });
}

async function readApplied(parsed: ParsedDatabaseUrl): Promise<AppliedRow[] | undefined> {
  const sql = "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations";
  if (parsed.provider === "sqlite") {
    if (!existsSync(parsed.file)) return undefined;
    const db = new Database(parsed.file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as AppliedRow[];
    } catch {
      return undefined; // no bookkeeping table yet
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: parsed.url });
  try {
    await client.connect();
    return (await client.query<AppliedRow>(sql)).rows;
  } catch {
    return undefined; // no database or no table yet: let the engine create them
  } finally {
    await client.end().catch(() => undefined);
  }
}
