// A community's books for a period, read grouped in the database: the buys
// that closed in it (a hundred or so a month), their orders summed by status
// and payment, their commissions summed per buy. No order is loaded one by one.
import type { Db, Tx } from "./client";
import { breakdownsOfBuys } from "./breakdowns";
import type { BuyBreakdown, StatementOrder } from "../domain/statement";
import { parseTags, type SocialTag } from "../domain/tags";

export type Range = { from: Date; to: Date };

export type PeriodBuy = {
  id: number;
  productId: number;
  productName: string;
  unit: string;
  producerName: string;
  /** the buy's revision's social-innovation tags */
  tags: SocialTag[];
  closedAt: Date;
  breakdown: BuyBreakdown;
  /** the buy's orders summed by status and payment (count = how many) */
  orders: StatementOrder[];
  /** the ledger's net commission for the buy (accruals − reversals) */
  commissionFen: number;
};

export type PeriodLedger = {
  /** payouts made in the period */
  paidFen: number;
  /** what the community owed its recommenders at the period's end (Σ of every entry before it) */
  outstandingFen: number;
};

/** The buys that went ahead and closed in the range, with their orders and commissions summed. */
export async function buysClosedIn(db: Db | Tx, communityId: number, range: Range): Promise<PeriodBuy[]> {
  const buys = await db.groupBuy.findMany({
    where: { communityId, status: "SUCCEEDED", closedAt: { gte: range.from, lt: range.to } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      productId: true,
      closedAt: true,
      revision: { select: { name: true, unit: true, tags: true } },
      product: { select: { producer: { select: { name: true } } } },
    },
  });
  if (buys.length === 0) return [];
  const ids = buys.map((b) => b.id);
  const [breakdowns, orderGroups, commissionGroups] = await Promise.all([
    breakdownsOfBuys(db, ids),
    db.order.groupBy({
      by: ["groupBuyId", "status", "paymentStatus"],
      where: { groupBuyId: { in: ids } },
      _sum: { quantity: true, amountFen: true },
      _count: { _all: true },
    }),
    // by the buys' own entries (index groupBuyId, kind; they are the community's): not every entry the community ever had
    db.ledgerEntry.groupBy({
      by: ["groupBuyId"],
      where: { groupBuyId: { in: ids }, kind: { in: ["ACCRUAL", "REVERSAL"] } },
      _sum: { amountFen: true },
    }),
  ]);
  const orders = new Map<number, StatementOrder[]>();
  for (const g of orderGroups) {
    const list = orders.get(g.groupBuyId) ?? [];
    list.push({ status: g.status, paid: g.paymentStatus === "PAID", quantity: g._sum.quantity ?? 0, amountFen: g._sum.amountFen ?? 0, count: g._count._all });
    orders.set(g.groupBuyId, list);
  }
  const commissions = new Map(commissionGroups.map((g) => [g.groupBuyId, g._sum.amountFen ?? 0]));
  return buys.map((b) => ({
    id: b.id,
    productId: b.productId,
    productName: b.revision.name,
    unit: b.revision.unit,
    producerName: b.product.producer.name,
    tags: parseTags(b.revision.tags),
    closedAt: b.closedAt!,
    breakdown: breakdowns.get(b.id)!,
    orders: orders.get(b.id) ?? [],
    commissionFen: commissions.get(b.id) ?? 0,
  }));
}

/** Payouts in the range and the balance owed at its end, summed by the database. */
export async function ledgerForPeriod(db: Db | Tx, communityId: number, range: Range): Promise<PeriodLedger> {
  const [paid, owed] = await Promise.all([
    db.ledgerEntry.aggregate({ where: { communityId, kind: "PAYOUT", createdAt: { gte: range.from, lt: range.to } }, _sum: { amountFen: true } }),
    db.ledgerEntry.aggregate({ where: { communityId, createdAt: { lt: range.to } }, _sum: { amountFen: true } }),
  ]);
  // payouts are negative entries; shown as what was paid
  return { paidFen: -(paid._sum.amountFen ?? 0), outstandingFen: owed._sum.amountFen ?? 0 };
}

/** Each member's standing purchases (Σ amount of ACTIVE orders) in the given buys. */
export async function purchasesByMember(db: Db | Tx, buyIds: number[]): Promise<{ memberId: number; amountFen: number }[]> {
  if (buyIds.length === 0) return [];
  const groups = await db.order.groupBy({ by: ["memberId"], where: { groupBuyId: { in: buyIds }, status: "ACTIVE" }, _sum: { amountFen: true } });
  return groups.map((g) => ({ memberId: g.memberId, amountFen: g._sum.amountFen ?? 0 }));
}

export type MemberPurchase = { groupBuyId: number; quantity: number; amountFen: number; status: string; paid: boolean };

/** One member's orders in the given buys (standing and refunded). */
export async function purchasesOfMember(db: Db | Tx, memberId: number, buyIds: number[]): Promise<MemberPurchase[]> {
  if (buyIds.length === 0) return [];
  const rows = await db.order.findMany({
    where: { memberId, groupBuyId: { in: buyIds }, status: { in: ["ACTIVE", "REFUNDED"] } },
    orderBy: { groupBuyId: "asc" },
    select: { groupBuyId: true, quantity: true, amountFen: true, status: true, paymentStatus: true },
  });
  return rows.map((r) => ({ groupBuyId: r.groupBuyId, quantity: r.quantity, amountFen: r.amountFen, status: r.status, paid: r.paymentStatus === "PAID" }));
}
