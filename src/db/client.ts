// Opens the database named by DATABASE_URL: an embedded SQLite file (default)
// or PostgreSQL. Both Prisma clients are generated from the same data model
// (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma), so
// they have the same API and the rest of the code sees one type, `Db`.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { serializedSqlite } from "./sqlite-adapter";

export type Db = PrismaClient;

/** A transaction (what `db.$transaction(async (tx) => …)` hands you): the one name for it. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Short interactive transactions, but patient with a busy SQLite writer. */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
/**
 * A transaction whose work grows with a buy's orders (its close): 15 s was
 * less than a 100,000-order close takes on PostgreSQL (~35 s here), which then
 * rolled back at every try and never closed.
 */
export const BULK_TX_OPTIONS = { maxWait: 15_000, timeout: 300_000 } as const;

/** A round trip that touches no table: the health check's "is the database there". */
export async function ping(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}

/**
 * Runs `work` in one transaction: how a use-case commits (outside src/db
 * nothing calls Prisma itself). Every db/ function takes the `tx` it is given.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: typeof TX_OPTIONS | typeof BULK_TX_OPTIONS = TX_OPTIONS): Promise<T> {
  return db.$transaction(work, options);
}

export type DatabaseProvider = "sqlite" | "postgresql";

export type ParsedDatabaseUrl =
  /** `file` is absolute; `url` is `file:` + that path */
  | { provider: "sqlite"; url: string; file: string }
  /** `url` always starts with postgresql:// */
  | { provider: "postgresql"; url: string; host: string; port: number; database: string };

export type OpenDatabase = {
  db: Db;
  provider: DatabaseProvider;
  close(): Promise<void>;
};

/** Writers wait this long for a lock instead of failing at once with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

const EXPECTED = "expected file:<path> for SQLite or postgresql://user:password@host:5432/database";

/**
 * Recognizes a DATABASE_URL, or throws an Error whose message is one line
 * fit to show the operator (never echoing a password).
 * SQLite paths are relative to the process's working directory.
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const trimmed = url.trim();
  if (trimmed.startsWith("file:")) return parseSqliteUrl(trimmed);
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return parsePostgresUrl(trimmed);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw new Error(`DATABASE_URL: ${scheme ? `unsupported scheme "${scheme}:"` : "not a URL"}; ${EXPECTED}`);
}

function parseSqliteUrl(url: string): ParsedDatabaseUrl {
  let path: string;
  if (url.startsWith("file://")) {
    try {
      path = fileURLToPath(url); // file:///abs/path — a real file URL
    } catch {
      throw new Error(`DATABASE_URL: invalid file URL; ${EXPECTED}`);
    }
  } else {
    path = url.slice("file:".length);
    if (path.includes("?")) {
      throw new Error("DATABASE_URL: SQLite URLs take no ?parameters; use file:<path>");
    }
  }
  if (path.length === 0) throw new Error(`DATABASE_URL: the SQLite file path is empty; ${EXPECTED}`);
  if (path === ":memory:" || path.startsWith(":memory:")) {
    // migrations and the bot open separate connections, each would get its own empty database
    throw new Error("DATABASE_URL: in-memory SQLite is not supported; use file:<path>");
  }
  const file = resolve(process.cwd(), path);
  return { provider: "sqlite", url: `file:${file}`, file };
}

function parsePostgresUrl(url: string): ParsedDatabaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`DATABASE_URL: malformed PostgreSQL URL; ${EXPECTED}`);
  }
  if (parsed.hostname.length === 0) throw new Error(`DATABASE_URL: the PostgreSQL host is missing; ${EXPECTED}`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (database.length === 0 || database.includes("/")) {
    throw new Error(`DATABASE_URL: name one PostgreSQL database after the host; ${EXPECTED}`);
  }
  const schema = parsed.searchParams.get("schema");
  if (schema !== null && schema !== "public") {
    // the migrations and the client assume the default search_path
    throw new Error("DATABASE_URL: only the public PostgreSQL schema is supported; use a separate database instead");
  }
  const port = parsed.port === "" ? 5432 : Number(parsed.port);
  const normalized = url.replace(/^postgres(ql)?:/i, "postgresql:");
  return { provider: "postgresql", url: normalized, host: parsed.hostname, port, database };
}

/**
 * Connects to the database (which migrateDatabase has brought up to date).
 * Connection errors surface here, not at the first query.
 */
export async function openDatabase(databaseUrl: string): Promise<OpenDatabase> {
  const parsed = parseDatabaseUrl(databaseUrl);
  const db = parsed.provider === "sqlite" ? await openSqlite(parsed.file) : await openPostgres(parsed.url);
  return {
    db,
    provider: parsed.provider,
    close: () => db.$disconnect(),
  };
}

async function openSqlite(file: string): Promise<Db> {
  mkdirSync(dirname(file), { recursive: true });
  // WAL lets readers proceed while one writer commits. The mode is stored in
  // the file, so set it once on a short-lived connection: the adapter offers
  // no hook to run pragmas on the connection it opens.
  const setup = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    setup.pragma("journal_mode = WAL");
  } finally {
    setup.close();
  }
  const adapter = serializedSqlite(new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }));
  const db = new PrismaClient({ adapter });
  try {
    await db.$connect();
    // better-sqlite3 is built with foreign keys on by default; say so anyway,
    // since cascades and referential checks depend on it. The adapter keeps one
    // connection for the client's lifetime, so this holds for every query.
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  } catch (error) {
    await db.$disconnect().catch(() => undefined);
    throw error;
  }
  return db;
}

async function openPostgres(url: string): Promise<Db> {
  // Loaded on demand: SQLite deployments never pay for the second client.
  const [{ PrismaClient: PostgresClient }, { PrismaPg }] = await Promise.all([
    import("../generated/prisma-pg/client"),
    import("@prisma/adapter-pg"),
  ]);
  const db = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    await db.$queryRawUnsafe("SELECT 1"); // the pool connects lazily; fail here, not at the first update
  } catch (error) {
    await db.$disconnect().catch(() => undefined);
    throw error;
  }
  // Same models and API, generated for another provider: only the nominal type differs.
  return db as unknown as Db;
}
