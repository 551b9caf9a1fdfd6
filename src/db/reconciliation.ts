// Reads what reconciliation compares (each buy's orders, ledger entries and
// statement) and keeps the last result per community (StoredState).
import type { Db } from "./client";
import { statementData } from "./statements";
import { storedStateAdapter } from "./stored-state";
import { ReconciliationTally, type ReconcileBuy, type ReconciliationResult } from "../domain/reconciliation";
import { settle } from "../domain/statement";

/** the last result per community, under "reconciliation:c<id>" */
const stored = (db: Db) => storedStateAdapter<ReconciliationResult>(db, "reconciliation");

/** One buy as reconciliation sees it. */
export async function reconcileInput(db: Db, groupBuyId: number): Promise<ReconcileBuy | undefined> {
  const buy = await db.groupBuy.findUnique({ where: { id: groupBuyId }, select: { id: true, status: true, closedAt: true, selfReferralEarns: true } });
  if (!buy) return undefined;
  const [orders, entries, data] = await Promise.all([
    db.order.findMany({
      where: { groupBuyId },
      select: { id: true, position: true, status: true, amountFen: true, quantity: true, commissionKind: true, commissionValue: true, selfReferral: true, referrerId: true },
    }),
    db.ledgerEntry.findMany({ where: { groupBuyId }, select: { id: true, kind: true, orderId: true, recommenderId: true, amountFen: true }, orderBy: { id: "asc" } }),
    statementData(db, groupBuyId),
  ]);
  // CANCELLED after going ahead: its orders were refunded (REFUNDED), not voided
  const wentAhead = buy.status === "SUCCEEDED" || (buy.status === "CANCELLED" && orders.some((o) => o.status === "REFUNDED"));
  return { id: buy.id, wentAhead, selfReferralEarns: buy.selfReferralEarns, orders, entries, statement: data && wentAhead ? settle(data.input) : undefined };
}

/** Reconciles every closed buy of a community (a buy at a time: memory stays that of one buy). */
export async function reconcileCommunity(db: Db, communityId: number, now: Date, signal?: AbortSignal): Promise<ReconciliationResult> {
  const tally = new ReconciliationTally();
  let after = 0;
  for (;;) {
    const page = await db.groupBuy.findMany({
      where: { communityId, id: { gt: after }, status: { in: ["SUCCEEDED", "CANCELLED", "FAILED"] } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: 100,
    });
    for (const { id } of page) {
      signal?.throwIfAborted();
      const input = await reconcileInput(db, id);
      if (input) tally.add(input);
    }
    if (page.length < 100) break;
    after = page.at(-1)!.id;
  }
  return tally.result(now);
}

export async function storeReconciliation(db: Db, communityId: number, result: ReconciliationResult): Promise<void> {
  await stored(db).write(`c${communityId}`, result);
}

export async function lastReconciliation(db: Db, communityId: number): Promise<ReconciliationResult | undefined> {
  return stored(db).read(`c${communityId}`);
}

/** Communities with a closed buy: the nightly check's round. */
export async function communitiesWithClosedBuys(db: Db): Promise<number[]> {
  const rows = await db.groupBuy.groupBy({ by: ["communityId"], where: { closedAt: { not: null } }, orderBy: { communityId: "asc" } });
  return rows.map((r) => r.communityId);
}
