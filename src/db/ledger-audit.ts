import type { Db } from "./client";
import { orderCommissionFen } from "../domain/commission";
import { verifyChain } from "../domain/ledger-rules";
import { COMMISSION_SQL } from "./commission-sql";

/**
 * Audits a community's ledger: every chain reconciles (verifyChain), every
 * accrual equals its order's commission by the order's snapshot, every
 * reversal undoes exactly its order's accrual and belongs to an order no
 * longer active. Returns the problems found (none: all is traceable).
 */
export async function auditLedger(db: Db, communityId: number): Promise<string[]> {
  const problems: string[] = [];
  const entries = await db.ledgerEntry.findMany({
    where: { communityId },
    orderBy: [{ recommenderId: "asc" }, { seq: "asc" }],
    include: { order: { include: { groupBuy: { select: { selfReferralEarns: true, status: true } } } } },
  });
  const chains = new Map<number, typeof entries>();
  for (const e of entries) {
    const chain = chains.get(e.recommenderId);
    if (chain) chain.push(e);
    else chains.set(e.recommenderId, [e]);
  }
  for (const [recommenderId, chain] of chains) {
    for (const p of verifyChain(chain)) problems.push(`recommender ${recommenderId}: ${p}`);
  }
  const accruals = new Map(entries.filter((e) => e.kind === "ACCRUAL").map((e) => [e.orderId, e]));
  for (const e of entries) {
    if (e.kind === "ACCRUAL") {
      if (!e.order) problems.push(`entry ${e.id}: accrual without an order`);
      else {
        const expected = orderCommissionFen(e.order, e.order.groupBuy.selfReferralEarns);
        if (e.amountFen !== expected) problems.push(`entry ${e.id}: accrual ${e.amountFen} ≠ order ${e.order.id} commission ${expected}`);
        if (e.recommenderId !== e.order.referrerId) problems.push(`entry ${e.id}: order ${e.order.id} was attributed to ${e.order.referrerId}`);
        if (e.order.groupBuy.status !== "SUCCEEDED") problems.push(`entry ${e.id}: buy of order ${e.order.id} is ${e.order.groupBuy.status}`);
      }
    }
    if (e.kind === "REVERSAL") {
      const accrual = accruals.get(e.orderId);
      if (!accrual) problems.push(`entry ${e.id}: reversal without an accrual`);
      else if (accrual.amountFen !== -e.amountFen || accrual.recommenderId !== e.recommenderId) problems.push(`entry ${e.id}: reversal doesn't match accrual ${accrual.id}`);
      if (e.order?.status === "ACTIVE") problems.push(`entry ${e.id}: reversal of active order ${e.order.id}`);
    }
  }
  const reversed = new Set(entries.filter((e) => e.kind === "REVERSAL").map((e) => e.orderId));
  for (const [orderId, accrual] of accruals) {
    if (accrual.order && accrual.order.status !== "ACTIVE" && !reversed.has(orderId)) {
      problems.push(`order ${orderId} is ${accrual.order.status} but its accrual ${accrual.id} was not reversed`);
    }
  }
  // every active order of a succeeded buy that earns something has its accrual
  const earning = await db.order.findMany({
    where: { status: "ACTIVE", groupBuy: { communityId, status: "SUCCEEDED" } },
    include: { groupBuy: { select: { selfReferralEarns: true } } },
  });
  for (const order of earning) {
    if (!accruals.has(order.id) && orderCommissionFen(order, order.groupBuy.selfReferralEarns) > 0) {
      problems.push(`order ${order.id} earns a commission but has no accrual`);
    }
  }
  return problems;
}

/**
 * Whether auditLedger would find nothing, asked of the database: the same
 * checks as counts, so no entry or order leaves it — three passes over the
 * community's entries and its succeeded buys' orders instead of reading them
 * all. Where it is false, auditLedger says what is wrong. It may be stricter
 * than auditLedger, never laxer. (A `+` before a column keeps SQLite from
 * choosing the (communityId, …) index over the orderId one; plans in BENCHMARKS.md.)
 */
export async function ledgerLooksSound(db: Db, communityId: number): Promise<boolean> {
  const [row] = await db.$queryRaw<{ chains: unknown; accruals: unknown; reversals: unknown; unaccrued: unknown }[]>`
    SELECT
      (SELECT COUNT(*) FROM (
        SELECT "seq", "kind", "amountFen", "balanceFen", ROW_NUMBER() OVER w AS n, SUM("amountFen") OVER w AS running
        FROM "LedgerEntry" WHERE "communityId" = ${communityId}
        WINDOW w AS (PARTITION BY "recommenderId" ORDER BY "seq" ROWS UNBOUNDED PRECEDING)
      ) c WHERE "seq" <> n OR "balanceFen" <> running
        OR NOT (CASE "kind" WHEN 'ACCRUAL' THEN "amountFen" > 0 WHEN 'ADJUSTMENT' THEN "amountFen" <> 0 ELSE "amountFen" < 0 END)) AS chains,
      (SELECT COUNT(*) FROM "LedgerEntry" e LEFT JOIN "Order" o ON o."id" = e."orderId" LEFT JOIN "GroupBuy" g ON g."id" = o."groupBuyId"
        WHERE e."communityId" = ${communityId} AND e."kind" = 'ACCRUAL'
          AND (o."id" IS NULL OR e."recommenderId" <> o."referrerId" OR g."status" <> 'SUCCEEDED' OR e."amountFen" <> ${COMMISSION_SQL}
            OR (o."status" <> 'ACTIVE' AND NOT EXISTS (
              SELECT 1 FROM "LedgerEntry" r WHERE r."orderId" = e."orderId" AND r."kind" = 'REVERSAL' AND +r."communityId" = e."communityId")))) AS accruals,
      (SELECT COUNT(*) FROM "LedgerEntry" e LEFT JOIN "LedgerEntry" a ON a."orderId" = e."orderId" AND a."kind" = 'ACCRUAL' AND +a."communityId" = e."communityId"
        LEFT JOIN "Order" o ON o."id" = e."orderId"
        WHERE e."communityId" = ${communityId} AND e."kind" = 'REVERSAL'
          AND (a."id" IS NULL OR a."amountFen" <> -e."amountFen" OR a."recommenderId" <> e."recommenderId" OR o."status" = 'ACTIVE')) AS reversals,
      (SELECT COUNT(*) FROM "Order" o JOIN "GroupBuy" g ON g."id" = o."groupBuyId"
        WHERE g."communityId" = ${communityId} AND g."status" = 'SUCCEEDED' AND o."status" = 'ACTIVE' AND ${COMMISSION_SQL} > 0
          AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" a WHERE a."orderId" = o."id" AND a."kind" = 'ACCRUAL' AND +a."communityId" = g."communityId")) AS unaccrued`;
  return !!row && [row.chains, row.accruals, row.reversals, row.unaccrued].every((n) => Number(n) === 0);
}
