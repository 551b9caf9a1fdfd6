import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import { periodKey } from "../../domain/period";
import { formatShare } from "../../domain/patronage";
import { csvLine, fenToDecimal, UTF8_BOM } from "../../domain/csv";
import type { Translate } from "../../views/env";
import { tagLabelKey } from "../../domain/tags";
import type { MyBooks, PeriodBooks } from "./use-cases";

const MAX_PRODUCTS_SHOWN = 30;

export function periodBooksText(t: Translate, locale: Locale, communityTitle: string, currency: string, b: PeriodBooks): string {
  const m = (fen: number) => formatMoney(fen, currency, locale);
  const lines = [t("pbooks-title", { community: escapeHtml(truncate(communityTitle, 80)), period: periodKey(b.period) })];
  if (b.buyCount === 0) {
    lines.push(t("pbooks-empty"));
    return lines.join("\n");
  }
  const s = b.total;
  lines.push(t("pbooks-summary", { buys: b.buyCount, orders: s.orderCount, quantity: s.quantity, revenue: m(s.revenueFen), collected: m(s.collectedFen), outstanding: m(s.outstandingFen) }));
  lines.push("", t("pbooks-products"));
  for (const p of b.products.slice(0, MAX_PRODUCTS_SHOWN))
    lines.push(t("pbooks-product-line", { product: escapeHtml(truncate(p.name, 40)), producer: escapeHtml(truncate(p.producer, 40)), orders: p.orders, quantity: p.quantity, revenue: m(p.revenueFen) }));
  if (b.products.length > MAX_PRODUCTS_SHOWN) lines.push(t("text-more-lines", { count: b.products.length - MAX_PRODUCTS_SHOWN }));
  if (b.tags.length > 0) {
    // a product with several tags counts under each: the text says so, lest the lines be added up
    lines.push("", t("pbooks-tags"));
    for (const tag of b.tags) lines.push(t("pbooks-tag-line", { tag: escapeHtml(t(tagLabelKey(tag.tag))), products: tag.products, orders: tag.orders, revenue: m(tag.revenueFen) }));
  }
  lines.push("", t("pbooks-fee-income", { amount: m(b.feeIncomeFen) }));
  lines.push(t("pbooks-commissions", { accrued: m(b.commissionsAccruedFen), paid: m(b.ledger.paidFen), outstanding: m(b.ledger.outstandingFen) }));
  lines.push(t("pbooks-refunds", { count: s.refunds.count, amount: m(s.refunds.amountFen) }));
  lines.push(t("pbooks-residue", { amount: m(s.residueFen) }));
  lines.push(t(s.balanced ? "pbooks-balanced" : "pbooks-unbalanced"));
  return lines.join("\n");
}

export function myBooksText(t: Translate, locale: Locale, communityTitle: string, currency: string, mine: MyBooks): string {
  const m = (fen: number) => formatMoney(fen, currency, locale);
  const lines = [t("mybooks-title", { community: escapeHtml(truncate(communityTitle, 80)), period: periodKey(mine.books.period) })];
  if (mine.purchases.length === 0) lines.push(t("mybooks-none"));
  for (const p of mine.purchases)
    lines.push(
      t(p.refunded ? "mybooks-line-refunded" : "mybooks-line", {
        id: p.groupBuyId,
        product: escapeHtml(truncate(p.product, 40)),
        quantity: p.quantity,
        unit: escapeHtml(truncate(p.unit, 20)),
        amount: m(p.amountFen),
        paid: t(p.paid ? "mybooks-paid" : "mybooks-unpaid"),
      }),
    );
  lines.push("");
  const pt = mine.patronage;
  if (!pt) lines.push(t("mybooks-no-patronage"));
  else
    lines.push(
      t("mybooks-patronage", {
        share: formatShare(mine.shareBp),
        fee: m(mine.books.feeIncomeFen),
        pool: m(pt.poolFen),
        mine: m(pt.myPurchasesFen),
        all: m(pt.purchasesFen),
        amount: m(pt.mineFen),
        residue: m(pt.residueFen),
        members: pt.members,
      }),
    );
  return lines.join("\n");
}

/** The period books as CSV for organizers: one row per product, then the totals; headers in the organizer's language. */
export function periodBooksCsv(t: Translate, currency: string, b: PeriodBooks): Buffer {
  const rows = [csvLine(t("pbooks-csv-header").split(","))];
  const period = periodKey(b.period);
  for (const p of b.products) rows.push(csvLine([period, t("pbooks-csv-product"), p.name, p.producer, p.orders, p.quantity, fenToDecimal(p.revenueFen), currency]));
  const total = (key: string, fen: number) => rows.push(csvLine([period, t(key), "", "", "", "", fenToDecimal(fen), currency]));
  total("pbooks-csv-revenue", b.total.revenueFen);
  total("pbooks-csv-collected", b.total.collectedFen);
  total("pbooks-csv-fee-income", b.feeIncomeFen);
  total("pbooks-csv-commissions-accrued", b.commissionsAccruedFen);
  total("pbooks-csv-commissions-paid", b.ledger.paidFen);
  total("pbooks-csv-commissions-outstanding", b.ledger.outstandingFen);
  total("pbooks-csv-refunds", b.total.refunds.amountFen);
  total("pbooks-csv-residue", b.total.residueFen);
  return Buffer.from(UTF8_BOM + rows.join(""), "utf8");
}
