import { Prisma } from "../generated/prisma/client";
import type { Tx } from "./client";
import { COMMISSION_SQL } from "./commission-sql";

// A succeeded buy's accruals, one per earning order, written set-wise: one
// INSERT … SELECT computes each order's commission (COMMISSION_SQL, the
// rounding rule of domain/commission.ts) and continues each recommender's
// chain with window functions — seq = last seq + row number, balance = last
// balance + running sum, in order id order within a recommender; the running
// sums of payouts and adjustments carry over unchanged — so no order
// or entry passes through the bot (ten thousand of each for a big buy, bound
// as parameters, cost more than the rest of the close). The chain's rule is
// the same as Ledger.append's (domain/ledger-rules.ts nextLink); the audit
// (ledgerLooksSound) checks it the same way, and the unique
// (community, recommender, seq) still stops two writers taking one seq.

export type BuyAccrual = { recommenderId: number; orders: number; commissionFen: number; balanceFen: number };

/** The buy's active orders that earn their recommender something, as `o` (with its buy `g`). */
const earningOrders = (groupBuyId: number) => Prisma.sql`
  FROM "Order" o JOIN "GroupBuy" g ON g."id" = o."groupBuyId"
  WHERE o."groupBuyId" = ${groupBuyId} AND o."status" = 'ACTIVE' AND ${COMMISSION_SQL} > 0`;

/** The accrual's key (domain/ledger-rules.ts accrualKey) of order `o`, in SQL. */
const ACCRUAL_KEY = Prisma.raw(`'accrual:' || o."id"`);

export async function accrueBuySetWise(
  tx: Tx,
  input: { groupBuyId: number; communityId: number; now: Date; lockRecommender: boolean },
): Promise<BuyAccrual[]> {
  const { groupBuyId, communityId, now } = input;
  const recommenders = (await tx.$queryRaw<{ referrerId: unknown }[]>`SELECT DISTINCT o."referrerId" ${earningOrders(groupBuyId)} ORDER BY o."referrerId"`).map((r) =>
    Number(r.referrerId),
  );
  if (recommenders.length === 0) return [];
  if (input.lockRecommender) {
    // As Ledger.append does (see planAppend): a write to each recommender's row
    // queues concurrent writers of their chain (a payout) behind the close, in
    // a fixed order, so two closes can't wait on each other's locks.
    for (const id of recommenders) await tx.$executeRaw`UPDATE "Member" SET "updatedAt" = ${now} WHERE "id" = ${id}`;
  }
  // A replay (the same order's key written before) must be the same fact; the insert skips it.
  const [clash] = await tx.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS n ${earningOrders(groupBuyId)}
      AND EXISTS (SELECT 1 FROM "LedgerEntry" k WHERE k."idempotencyKey" = ${ACCRUAL_KEY}
        AND (k."kind" <> 'ACCRUAL' OR k."recommenderId" <> o."referrerId" OR k."amountFen" <> ${COMMISSION_SQL}))`;
  if (Number(clash?.n ?? 0) > 0) throw new Error(`ledger: an accrual key of buy ${groupBuyId} already holds a different entry`);
  await tx.$executeRaw`
    INSERT INTO "LedgerEntry" ("communityId", "recommenderId", "seq", "kind", "amountFen", "balanceFen", "paidToDateFen", "adjustedToDateFen", "orderId", "groupBuyId", "idempotencyKey", "createdAt")
    SELECT ${communityId}, a."referrerId", COALESCE(t."seq", 0) + ROW_NUMBER() OVER w, 'ACCRUAL', a."fen", COALESCE(t."balanceFen", 0) + SUM(a."fen") OVER w,
           COALESCE(t."paidToDateFen", 0), COALESCE(t."adjustedToDateFen", 0), a."id", ${groupBuyId}, a."key", ${now}
    FROM (
      SELECT o."id", o."referrerId", ${COMMISSION_SQL} AS "fen", ${ACCRUAL_KEY} AS "key" ${earningOrders(groupBuyId)}
        AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" k WHERE k."idempotencyKey" = ${ACCRUAL_KEY})
    ) a
    LEFT JOIN (
      SELECT r."id",
        (SELECT l."seq" FROM "LedgerEntry" l WHERE l."communityId" = ${communityId} AND l."recommenderId" = r."id" ORDER BY l."seq" DESC LIMIT 1) AS "seq",
        (SELECT l."balanceFen" FROM "LedgerEntry" l WHERE l."communityId" = ${communityId} AND l."recommenderId" = r."id" ORDER BY l."seq" DESC LIMIT 1) AS "balanceFen",
        (SELECT l."paidToDateFen" FROM "LedgerEntry" l WHERE l."communityId" = ${communityId} AND l."recommenderId" = r."id" ORDER BY l."seq" DESC LIMIT 1) AS "paidToDateFen",
        (SELECT l."adjustedToDateFen" FROM "LedgerEntry" l WHERE l."communityId" = ${communityId} AND l."recommenderId" = r."id" ORDER BY l."seq" DESC LIMIT 1) AS "adjustedToDateFen"
      FROM "Member" r WHERE r."id" IN (${Prisma.join(recommenders)})
    ) t ON t."id" = a."referrerId"
    WINDOW w AS (PARTITION BY a."referrerId" ORDER BY a."id" ROWS UNBOUNDED PRECEDING)`;
  // what each recommender earned from the buy (a replay's entries included) and their balance now
  const rows = await tx.$queryRaw<{ recommenderId: unknown; orders: unknown; fen: unknown; balanceFen: unknown }[]>`
    SELECT s."recommenderId", s."orders", s."fen",
      (SELECT l."balanceFen" FROM "LedgerEntry" l WHERE l."communityId" = ${communityId} AND l."recommenderId" = s."recommenderId" ORDER BY l."seq" DESC LIMIT 1) AS "balanceFen"
    FROM (
      SELECT k."recommenderId", COUNT(*) AS "orders", SUM(k."amountFen") AS "fen"
      FROM "Order" o JOIN "LedgerEntry" k ON k."idempotencyKey" = ${ACCRUAL_KEY}
      WHERE o."groupBuyId" = ${groupBuyId} AND o."status" = 'ACTIVE' AND k."kind" = 'ACCRUAL'
      GROUP BY k."recommenderId"
    ) s ORDER BY s."recommenderId"`;
  return rows.map((r) => ({ recommenderId: Number(r.recommenderId), orders: Number(r.orders), commissionFen: Number(r.fen), balanceFen: Number(r.balanceFen) }));
}
