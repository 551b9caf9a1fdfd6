import type { Db } from "./client";
import { Prisma } from "../generated/prisma/client";

// Bulk inserts for the writes that scale with a buy's orders: for each order a
// close queues a notice and accrues a commission, or voids it. Prisma's
// createMany compiles a query plan as large as its rows on every call (it
// can't cache them), which costs ~0.15 ms a row: over a second and a half for
// a 10,000-order close.
// A multi-row INSERT … VALUES with bound parameters is the same statement on
// SQLite and PostgreSQL and takes a tenth of that.

/** The rows this module may insert, as Prisma types them. */
type Inputs = {
  OutboxMessage: Prisma.OutboxMessageCreateManyInput;
  LedgerEntry: Prisma.LedgerEntryCreateManyInput;
  OrderEvent: Prisma.OrderEventCreateManyInput;
};

/** Anything that runs raw statements: the client or a transaction. */
export type RawWriter = Pick<Db, "$executeRaw">;

/** 500 rows of ≤ 13 columns stay far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts rows as they are (every row with the same columns, dates as Date:
 * the driver adapter stores them as Prisma does). Columns left out get the
 * database's default, so pass every @default(now()) column explicitly —
 * SQLite's CURRENT_TIMESTAMP is text in another format than Prisma's.
 * A duplicate key fails like Prisma's own writes do (code P2002), except on
 * `skipDuplicatesOf` (a unique column): rows whose value is taken are left
 * out, even when a concurrent transaction took it. Returns the rows written.
 */
export async function insertRows<M extends keyof Inputs>(
  writer: RawWriter,
  model: M,
  rows: Inputs[M][],
  options: { skipDuplicatesOf?: keyof Inputs[M] & string } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!) as (keyof Inputs[M] & string)[];
  const unique = options.skipDuplicatesOf;
  for (const name of [model, ...columns, ...(unique ? [unique] : [])]) if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`insertRows: bad identifier ${name}`);
  const head = Prisma.raw(`INSERT INTO "${model}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const tail = unique ? Prisma.raw(` ON CONFLICT ("${unique}") DO NOTHING`) : Prisma.empty;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
      if (Object.keys(row).length !== columns.length) throw new Error(`insertRows: every ${model} row needs the same columns`);
      return Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`;
    });
    try {
      inserted += await writer.$executeRaw`${head}${Prisma.join(values)}${tail}`;
    } catch (error) {
      throw asUniqueViolation(error);
    }
  }
  return inserted;
}

/** Raw statements report a duplicate key as P2010; callers (retries, replays) know it as P2002. */
function asUniqueViolation(error: unknown): unknown {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null)?.meta?.driverAdapterError?.cause;
  if (cause?.kind !== "UniqueConstraintViolation") return error;
  return Object.assign(new Error(`unique constraint violated: ${(error as Error).message}`, { cause: error }), { code: "P2002" });
}
