// `npm run db:migrate -- <name>`: after changing prisma/schema.prisma, writes
// the next migration for BOTH providers and applies it to the dev database.
// The offline stand-in for `prisma migrate dev`:
//
//  1. derives prisma/postgresql/schema.prisma and regenerates both clients;
//  2. per provider, asks Prisma's schema engine for the SQL that takes a
//     database built from the committed migrations to the schema (it replays
//     them in a shadow database: in-memory SQLite, and a throwaway PostgreSQL
//     database on MIGRATE_POSTGRES_URL's server);
//  3. writes prisma/migrations/<timestamp>_<name>/migration.sql and
//     prisma/postgresql/migrations/<same>/migration.sql (with lock files);
//  4. applies pending migrations to DATABASE_URL (default file:./data/letscoop.db).
//
// Without a PostgreSQL server (MIGRATE_POSTGRES_URL, default a local one) it
// still writes and applies the SQLite migration, so a SQLite-only developer can
// go on working, then says in one line that the PostgreSQL twin is missing and
// exits 1. Why not refuse both: that blocks the developer for no gain, since
// the PostgreSQL SQL can only be written later anyway. Why not exit 0: the
// change is half done and must not look finished; CI's check that the
// PostgreSQL migrations produce the schema (test/db/migrate.test.ts) fails too
// until the twin is committed. Running the script again where a server answers
// writes the missing twin under the SQLite migration's own folder name, so the
// two folders stay in step.
//
// Review the SQL before committing: like `migrate dev`, a dropped column or a
// new required column without a default can lose data or fail on a full table.
import { spawnSync } from "node:child_process";
import pg from "pg";
import { z } from "zod";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "../src/db/client";
import { migrateDatabase, migrationsDirectory, schemaFile } from "../src/db/migrate";
import { lockfileContent, NO_FILTER, readMigrations, withSchemaEngine } from "../src/db/schema-engine";

const root = fileURLToPath(new URL("../", import.meta.url));
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));

const DEFAULT_DATABASE_URL = "file:./data/letscoop.db";
const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** A failure a developer can fix: printed as one line, exit code 1 (after every clean-up ran). */
class MigrateError extends Error {}

function fail(message: string): never {
  throw new MigrateError(message);
}

const USAGE = "usage: npm run db:migrate -- <name>   (e.g. add member phone, or add_member_phone)";

/**
 * Prisma-style folder names: lower case, words joined by underscores. Every
 * word after `--` counts (`db:migrate -- add member phone`), none is dropped.
 */
const migrationNameSchema = z
  .array(z.string())
  .transform((words) => words.join("_").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, ""))
  .pipe(
    z
      .string()
      .min(1, USAGE)
      .max(100, "the migration name should be at most 100 characters")
      .regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, USAGE),
  );

function migrationName(args: string[]): string {
  const result = migrationNameSchema.safeParse(args);
  if (!result.success) fail(result.error.issues[0]!.message);
  return result.data;
}

/** UTC yyyymmddhhmmss, later than every existing migration so the order is unambiguous. */
function timestamp(existing: string[]): string {
  const format = (d: Date) => d.toISOString().replace(/\D/g, "").slice(0, 14);
  const latest = existing.map((n) => n.slice(0, 14)).sort().at(-1) ?? "";
  const now = format(new Date());
  if (now > latest) return now;
  // a clock behind the newest migration: one second after it
  const [y, mo, d, h, mi, se] = (latest.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/) ?? []).slice(1).map(Number);
  if (y === undefined) fail(`cannot order after the migration named ${latest}…`);
  return format(new Date(Date.UTC(y, (mo ?? 1) - 1, d, h, mi, (se ?? 0) + 1)));
}

/**
 * Where the PostgreSQL diff creates its shadow database: the dev server's
 * maintenance database when DATABASE_URL is PostgreSQL (the dev database
 * itself may not exist yet), else a local server.
 */
function shadowServerUrl(databaseUrl: string | undefined): string {
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) return DEFAULT_POSTGRES_URL;
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.href;
}

/** Whether a PostgreSQL server answers at the URL: a diff needs one for its shadow database. */
async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function folderNames(provider: DatabaseProvider): Promise<string[]> {
  return readMigrations(migrationsDirectory(provider)).then((m) => m.migrationDirectories.map((d) => d.path));
}

