// Period books and the patronage preview: read grouped from the database,
// summed by the pure statement (settle per buy, sumStatements for the month).
import type { Db } from "../../db/client";
import { buysClosedIn, ledgerForPeriod, purchasesByMember, purchasesOfMember, type PeriodBuy, type PeriodLedger } from "../../db/period-books";
import { settingsOf } from "../../db/community-settings";
import { periodRange, type Period } from "../../domain/period";
import { settle, sumStatements, type Statement } from "../../domain/statement";
import { splitPatronage } from "../../domain/patronage";
import { totalsByTag, type SocialTag, type TagTotal } from "../../domain/tags";

export type ProductTotal = { productId: number; name: string; producer: string; tags: SocialTag[]; orders: number; quantity: number; revenueFen: number };

export type PeriodBooks = {
  period: Period;
  buyCount: number;
  total: Statement;
  products: ProductTotal[];
  /** per social-innovation tag: a product counts under each of its tags */
  tags: TagTotal[];
  /** co-op fee income: the COOP_FEE lines × units of the standing orders */
  feeIncomeFen: number;
  /** commissions the period's buys accrued (net of reversals) */
  commissionsAccruedFen: number;
  ledger: PeriodLedger;
  buys: PeriodBuy[];
};

export async function periodBooks(db: Db, communityId: number, timezone: string, period: Period): Promise<PeriodBooks> {
  const range = periodRange(period, timezone);
  const [buys, ledger] = await Promise.all([buysClosedIn(db, communityId, range), ledgerForPeriod(db, communityId, range)]);
  const statements = buys.map((b) =>
    settle({
      breakdown: b.breakdown,
      producers: [{ name: b.producerName }],
      orders: b.orders,
      // no personal data in community books: every recommender is "another recommender"
      commissions: b.commissionFen === 0 ? [] : [{ recommenderId: 0, name: null, amountFen: b.commissionFen }],
    }),
  );
  const products = new Map<number, ProductTotal>();
  buys.forEach((b, i) => {
    const s = statements[i]!;
    const p = products.get(b.productId) ?? { productId: b.productId, name: b.productName, producer: b.producerName, tags: b.tags, orders: 0, quantity: 0, revenueFen: 0 };
    p.name = b.productName; // the latest buy's name and tags
    p.tags = b.tags;
    p.orders += s.orderCount;
    p.quantity += s.quantity;
    p.revenueFen += s.revenueFen;
    products.set(b.productId, p);
  });
  const total = sumStatements(statements);
  const productTotals = [...products.values()];
  return {
    period,
    buyCount: buys.length,
    total,
    tags: totalsByTag(productTotals),
    products: productTotals.sort((a, b) => b.revenueFen - a.revenueFen || a.productId - b.productId),
    feeIncomeFen: total.byKind.COOP_FEE,
    commissionsAccruedFen: total.commissionsFen,
    ledger,
    buys,
  };
}

export type MyBooks = {
  books: PeriodBooks;
  shareBp: number;
  purchases: { groupBuyId: number; product: string; unit: string; quantity: number; amountFen: number; refunded: boolean; paid: boolean }[];
  /** undefined when the community set no patronage share */
  patronage?: { poolFen: number; mineFen: number; residueFen: number; purchasesFen: number; myPurchasesFen: number; members: number };
};

export async function myBooks(db: Db, communityId: number, timezone: string, memberId: number, period: Period): Promise<MyBooks> {
  const books = await periodBooks(db, communityId, timezone, period);
  const ids = books.buys.map((b) => b.id);
  const byId = new Map(books.buys.map((b) => [b.id, b]));
  const [mine, settings] = await Promise.all([purchasesOfMember(db, memberId, ids), settingsOf(db, communityId)]);
  const shareBp = settings?.patronageShareBp ?? 0;
  const purchases = mine.map((o) => ({
    groupBuyId: o.groupBuyId,
    product: byId.get(o.groupBuyId)?.productName ?? "",
    unit: byId.get(o.groupBuyId)?.unit ?? "",
    quantity: o.quantity,
    amountFen: o.amountFen,
    refunded: o.status === "REFUNDED",
    paid: o.paid,
  }));
  if (shareBp === 0) return { books, shareBp, purchases };
  const all = await purchasesByMember(db, ids);
  const split = splitPatronage(books.feeIncomeFen, shareBp, all);
  return {
    books,
    shareBp,
    purchases,
    patronage: {
      poolFen: split.poolFen,
      mineFen: split.shares.get(memberId) ?? 0,
      residueFen: split.residueFen,
      purchasesFen: split.purchasesFen,
      myPurchasesFen: all.find((p) => p.memberId === memberId)?.amountFen ?? 0,
      members: split.shares.size,
    },
  };
}
