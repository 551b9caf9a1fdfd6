import { Prisma } from "../generated/prisma/client";
import type { Writer } from "./group-buys";

/** Rows per statement: well under SQLite's and PostgreSQL's limits on parameters (19 columns × 200). */
const CHUNK = 200;

const quote = (identifier: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) throw new Error(`not an identifier: ${identifier}`);
  return `"${identifier}"`;
};

/**
 * Many rows, one plain INSERT per 200, for the batches the coalescers write.
 * Prisma 7 compiles a fresh query plan for every createMany and
 * createManyAndReturn (its plan cache leaves them out), which costs a few
 * milliseconds per call plus tens of microseconds per row: in a burst of
 * joins, more than all the rest of the database work together. A raw INSERT
 * goes through the same driver adapter as Prisma's own writes, which stores
 * dates, booleans and big integers the same way on SQLite and PostgreSQL.
 *
 * Give every column (dates too: a database default would store them in
 * another format); enums are their names. Tests compare rows written here
 * with rows Prisma wrote.
 */
/**
 * A row whose key (a unique index's columns) is taken already: left as it is
 * (`DO NOTHING`, and not returned), or those of its columns named in `update`
 * set from the new row. The same SQL on SQLite and PostgreSQL.
 */
export type OnConflict = { key: readonly string[]; update?: readonly string[] };

export async function insertRows<R extends object>(
  db: Writer,
  table: Prisma.ModelName,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
  onConflict?: OnConflict,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.$executeRaw(insertSql(table, columns, rows.slice(i, i + CHUNK), onConflict));
}

/**
 * insertRows, also returning the given columns of each row written (say the
 * new id and a natural key: match rows by the key, as the order of RETURNING
 * rows is not promised). Integers come back as numbers, big ones as bigint.
 */
export async function insertRowsReturning<R extends object, K extends string>(
  db: Writer,
  table: Prisma.ModelName,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
  returning: readonly K[],
  onConflict?: OnConflict,
): Promise<Record<K, unknown>[]> {
  const out: Record<K, unknown>[] = [];
  const tail = Prisma.raw(` RETURNING ${returning.map(quote).join(", ")}`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    out.push(...(await db.$queryRaw<Record<K, unknown>[]>`${insertSql(table, columns, rows.slice(i, i + CHUNK), onConflict)}${tail}`));
  }
  return out;
}

function insertSql<R extends object>(table: Prisma.ModelName, columns: readonly (keyof R & string)[], rows: readonly R[], onConflict?: OnConflict): Prisma.Sql {
  const head = Prisma.raw(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `);
  const values = rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => (row[c] as unknown) ?? null))})`);
  if (!onConflict) return Prisma.sql`${head}${Prisma.join(values)}`;
  const set = onConflict.update?.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(", ");
  const conflict = Prisma.raw(` ON CONFLICT (${onConflict.key.map(quote).join(", ")}) DO ${set ? `UPDATE SET ${set}` : "NOTHING"}`);
  return Prisma.sql`${head}${Prisma.join(values)}${conflict}`;
}
