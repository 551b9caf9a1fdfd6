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
export async function insertRows<R extends object>(db: Writer, table: Prisma.ModelName, columns: readonly (keyof R & string)[], rows: readonly R[]): Promise<void> {
  const head = Prisma.raw(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => (row[c] as unknown) ?? null))})`);
    await db.$executeRaw`${head}${Prisma.join(values)}`;
  }
}
