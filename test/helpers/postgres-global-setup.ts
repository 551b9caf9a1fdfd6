// Global setup of the "postgres" vitest project: migrates one template
// database for the whole run; each harness copies it (CREATE DATABASE …
// TEMPLATE) and drops its copy on close. The teardown drops whatever this run
// left behind (a crashed worker's databases), never another run's.
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../src/db/migrate";
import { adminQuery, DEFAULT_TEST_POSTGRES_URL, quoteIdent, withDatabaseName, type PostgresTestServer } from "./postgres";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  const prefix = `letscoop_t_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_tpl`;
  await migrateDatabase(withDatabaseName(serverUrl, template));
  const server: PostgresTestServer = { serverUrl, template, prefix };
  project.provide("letscoopPostgres", server);

  return async () => {
    const { rows } = await adminQuery(serverUrl, `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}\\_%'`);
    await Promise.all(
      (rows as { datname: string }[]).map((r) => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(r.datname)} WITH (FORCE)`)),
    );
  };
}
