import type { Tx } from "./client";
import { parseBreakdownRow } from "./breakdowns";
import type { CatalogInput, DfcProducer } from "../domain/dfc/catalog";
import type { DfcBuy, DfcOrder } from "../domain/dfc/sale-session";

// The reads behind the open-data documents (DFC JSON-LD). Only what a group
// member could see: approved products as their approved revision, producers'
// names and places (never their contact), buys; orders without names or
// Telegram ids (the documents make members opaque IRIs).

/** A community as open data needs it: approved, and whether it publishes (its page and DFC routes). */
export type OpenCommunity = { id: number; title: string; approved: boolean; publicPage: boolean };

export async function openCommunity(db: Tx, communityId: number): Promise<OpenCommunity | undefined> {
  const row = await db.community.findUnique({ where: { id: communityId }, select: { id: true, title: true, status: true, publicPage: true } });
  return row ? { id: row.id, title: row.title, approved: row.status === "APPROVED", publicPage: row.publicPage } : undefined;
}

/** The community's catalogue: its APPROVED products with their approved revision and its cost lines, by product id. */
export async function catalogInput(db: Tx, community: Pick<OpenCommunity, "id" | "title">): Promise<CatalogInput> {
  const rows = await db.product.findMany({
    where: { communityId: community.id, status: "APPROVED", approvedRevisionId: { not: null } },
    select: {
      id: true,
      producer: { select: { id: true, name: true, location: true } },
      approvedRevision: { include: { costLines: { orderBy: { position: "asc" } } } },
    },
    orderBy: { id: "asc" },
  });
  const producers = new Map<number, DfcProducer>();
  const products = rows.flatMap((row) => {
    const r = row.approvedRevision;
    if (!r) return [];
    producers.set(row.producer.id, { id: row.producer.id, name: row.producer.name, location: row.producer.location });
    return [
      {
        id: row.id,
        producerId: row.producer.id,
        name: r.name,
        unit: r.unit,
        story: r.story,
        priceFen: r.priceFen,
        currency: r.currency,
        costLines: r.costLines.map((c) => ({ label: c.label, kind: c.kind, amountFen: c.amountFen })),
      },
    ];
  });
  return { community: { id: community.id, title: community.title }, producers: [...producers.values()].sort((a, b) => a.id - b.id), products };
}

/** A buy for its SaleSession: its price and breakdown as fixed at open (older buys: their revision's lines). */
export async function dfcBuy(db: Tx, buyId: number): Promise<DfcBuy | undefined> {
  const row = await db.groupBuy.findUnique({
    where: { id: buyId },
    include: { revision: { include: { costLines: { orderBy: { position: "asc" } } } }, breakdown: true },
  });
  if (!row) return undefined;
  const lines = row.breakdown ? parseBreakdownRow(row.breakdown).lines : row.revision.costLines;
  return {
    id: row.id,
    communityId: row.communityId,
    productId: row.productId,
    productName: row.revision.name,
    unit: row.revision.unit,
    status: row.status,
    unitPriceFen: row.unitPriceFen,
    currency: row.currency,
    minTotalQty: row.minTotalQty,
    stockCap: row.stockCap,
    totalQty: row.totalQty,
    commissionKind: row.commissionKind,
    commissionValue: row.commissionValue,
    costLines: lines.map((l) => ({ label: l.label, kind: l.kind, amountFen: l.amountFen })),
    openedAt: row.createdAt,
    deadlineAt: row.deadlineAt,
    closedAt: row.closedAt,
  };
}

/** Every order of a buy in pages (keyset on id, the order they were placed in): a 10,000-order buy is never held at once. */
export async function* dfcOrderPages(db: Tx, buyId: number, pageSize = 500): AsyncGenerator<DfcOrder[]> {
  let after = 0;
  for (;;) {
    const page = await db.order.findMany({
      where: { groupBuyId: buyId, id: { gt: after } },
      select: { id: true, position: true, memberId: true, quantity: true, unitPriceFen: true, status: true, paymentStatus: true, createdAt: true },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
    if (page.length < pageSize) return;
  }
}
