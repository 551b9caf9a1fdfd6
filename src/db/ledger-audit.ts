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
  // an order earns once and is reversed once: a second entry of either kind pays or takes it twice
  for (const kind of ["ACCRUAL", "REVERSAL"] as const) {
    const perOrder = new Map<number, number>();
    for (const e of entries) if (e.kind === kind && e.orderId !== null) perOrder.set(e.orderId, (perOrder.get(e.orderId) ?? 0) + 1);
    for (const [orderId, count] of perOrder) if (count > 1) problems.push(`order ${orderId} has ${count} ${kind === "ACCRUAL" ? "accruals" : "reversals"}`);
  }
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
 * Whether auditLedger would find nothing, asked of the database in two passes
 * and no entry or order leaving it. Where it is false, auditLedger says what
 * is wrong. It may be stricter than auditLedger, never laxer.
 *
 * 1. The community's entries, in chain order (the unique (community,
 *    recommender, seq) index: no sort): broken links (seq, balance, running
 *    sums of payouts and adjustments, sign), and how many accruals and
 *    reversals there are.
 * 2. The orders of its succeeded buys (through GroupBuy (community, status)
 *    and Order (groupBuyId)), each with its accrual and reversal looked up by
 *    orderId: the ones that match their order, counted. Every accrual and
 *    reversal must be one of those, each of its own order; every earning
 *    active order must have its accrual.
 *
 * Checking entries against orders by counting matches, rather than an entry
 * at a time, lets the database walk the orders once by index instead of
 * probing an order per entry (on PostgreSQL: 110 → ~30 ms for a community of
 * 10,000 entries; plans in BENCHMARKS.md). A `+` before a column keeps SQLite
 * from choosing the (communityId, …) index over the orderId one.
 */
export async function ledgerLooksSound(db: Db, communityId: number): Promise<boolean> {
  // the two passes are independent: on PostgreSQL they run side by side on two connections
  const [[chains], [orders]] = await Promise.all([db.$queryRaw<{ accruals: unknown; reversals: unknown; broken: unknown }[]>`
    SELECT
      COALESCE(SUM(CASE WHEN "kind" = 'ACCRUAL' THEN 1 ELSE 0 END), 0) AS accruals,
      COALESCE(SUM(CASE WHEN "kind" = 'REVERSAL' THEN 1 ELSE 0 END), 0) AS reversals,
      COALESCE(SUM(CASE WHEN "seq" <> n OR "balanceFen" <> running OR "paidToDateFen" <> paid OR "adjustedToDateFen" <> adjusted
        OR NOT (CASE "kind" WHEN 'ACCRUAL' THEN "amountFen" > 0 WHEN 'ADJUSTMENT' THEN "amountFen" <> 0 ELSE "amountFen" < 0 END) THEN 1 ELSE 0 END), 0) AS broken
    FROM (
      SELECT "seq", "kind", "amountFen", "balanceFen", "paidToDateFen", "adjustedToDateFen", ROW_NUMBER() OVER w AS n, SUM("amountFen") OVER w AS running,
        SUM(CASE WHEN "kind" = 'PAYOUT' THEN "amountFen" ELSE 0 END) OVER w AS paid, SUM(CASE WHEN "kind" = 'ADJUSTMENT' THEN "amountFen" ELSE 0 END) OVER w AS adjusted
      FROM "LedgerEntry" WHERE "communityId" = ${communityId}
      WINDOW w AS (PARTITION BY "recommenderId" ORDER BY "seq" ROWS UNBOUNDED PRECEDING)
    ) c`,
  db.$queryRaw<Record<"unaccrued" | "accrualRows" | "accruedOrders" | "goodAccruals" | "reversalRows" | "reversedOrders" | "goodReversals", unknown>[]>`
    SELECT
      COALESCE(SUM(CASE WHEN a."id" IS NULL AND o."status" = 'ACTIVE' AND ${COMMISSION_SQL} > 0 THEN 1 ELSE 0 END), 0) AS "unaccrued",
      COUNT(a."id") AS "accrualRows", COUNT(DISTINCT a."orderId") AS "accruedOrders",
      COALESCE(SUM(CASE WHEN a."recommenderId" = o."referrerId" AND a."amountFen" = ${COMMISSION_SQL}
        AND (CASE WHEN o."status" = 'ACTIVE' THEN r."id" IS NULL ELSE r."id" IS NOT NULL END) THEN 1 ELSE 0 END), 0) AS "goodAccruals",
      COUNT(r."id") AS "reversalRows", COUNT(DISTINCT r."orderId") AS "reversedOrders",
      COALESCE(SUM(CASE WHEN r."amountFen" = -a."amountFen" AND r."recommenderId" = a."recommenderId" AND o."status" <> 'ACTIVE' THEN 1 ELSE 0 END), 0) AS "goodReversals"
    FROM "GroupBuy" g JOIN "Order" o ON o."groupBuyId" = g."id"
      LEFT JOIN "LedgerEntry" a ON a."orderId" = o."id" AND a."kind" = 'ACCRUAL' AND +a."communityId" = g."communityId"
      LEFT JOIN "LedgerEntry" r ON r."orderId" = o."id" AND r."kind" = 'REVERSAL' AND +r."communityId" = g."communityId"
    WHERE g."communityId" = ${communityId} AND g."status" = 'SUCCEEDED'`]);
  if (!chains || !orders) return false;
  const n = (v: unknown) => Number(v);
  const accruals = n(chains.accruals);
  const reversals = n(chains.reversals);
  return (
    n(chains.broken) === 0 &&
    n(orders.unaccrued) === 0 &&
    // each accrual an order's of this community's succeeded buys, one per order, each matching its order
    n(orders.accrualRows) === accruals && n(orders.accruedOrders) === accruals && n(orders.goodAccruals) === accruals &&
    n(orders.reversalRows) === reversals && n(orders.reversedOrders) === reversals && n(orders.goodReversals) === reversals
  );
}
