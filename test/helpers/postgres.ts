// PostgreSQL helpers for the test setup. No vitest imports here: the vitest
// config and the global setup load this file outside the test runner.
import pg from "pg";

export const DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** What the postgres project's global setup hands to every test process. */
export type PostgresTestServer = {
  /** a maintenance URL on the server (database "postgres") */
  serverUrl: string;
  /** the migrated template database */
  template: string;
  /** every database of this run starts with it; the global teardown drops them */
  prefix: string;
};

export function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function adminQuery(serverUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a PostgreSQL server answers at the URL (within ~2 s). */
export async function postgresReachable(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server tests create throwaway databases on. */
export const testPostgresUrl = (): string => process.env.TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;

/**
 * An empty, uniquely named database for tests that need PostgreSQL itself
 * (concurrency the single-writer SQLite never shows); `drop()` removes it.
 */
export async function throwawayPostgresDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = testPostgresUrl();
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  return {
    url: withDatabaseName(serverUrl, name),
    drop: async () => void (await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)),
  };
}
