// What features other than group buys read about a buy: enough to share it,
// attribute a visit, show its product's card, or word a ledger notice. (The
// group-buy feature's own reads are in group-buys.ts.)
import type { Tx } from "./client";
import { toCommunityRecord, type CommunityRecord } from "./communities";
import type { CommissionRule } from "../domain/commission";

/** A buy as a share link needs it. */
export type ShareableBuy = {
  id: number;
  communityId: number;
  status: string;
  deadlineAt: Date;
  productName: string;
  /** the product's unit (袋, jar) as its recommender wrote it */
  unit: string;
  currency: string;
  commissionKind: CommissionRule["kind"];
  commissionValue: number;
  selfReferralEarns: boolean;
};

export async function buyForSharing(db: Tx, buyId: number): Promise<ShareableBuy | undefined> {
  const buy = await db.groupBuy.findUnique({ where: { id: buyId }, include: { revision: { select: { name: true, unit: true } } } });
  if (!buy) return undefined;
  return {
    id: buy.id,
    communityId: buy.communityId,
    status: buy.status,
    deadlineAt: buy.deadlineAt,
    productName: buy.revision.name,
    unit: buy.revision.unit,
    currency: buy.currency,
    commissionKind: buy.commissionKind,
    commissionValue: buy.commissionValue,
    selfReferralEarns: buy.selfReferralEarns,
  };
}

/** Buys of these communities still taking orders at `now`, the soonest deadline first. */
export async function openBuysIn(db: Tx, communityIds: number[], now: Date, take: number): Promise<{ id: number; productName: string }[]> {
  const buys = await db.groupBuy.findMany({
    where: { communityId: { in: communityIds }, status: "OPEN", deadlineAt: { gt: now } },
    include: { revision: { select: { name: true } } },
    orderBy: { deadlineAt: "asc" },
    take,
  });
  return buys.map((b) => ({ id: b.id, productName: b.revision.name }));
}

/** Whether a buy takes orders: its status and deadline. */
export async function buyState(db: Tx, buyId: number): Promise<{ id: number; status: string; deadlineAt: Date } | undefined> {
  const buy = await db.groupBuy.findUnique({ where: { id: buyId }, select: { id: true, status: true, deadlineAt: true } });
  return buy ?? undefined;
}

/** The product a buy offers. */
export async function productOfBuy(db: Tx, buyId: number): Promise<number | undefined> {
  const buy = await db.groupBuy.findUnique({ where: { id: buyId }, select: { productId: true } });
  return buy?.productId;
}

export type BuyCommission = { id: number; commissionKind: CommissionRule["kind"]; commissionValue: number; currency: string };

/** The commission of buy `groupBuyId` of a product, or (without one) of the product's latest open buy. */
export async function commissionOfProductBuy(db: Tx, productId: number, groupBuyId?: number): Promise<BuyCommission | undefined> {
  const select = { id: true, commissionKind: true, commissionValue: true, currency: true } as const;
  const buy =
    groupBuyId !== undefined
      ? await db.groupBuy.findFirst({ where: { id: groupBuyId, productId }, select })
      : await db.groupBuy.findFirst({ where: { productId, status: "OPEN" }, orderBy: { id: "desc" }, select });
  return buy ?? undefined;
}

/** A buy's community and product name (it must exist). */
export async function buyCommunityAndName(tx: Tx, buyId: number): Promise<{ community: CommunityRecord; productName: string }> {
  const buy = await tx.groupBuy.findUniqueOrThrow({
    where: { id: buyId },
    include: { community: true, revision: { select: { name: true } } },
  });
  return { community: toCommunityRecord(buy.community), productName: buy.revision.name };
}

/** An order's number within its buy (its reference is #<buy>-<number>). */
export async function orderPosition(db: Tx, orderId: number): Promise<number> {
  return (await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { position: true } })).position;
}
