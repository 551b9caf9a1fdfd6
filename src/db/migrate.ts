// Applies the committed Prisma migrations at start-up and before tests, offline.
//
// `prisma migrate deploy` needs a native schema engine that can't be
// downloaded here, so we run Prisma's WebAssembly schema engine through the
// driver adapters (schema-engine.ts). `applyMigrations` is the very call behind
// `migrate deploy`: same `_prisma_migrations` table and checksums, so a
// deployment may switch to the stock CLI (or back) at any time.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseProvider } from "./client";
import { NO_FILTER, postgresCommand, readMigrations, withSchemaEngine } from "./schema-engine";
import { allMigrationsApplied } from "./migration-status";
import { projectRoot as root } from "../project-root";


/** Each provider's migrations, in Prisma's standard layout next to its schema. */
export function migrationsDirectory(provider: DatabaseProvider): string {
  return provider === "sqlite" ? join(root, "prisma", "migrations") : join(root, "prisma", "postgresql", "migrations");
}

/** The schema each provider's migrations are generated from (the PostgreSQL one is derived). */
export function schemaFile(provider: DatabaseProvider): string {
  return provider === "sqlite" ? join(root, "prisma", "schema.prisma") : join(root, "prisma", "postgresql", "schema.prisma");
}

/**
 * Creates the PostgreSQL database named in the URL if it doesn't exist, as
 * `prisma migrate deploy` does, so a fresh server needs no manual step.
 * Returns whether it created it.
 */
async function ensurePostgresDatabase(url: string, database: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // 3D000: no such database
  } finally {
    await probe.end().catch(() => undefined);
  }
  // pg lets a connection string override a `database` option: rewrite the URL instead
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  try {
    await postgresCommand(maintenance.href, `CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42P04") throw error; // 42P04: created meanwhile
  }
  return true;
}

/**
 * Applies every pending migration of the database's provider, in order, with
 * `prisma migrate deploy`'s bookkeeping. Idempotent: an up-to-date database is
 * left untouched. Creates the SQLite file (and its directory) or the
 * PostgreSQL database if missing. Returns the names of the migrations applied.
 */
export async function migrateDatabase(
  databaseUrl: string,
  log?: (line: string) => void,
): Promise<{ applied: string[] }> {
  const parsed = parseDatabaseUrl(databaseUrl);
  const directory = migrationsDirectory(parsed.provider);
  const migrationsList = await readMigrations(directory);
  if (migrationsList.lockfile.content === null || migrationsList.migrationDirectories.length === 0) {
    throw new Error(`no ${parsed.provider} migrations in ${directory}`);
  }
  if (await allMigrationsApplied(parsed, migrationsList)) return { applied: [] };
  if (parsed.provider === "sqlite") {
    mkdirSync(dirname(parsed.file), { recursive: true });
  } else if (await ensurePostgresDatabase(parsed.url, parsed.database)) {
    log?.(`created PostgreSQL database ${parsed.database}`);
  }
  const { appliedMigrationNames } = await withSchemaEngine(
    parsed.url,
    (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    { log },
  );
  for (const name of appliedMigrationNames) log?.(`applied migration ${name}`);
  return { applied: appliedMigrationNames };
}
