import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, parseDatabaseUrl, type Db } from "../../src/db/client";
import { migrateDatabase, migrationsDirectory, schemaFile } from "../../src/db/migrate";
import { NO_FILTER, readMigrations, withSchemaEngine } from "../../src/db/schema-engine";
import type { DatabaseProvider } from "../../src/db/client";
import { postgresReachable, testPostgresUrl } from "../helpers/postgres";

/** A PostgreSQL server to create throwaway databases on; the PG tests skip only if it is unreachable. */
const POSTGRES_URL = testPostgresUrl();

function committedMigrations(provider: DatabaseProvider): string[] {
  return readdirSync(migrationsDirectory(provider), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The SQL a new migration would need; null when the migrations match the schema. */
async function pendingSchemaChanges(provider: DatabaseProvider, engineUrl: string): Promise<string | null> {
  const migrations = await readMigrations(migrationsDirectory(provider));
  const path = schemaFile(provider);
  const { stdout } = await withSchemaEngine(engineUrl, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [{ path, content: readFileSync(path, "utf8") }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    }),
  );
  const sql = (stdout ?? "").trim();
  return sql === "" || sql === "-- This is an empty migration." ? null : sql;
}

async function roundTripMember(db: Db): Promise<void> {
  const telegramId = 9_007_199_254_740_000n; // beyond 32 bits, as real chat ids are
  const created = await db.member.create({
    data: { telegramId, firstName: "Ada", referralCode: "ada-1" },
  });
  const found = await db.member.findUnique({ where: { telegramId } });
  expect(found).toMatchObject({ id: created.id, telegramId, firstName: "Ada", hideFromRecommenders: false });
  expect(found?.createdAt).toBeInstanceOf(Date);
  // the unique constraint from the migration is in force
  await expect(db.member.create({ data: { telegramId, firstName: "Twin", referralCode: "ada-2" } })).rejects.toThrow();
}

describe("schema files", () => {
  it("prisma/postgresql/schema.prisma is derived from prisma/schema.prisma", () => {
    const check = spawnSync(process.execPath, ["scripts/pg-schema.mjs", "--check"], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("the SQLite migrations produce exactly prisma/schema.prisma", async () => {
    const dir = mkdtempSync(join(tmpdir(), "letscoop-diff-"));
    try {
      expect(await pendingSchemaChanges("sqlite", `file:${join(dir, "scratch.db")}`)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("parseDatabaseUrl", () => {
  it("resolves SQLite paths against the working directory", () => {
    expect(parseDatabaseUrl("file:./data/x.db")).toEqual({
      provider: "sqlite",
      file: resolve("data/x.db"),
      url: `file:${resolve("data/x.db")}`,
    });
    expect(parseDatabaseUrl("file:///var/lib/x.db")).toMatchObject({ provider: "sqlite", file: "/var/lib/x.db" });
  });

  it("normalizes PostgreSQL URLs", () => {
    expect(parseDatabaseUrl("postgres://u:p@db.example:6543/coop?sslmode=require")).toEqual({
      provider: "postgresql",
      url: "postgresql://u:p@db.example:6543/coop?sslmode=require",
      host: "db.example",
      port: 6543,
      database: "coop",
    });
  });

  it.each([
    ["mysql://u:secret@h/db", /unsupported scheme "mysql:"/],
    ["file:", /path is empty/],
    ["file::memory:", /in-memory/],
    ["file:./x.db?mode=ro", /no \?parameters/],
    ["postgresql://u:secret@h:5432", /name one PostgreSQL database/],
    ["postgresql://u:secret@h/db?schema=other", /public PostgreSQL schema/],
    ["letscoop.db", /not a URL/],
  ])("rejects %s with one clear line", (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(message);
    try {
      parseDatabaseUrl(url);
    } catch (error) {
      const text = (error as Error).message;
      expect(text).not.toContain("\n");
      expect(text).not.toContain("secret");
    }
  });
});

describe("SQLite", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-migrate-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates a fresh file once, then has nothing to do", async () => {
    const url = `file:${join(dir, "not", "yet", "there.db")}`; // directories are created
    const lines: string[] = [];
    const first = await migrateDatabase(url, (line) => lines.push(line));
    expect(first.applied).toEqual(committedMigrations("sqlite"));
    expect(lines).toEqual(first.applied.map((name) => `applied migration ${name}`));

    const again = await migrateDatabase(url);
    expect(again.applied).toEqual([]);

    const database = await openDatabase(url);
    try {
      expect(database.provider).toBe("sqlite");
      await roundTripMember(database.db);
      expect(await database.db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      expect(await database.db.$queryRawUnsafe("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1n }]);
      const [{ timeout }] = (await database.db.$queryRawUnsafe("PRAGMA busy_timeout")) as [{ timeout: bigint }];
      expect(timeout).toBeGreaterThanOrEqual(5000n);
      const rows = (await database.db.$queryRawUnsafe(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL",
      )) as { migration_name: string }[];
      expect(rows.map((r) => r.migration_name).sort()).toEqual(committedMigrations("sqlite"));
    } finally {
      await database.close();
    }
  });
});

const reachable = await postgresReachable(POSTGRES_URL);

describe.skipIf(!reachable)("PostgreSQL", () => {
  const name = `letscoop_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  const url = (() => {
    const u = new URL(POSTGRES_URL);
    u.pathname = `/${name}`;
    return u.href;
  })();

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("migrates a fresh database once, then has nothing to do", async () => {
    const first = await migrateDatabase(url);
    expect(first.applied).toEqual(committedMigrations("postgresql"));
    expect((await migrateDatabase(url)).applied).toEqual([]);

    const database = await openDatabase(url);
    try {
      expect(database.provider).toBe("postgresql");
      await roundTripMember(database.db);
    } finally {
      await database.close();
    }
  });

  it("the PostgreSQL migrations produce exactly the derived schema", async () => {
    // replays them in a throwaway shadow database on the same server
    expect(await pendingSchemaChanges("postgresql", POSTGRES_URL)).toBeNull();
  });
});
