import { Prisma } from "../generated/prisma/client";
import type { Db } from "./client";

// Bulk inserts for the writes that scale with a burst of joins or a big buy's
// close (orders, their events, members first seen, notices, ledger accruals).
// Prisma 7 compiles a fresh query plan for every createMany and
// createManyAndReturn (its plan cache leaves them out): a few milliseconds per
// call plus ~0.15 ms per row — over a second and a half for a 10,000-order
// close, and more than the rest of a join burst's database work together. A
// multi-row INSERT … VALUES with bound parameters is the same statement on
// SQLite and PostgreSQL, goes through the same driver adapter as Prisma's own
// writes (dates, booleans and big integers stored the same way), and takes a
// tenth of that. Tests compare rows written here with rows Prisma wrote.

/** Anything that runs raw statements: the client or a transaction. */
export type RawWriter = Pick<Db, "$executeRaw" | "$queryRaw">;

/** Rows per statement: at ≤ 22 columns, far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
export const INSERT_CHUNK = 200;
const CHUNK = INSERT_CHUNK;

const quote = (identifier: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) throw new Error(`not an identifier: ${identifier}`);
  return `"${identifier}"`;
};

/**
 * A row whose key (a unique index's columns) is taken already: left as it is
 * (`DO NOTHING`, and not counted or returned), or those of its columns named in
 * `update` set from the new row. The same SQL on SQLite and PostgreSQL.
 */
export type OnConflict = { key: readonly string[]; update?: readonly string[] };

/**
 * Inserts rows as they are. Give every column (dates too: SQLite's
 * CURRENT_TIMESTAMP default is text in another format than Prisma's); enums
 * are their names. A value may be a Prisma.Sql expression (computed by the
 * statement: all rows of one statement see the table as it was before it). A duplicate key fails like Prisma's own writes (code
 * P2002) unless `onConflict` says otherwise. Returns how many rows were written.
 */
export async function insertRows<R extends object>(
  db: RawWriter,
  table: Prisma.ModelName,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
  onConflict?: OnConflict,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    written += await asPrismaError(() => db.$executeRaw(insertSql(table, columns, rows.slice(i, i + CHUNK), onConflict)));
  }
  return written;
}

/**
 * insertRows, also returning the given columns of each row written (say the
 * new id and a natural key: match rows by the key, as the order of RETURNING
 * rows is not promised). Integers come back as numbers, big ones as bigint.
 */
export async function insertRowsReturning<R extends object, K extends string>(
  db: RawWriter,
  table: Prisma.ModelName,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
  returning: readonly K[],
  onConflict?: OnConflict,
): Promise<Record<K, unknown>[]> {
  const out: Record<K, unknown>[] = [];
  const tail = Prisma.raw(` RETURNING ${returning.map(quote).join(", ")}`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const sql = Prisma.sql`${insertSql(table, columns, rows.slice(i, i + CHUNK), onConflict)}${tail}`;
    out.push(...(await asPrismaError(() => db.$queryRaw<Record<K, unknown>[]>(sql))));
  }
  return out;
}

/**
 * The statement's text pieces and values laid out flat, as Prisma.Sql keeps
 * them (one Prisma.sql and Prisma.join per row would allocate each value's
 * way through three nested Sql objects: garbage for a 10,000-row close).
 * A value that is itself a Prisma.Sql is spliced in by the Sql constructor.
 */
function insertSql<R extends object>(table: Prisma.ModelName, columns: readonly (keyof R & string)[], rows: readonly R[], onConflict?: OnConflict): Prisma.Sql {
  const strings: string[] = [];
  const values: unknown[] = [];
  let text = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    text += r === 0 ? "(" : ", (";
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) text += ", ";
      const value = row[columns[c]!] as unknown;
      const literal = literalOf(value);
      if (literal !== undefined) {
        text += literal;
        continue;
      }
      strings.push(text);
      values.push(value);
      text = "";
    }
    text += ")";
  }
  if (onConflict) {
    const set = onConflict.update?.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(", ");
    text += ` ON CONFLICT (${onConflict.key.map(quote).join(", ")}) DO ${set ? `UPDATE SET ${set}` : "NOTHING"}`;
  }
  strings.push(text);
  return new Prisma.Sql(strings, values as Prisma.Sql["values"]);
}

/**
 * A value written into the statement's text instead of bound: NULL, a boolean,
 * a whole number (digits alone: nothing to escape). Prisma serializes every
 * bound value of a raw statement to JSON and back, wrapping big integers, on
 * its way to the driver: for a 10,000-row close that was most of the bot's
 * garbage. Strings, dates and other numbers stay bound.
 */
function literalOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value))) return String(value);
  return undefined;
}

/** Raw statements report a duplicate key as P2010; callers (retries, replays) know it as P2002. */
async function asPrismaError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null)?.meta?.driverAdapterError?.cause;
    if (cause?.kind !== "UniqueConstraintViolation") throw error;
    throw Object.assign(new Error(`unique constraint violated: ${(error as Error).message}`, { cause: error }), { code: "P2002" });
  }
}
