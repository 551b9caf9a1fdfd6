import type { Db } from "./client";
import type { Tx } from "./client";
import { toMemberRecord, type MemberRecord } from "./members";
import { orderCommissionFen } from "../domain/commission";


/** Buys still taking orders (their commissions are pending). */
const PENDING_STATUSES = ["OPEN", "CLOSING"] as const;

/**
 * A member opened a buy through a recommender's link. The first link a member
 * opens for a buy counts; later links don't take the referral away.
 * Returns whether this visit is the one that counts.
 */
export async function recordReferralVisit(db: Tx, visit: { groupBuyId: number; memberId: number; referrerId: number }): Promise<boolean> {
  const row = await db.referralVisit.upsert({
    where: { groupBuyId_memberId: { groupBuyId: visit.groupBuyId, memberId: visit.memberId } },
    update: {},
    create: visit,
  });
  return row.referrerId === visit.referrerId;
}

export type BuyEarnings = {
  groupBuyId: number;
  productName: string;
  status: string;
  /** active orders attributed to the recommender, their own among them */
  orders: number;
  /** of those, the recommender's own that earn nothing (self-referral, where it doesn't earn) */
  ownUnpaid: number;
  refunded: number;
  amountFen: number;
  /** net ledger commission (succeeded buys) or what the orders would earn (open buys) */
  commissionFen: number;
  pending: boolean;
};

/**
 * The newest `shown` buys a recommender brought orders to, and what those
 * orders earned or would earn; how many such buys there are; and the pending
 * commission of all their open buys. Its cost doesn't grow with the orders and
 * entries of the recommender's past: the buys are found newest first, one
 * index probe each (Order (referrerId, groupBuyId)); only the shown and the
 * open buys' orders are read, summed in the database by what decides their
 * commission (rule, amount, quantity, self-referral) — a row per buy and kind
 * of order, not per order; a succeeded buy's commission is its net in the
 * ledger (netByBuy, by the (groupBuyId, kind) index).
 */
export async function earningsByBuy(
  db: Db,
  communityId: number,
  recommenderId: number,
  netByBuy: (ids: number[]) => Promise<Map<number, number>>,
  shown: number,
): Promise<{ buys: BuyEarnings[]; totalBuys: number; pendingFen: number }> {
  const found = await db.$queryRaw<{ id: unknown; status: string }[]>`
    SELECT g."id", g."status" FROM "GroupBuy" g
    WHERE g."communityId" = ${communityId} AND g."status" IN ('OPEN', 'CLOSING', 'SUCCEEDED')
      AND EXISTS (SELECT 1 FROM "Order" o WHERE o."referrerId" = ${recommenderId} AND o."groupBuyId" = g."id" AND o."status" IN ('ACTIVE', 'REFUNDED'))
    ORDER BY g."id" DESC`;
  const isPending = (status: string) => (PENDING_STATUSES as readonly string[]).includes(status);
  const listed = found.slice(0, shown).map((b) => Number(b.id));
  // every open buy counts towards pending, shown or not
  const ids = [...new Set([...listed, ...found.filter((b) => isPending(b.status)).map((b) => Number(b.id))])];
  if (ids.length === 0) return { buys: [], totalBuys: 0, pendingFen: 0 };
  const [groups, rows] = await Promise.all([
    db.order.groupBy({
      by: ["groupBuyId", "status", "selfReferral", "commissionKind", "commissionValue", "amountFen", "quantity"],
      where: { referrerId: recommenderId, groupBuyId: { in: ids }, status: { in: ["ACTIVE", "REFUNDED"] } },
      _count: { _all: true },
    }),
    db.groupBuy.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, selfReferralEarns: true, revision: { select: { name: true } } } }),
  ]);
  const info = new Map(rows.map((r) => [r.id, r]));
  const buys = new Map<number, BuyEarnings>();
  for (const id of ids) {
    const buy = info.get(id)!;
    buys.set(id, { groupBuyId: id, productName: buy.revision.name, status: buy.status, orders: 0, ownUnpaid: 0, refunded: 0, amountFen: 0, commissionFen: 0, pending: isPending(buy.status) });
  }
  let pendingFen = 0;
  for (const g of groups) {
    const buy = info.get(g.groupBuyId)!;
    const b = buys.get(g.groupBuyId)!;
    const n = g._count._all;
    if (g.status === "ACTIVE") {
      b.orders += n;
      if (g.selfReferral && !buy.selfReferralEarns) b.ownUnpaid += n;
      b.amountFen += g.amountFen * n;
      if (b.pending) {
        // each order's commission floors on its own: the same for orders with the same snapshot
        const c = orderCommissionFen(g, buy.selfReferralEarns) * n;
        b.commissionFen += c;
        pendingFen += c;
      }
    } else if (!b.pending) b.refunded += n;
  }
  const shownBuys = listed.map((id) => buys.get(id)!);
  const succeeded = shownBuys.filter((b) => !b.pending).map((b) => b.groupBuyId);
  const net = await netByBuy(succeeded);
  for (const b of shownBuys) if (!b.pending) b.commissionFen = net.get(b.groupBuyId) ?? 0;
  return { buys: shownBuys, totalBuys: found.length, pendingFen };
}

