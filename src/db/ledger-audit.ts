import type { Db } from "./client";
import { orderCommissionFen } from "../domain/commission";
import { verifyChain } from "../domain/ledger-rules";

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
