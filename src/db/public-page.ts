// What the public open-books page reads: only communities that turned it on,
// and only what the group already sees (approved products, their costs, the
// buys' numbers). No member is read here but through the statement's own
// public thanks board (db/statements.ts).
import type { Tx } from "./client";
import { toCommunityRecord, type CommunityRecord } from "./communities";
import { isCostKind, type CostKind } from "../domain/cost-kinds";

/** The community when its page is on (approved, publicPage); otherwise undefined, as for an unknown one. */
export async function publicCommunity(db: Tx, communityId: number): Promise<CommunityRecord | undefined> {
  if (!Number.isSafeInteger(communityId) || communityId <= 0) return undefined;
  const row = await db.community.findFirst({ where: { id: communityId, publicPage: true, status: "APPROVED" } });
  return row ? toCommunityRecord(row) : undefined;
}

/** Turns the page on or off; false when the community is unknown. */
export async function setPublicPage(db: Tx, communityId: number, on: boolean): Promise<boolean> {
  const { count } = await db.community.updateMany({ where: { id: communityId }, data: { publicPage: on } });
  return count === 1;
}

/** Is the community's page on (for the bot's buttons)? */
export async function publicPageOn(db: Tx, communityId: number): Promise<boolean> {
  const row = await db.community.findUnique({ where: { id: communityId }, select: { publicPage: true, status: true } });
  return row?.publicPage === true && row.status === "APPROVED";
}

export type PublicProduct = {
  productId: number;
  revisionId: number;
  name: string;
  unit: string;
  story: string;
  tags: string;
  priceFen: number;
  currency: string;
  producer: { name: string; location: string };
  lines: { label: string; amountFen: number; kind: CostKind }[];
};

/** The community's approved products with their approved revision's story and costs, newest approval first. */
export async function publicProducts(db: Tx, communityId: number, take = 500, revisionId?: number): Promise<PublicProduct[]> {
  const rows = await db.product.findMany({
    where: { communityId, status: "APPROVED", approvedRevisionId: revisionId ?? { not: null } },
    select: {
      id: true,
      producer: { select: { name: true, location: true } },
      approvedRevision: {
        select: { id: true, name: true, unit: true, story: true, tags: true, priceFen: true, currency: true, costLines: { orderBy: { position: "asc" }, select: { label: true, amountFen: true, kind: true } } },
      },
    },
    orderBy: [{ approvedRevision: { reviewedAt: "desc" } }, { id: "desc" }],
    take,
  });
  return rows.flatMap((row) => {
    const r = row.approvedRevision;
    if (!r) return [];
    const lines = r.costLines.map((l) => ({ label: l.label, amountFen: l.amountFen, kind: isCostKind(l.kind) ? l.kind : ("OTHER" as const) }));
    return [{ productId: row.id, revisionId: r.id, name: r.name, unit: r.unit, story: r.story, tags: r.tags, priceFen: r.priceFen, currency: r.currency, producer: row.producer, lines }];
  });
}

/** A revision's chart input when it is the approved revision of a product of this community. */
export async function approvedRevisionOf(db: Tx, communityId: number, revisionId: number): Promise<PublicProduct | undefined> {
  if (!Number.isSafeInteger(revisionId) || revisionId <= 0) return undefined;
  return (await publicProducts(db, communityId, 1, revisionId))[0];
}

export type PublicBuy = {
  id: number;
  status: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  currency: string;
  minTotalQty: number;
  totalQty: number;
  orderCount: number;
  deadlineAt: Date;
  closedAt: Date | null;
};

const buySelect = {
  id: true,
  status: true,
  unitPriceFen: true,
  currency: true,
  minTotalQty: true,
  totalQty: true,
  orderCount: true,
  deadlineAt: true,
  closedAt: true,
  revision: { select: { name: true, unit: true } },
} as const;

type BuyRow = { id: number; status: string; unitPriceFen: number; currency: string; minTotalQty: number; totalQty: number; orderCount: number; deadlineAt: Date; closedAt: Date | null; revision: { name: string; unit: string } };

const toBuy = (b: BuyRow): PublicBuy => ({ ...b, name: b.revision.name, unit: b.revision.unit });

/** Buys taking orders (or being closed) now, soonest deadline first; and the latest closed ones (any outcome), newest first. */
export async function publicBuys(db: Tx, communityId: number, pastTake = 20): Promise<{ current: PublicBuy[]; past: PublicBuy[] }> {
  const [current, past] = await Promise.all([
    db.groupBuy.findMany({ where: { communityId, status: { in: ["OPEN", "CLOSING"] } }, select: buySelect, orderBy: [{ deadlineAt: "asc" }, { id: "asc" }], take: 50 }),
    db.groupBuy.findMany({ where: { communityId, status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] } }, select: buySelect, orderBy: [{ closedAt: "desc" }, { id: "desc" }], take: pastTake }),
  ]);
  return { current: current.map(toBuy), past: past.map(toBuy) };
}

/** The member with this Telegram id, if the bot knows them (read only: a page view creates nobody). */
export async function memberIdByTelegramId(db: Tx, telegramId: number): Promise<number | undefined> {
  const row = await db.member.findUnique({ where: { telegramId: BigInt(telegramId) }, select: { id: true } });
  return row?.id;
}