/**
 * Per recommender, the active orders of a buy attributed to them, and how many
 * of those are their own that earn nothing: what /earnings counts, so the
 * close notice says the same.
 */
export async function attributedOrderCounts(tx: Tx, groupBuyId: number): Promise<Map<number, { orders: number; ownUnpaid: number }>> {
  const buy = await tx.groupBuy.findUniqueOrThrow({ where: { id: groupBuyId }, select: { selfReferralEarns: true } });
  const rows = await tx.order.groupBy({ by: ["referrerId", "selfReferral"], where: { groupBuyId, status: "ACTIVE" }, _count: { _all: true } });
  const counts = new Map<number, { orders: number; ownUnpaid: number }>();
  for (const r of rows) {
    const c = counts.get(r.referrerId) ?? { orders: 0, ownUnpaid: 0 };
    c.orders += r._count._all;
    if (r.selfReferral && !buy.selfReferralEarns) c.ownUnpaid += r._count._all;
    counts.set(r.referrerId, c);
  }
  return counts;
}

/**
 * Communities where a member has earnings or attributed orders: from their
 * ledger entries (index on recommenderId, communityId) and the buys of the
 * orders they brought (index on referrerId), not from every buy of every community.
 */
export async function earningCommunityIds(db: Db, memberId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ communityId: number }[]>`
    SELECT DISTINCT "communityId" FROM "LedgerEntry" WHERE "recommenderId" = ${memberId}
    UNION
    SELECT DISTINCT g."communityId" FROM "Order" o JOIN "GroupBuy" g ON g."id" = o."groupBuyId" WHERE o."referrerId" = ${memberId}`;
  return [...new Set(rows.map((r) => Number(r.communityId)))].sort((a, b) => a - b);
}

export type RecommenderStats = { member: MemberRecord; products: number; buys: number; orders: number };

/**
 * The community's recommenders and what they brought: approved products,
 * buys that opened or succeeded, orders attributed to them in those buys.
 * Members who opted out are counted but not named.
 */
export async function recommendersOf(db: Db, communityId: number): Promise<{ listed: RecommenderStats[]; hidden: number }> {
  const live = { in: [...PENDING_STATUSES, "SUCCEEDED" as const] };
  const [products, buys, orders] = await Promise.all([
    db.product.groupBy({ by: ["recommenderId"], where: { communityId, approvedRevisionId: { not: null } }, _count: { _all: true } }),
    db.groupBuy.groupBy({ by: ["recommenderId"], where: { communityId, status: live }, _count: { _all: true } }),
    db.order.groupBy({ by: ["referrerId"], where: { status: "ACTIVE", selfReferral: false, groupBuy: { communityId, status: live } }, _count: { _all: true } }),
  ]);
  const stats = new Map<number, { products: number; buys: number; orders: number }>();
  const at = (id: number) => stats.get(id) ?? stats.set(id, { products: 0, buys: 0, orders: 0 }).get(id)!;
  for (const p of products) at(p.recommenderId).products = p._count._all;
  for (const b of buys) at(b.recommenderId).buys = b._count._all;
  for (const o of orders) at(o.referrerId).orders = o._count._all;
  const members = await db.member.findMany({ where: { id: { in: [...stats.keys()] } } });
  const listed: RecommenderStats[] = [];
  let hidden = 0;
  for (const row of members) {
    if (row.hideFromRecommenders) hidden++;
    else listed.push({ member: toMemberRecord(row), ...stats.get(row.id)! });
  }
  listed.sort((a, b) => b.orders - a.orders || b.buys - a.buys || b.products - a.products || a.member.id - b.member.id);
  return { listed, hidden };
}