/** The SQL from the committed migrations to the schema, or null when they already agree. */
async function pendingSql(provider: DatabaseProvider, engineUrl: string): Promise<string | null> {
  const directory = migrationsDirectory(provider);
  const migrations = await readMigrations(directory);
  const lock = migrations.lockfile.content;
  if (lock === null) {
    // first migration: the engine reads the provider from the lock file
    migrations.lockfile.content = lockfileContent(provider);
  } else if (!lock.includes(`provider = "${provider}"`)) {
    fail(`${relative(root, directory)}/migration_lock.toml is not for ${provider}`);
  }
  const path = schemaFile(provider);
  const content = readFileSync(path, "utf8");
  const { stdout } = await withSchemaEngine(
    engineUrl,
    (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: [{ path, content }] },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      }),
    { schemas: [[path, content]], log: (line) => console.error(line) },
  );
  const sql = (stdout ?? "").trim();
  return sql === "" || sql === "-- This is an empty migration." ? null : sql + "\n";
}

async function main(): Promise<void> {
  const name = migrationName(process.argv.slice(2));

  // 1. the derived schema and both clients must match prisma/schema.prisma
  const generate = spawnSync(process.execPath, [join(root, "scripts", "generate-client.mjs")], {
    stdio: "inherit",
    env: { ...process.env, CI: "" }, // rewrite the derived schema, never just check it
  });
  if (generate.status !== 0) fail("generating the clients failed (see above)");

  // 2. diff both providers; SQLite's shadow database is in memory, the scratch
  //    file only gives the engine a main connection it never writes to
  const postgresUrl = process.env.MIGRATE_POSTGRES_URL || shadowServerUrl(process.env.DATABASE_URL);
  const postgresUp = await postgresAnswers(postgresUrl);
  const scratch = mkdtempSync(join(tmpdir(), "letscoop-migrate-"));
  let sql: Record<DatabaseProvider, string | null>;
  try {
    sql = {
      sqlite: await pendingSql("sqlite", `file:${join(scratch, "scratch.db")}`),
      postgresql: postgresUp ? await pendingSql("postgresql", postgresUrl) : null,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  // 3. write the folders under one shared name. SQLite migrations without a
  //    PostgreSQL twin (written earlier without a server) get it now, under
  //    their own name when there is no new change; PostgreSQL's one script
  //    covers them all.
  const [sqliteFolders, postgresFolders] = await Promise.all([folderNames("sqlite"), folderNames("postgresql")]);
  const lacking = sqliteFolders.filter((f) => !postgresFolders.includes(f)).sort();
  let folder: string | undefined;
  if (sql.sqlite !== null) folder = `${timestamp([...sqliteFolders, ...postgresFolders])}_${name}`;
  else if (sql.postgresql !== null) folder = lacking.at(-1) ?? `${timestamp([...sqliteFolders, ...postgresFolders])}_${name}`;
  if (folder === undefined) {
    console.log(postgresUp || lacking.length === 0 ? "no schema changes" : "no SQLite schema changes");
  } else {
    for (const provider of ["sqlite", "postgresql"] as const) {
      const script = sql[provider];
      if (script === null) continue;
      const directory = migrationsDirectory(provider);
      mkdirSync(join(directory, folder), { recursive: true });
      writeFileSync(join(directory, folder, "migration.sql"), script);
      const lock = join(directory, "migration_lock.toml");
      if (!existsSync(lock)) writeFileSync(lock, lockfileContent(provider));
      console.log(`wrote ${relative(root, join(directory, folder, "migration.sql"))}`);
    }
  }

  // 4. bring the dev database up to date (a SQLite one even without a PostgreSQL server)
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const { applied } = await migrateDatabase(databaseUrl, (line) => console.log(line));
  if (applied.length === 0) console.log("dev database already up to date");

  // 5. a SQLite migration without its PostgreSQL twin is half a change
  if (!postgresUp) {
    const missing = [...lacking, ...(sql.sqlite !== null && folder ? [folder] : [])];
    if (missing.length > 0) {
      fail(
        `no PostgreSQL server answers at ${new URL(postgresUrl).host}, so prisma/postgresql/migrations lacks ${missing.join(", ")}: ` +
          `run \`npm run db:migrate -- ${name}\` again where one does (MIGRATE_POSTGRES_URL=postgresql://user@host:5432/postgres) before committing`,
      );
    }
  }
}

// exitCode, not process.exit: main's finally blocks have run (the scratch
// folder is gone) and the output reaches a pipe in full
main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
