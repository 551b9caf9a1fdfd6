// A fresh, migrated database for each harness, on SQLite (default) or on
// PostgreSQL when TEST_DATABASE=postgres (the "postgres" vitest project).
// Both are copies of one template migrated once, so a test pays ~20 ms, not
// a migration run.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { migrateDatabase } from "../../src/db/migrate";
import { adminQuery, quoteIdent, withDatabaseName, type PostgresTestServer } from "./postgres";

export type TestDatabaseKind = "sqlite" | "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    letscoopPostgres?: PostgresTestServer;
  }
}

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

export type TestDatabase = { kind: TestDatabaseKind; url: string; cleanup(): Promise<void> };

/** A fresh migrated database of the kind this test process runs on. */
export function freshTestDatabase(): Promise<TestDatabase> {
  return testDatabaseKind() === "postgres" ? freshPostgres() : freshSqlite();
}

let sqliteTemplate: Promise<string> | undefined;

/** A migrated SQLite file per process, copied for each test. */
async function freshSqlite(): Promise<TestDatabase> {
  sqliteTemplate ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), "letscoop-template-")), "template.db");
    await migrateDatabase(`file:${file}`);
    return file;
  })();
  const template = await sqliteTemplate;
  const dir = mkdtempSync(join(tmpdir(), "letscoop-test-"));
  const file = join(dir, "test.db");
  copyFileSync(template, file);
  return { kind: "sqlite", url: `file:${file}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;

async function freshPostgres(): Promise<TestDatabase> {
  const server = inject("letscoopPostgres");
  if (!server) {
    throw new Error("TEST_DATABASE=postgres needs the postgres vitest project (its global setup migrates the template); run `npx vitest run --project postgres`");
  }
  const name = `${server.prefix}_${process.pid}_${++counter}`;
  await adminQuery(server.serverUrl, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(server.template)}`);
  return {
    kind: "postgres",
    url: withDatabaseName(server.serverUrl, name),
    // FORCE: a test that failed half-way may still hold connections
    cleanup: async () => void (await adminQuery(server.serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)),
  };
}

