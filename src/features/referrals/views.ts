import type { LedgerEntryRecord } from "../../db/ledger";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import type { AttributionSource } from "../../domain/attribution";
import type { LedgerSummary } from "../../domain/ledger-rules";
import type { BuyEarnings } from "../../db/referrals";
import { formatMinute } from "../../domain/dates";
import { orderRef } from "../../domain/order-ref";
import type { Translate } from "../../views/env";


/**
 * The line an order shows its member: "🤝 Recommended by Alice (through their
 * link)". For what only the member sees (their private view of the buy, the
 * confirmation when it goes ahead, /my_orders) — never for the group. HTML.
 */
export function recommendedByLine(
  t: Translate,
  order: { attribution: AttributionSource; selfReferral: boolean },
  referrer: { firstName: string; lastName?: string | null },
): string {
  if (order.selfReferral) return t("referrals-recommended-self");
  // the display name only (never a username or id), short enough for any list
  const name = escapeHtml(truncate([referrer.firstName, referrer.lastName].filter(Boolean).join(" ").trim() || "—", 40));
  return t(order.attribution === "LINK" ? "referrals-recommended-by-link" : "referrals-recommended-by", { name });
}

/** the buys /earnings lists, newest first; the rest are counted */
export const MAX_BUY_LINES = 15;

export type EarningsView = {
  name: string;
  communityTitle: string;
  currency: string;
  summary: LedgerSummary;
  pendingFen: number;
  /** the newest buys (at most MAX_BUY_LINES), of totalBuys */
  buys: BuyEarnings[];
  totalBuys: number;
};

/** A recommender's earnings in one community (HTML). */
export function earningsText(t: Translate, locale: Locale, v: EarningsView): string {
  const money = (fen: number) => formatMoney(fen, v.currency, locale);
  const lines = [
    t("referrals-earnings-title", { name: escapeHtml(v.name), community: escapeHtml(truncate(v.communityTitle, 80)) }),
    t("referrals-earnings-totals", {
      balance: money(v.summary.balanceFen),
      pending: money(v.pendingFen),
      earned: money(v.summary.earnedFen),
      paid: money(v.summary.paidOutFen),
    }),
  ];
  if (v.summary.adjustedFen !== 0) lines.push(t("referrals-earnings-adjusted", { adjusted: money(v.summary.adjustedFen) }));
  if (v.buys.length > 0) {
    lines.push("", t("referrals-earnings-buys"));
    for (const b of v.buys.slice(0, MAX_BUY_LINES)) {
      const line = t("referrals-earnings-buy", {
        id: String(b.groupBuyId),
        product: escapeHtml(truncate(b.productName, 40)),
        status: t(b.pending ? "referrals-buy-pending" : "referrals-buy-succeeded"),
        orders: b.orders,
        own: t("referrals-orders-own-unpaid", { own: b.ownUnpaid }),
        amount: money(b.amountFen),
        commission: money(b.commissionFen),
      });
      lines.push(b.refunded > 0 ? `${line}${t("referrals-earnings-buy-refunded", { refunded: b.refunded })}` : line);
    }
    const more = v.totalBuys - Math.min(v.buys.length, MAX_BUY_LINES);
    if (more > 0) lines.push(t("referrals-earnings-more", { count: more }));
  }
  return lines.join("\n");
}

export type LedgerLineEntry = Pick<LedgerEntryRecord, "id" | "seq" | "kind" | "amountFen" | "balanceFen" | "orderId" | "groupBuyId" | "createdAt"> &
  Partial<Pick<LedgerEntryRecord, "payoutMethod" | "payoutReference">> & {
  recommender: { firstName: string; lastName: string | null };
  /** the entry's order, named as /orders names it (#2-7) */
  order: { groupBuyId: number; position: number } | null;
};

/** One ledger entry as organizers read it in /ledger (HTML). */
export function ledgerLine(t: Translate, locale: Locale, currency: string, timezone: string, e: LedgerLineEntry): string {
  const sign = e.amountFen > 0 ? "+" : "";
  const ref = e.order
    ? t("referrals-ledger-ref-order", { ref: orderRef(e.order.groupBuyId, e.order.position) })
    : e.payoutMethod
      ? t("referrals-ledger-ref-payout", { method: escapeHtml(e.payoutMethod), reference: e.payoutReference ? ` ${escapeHtml(e.payoutReference)}` : "" })
      : "";
  return t("referrals-ledger-line", {
    date: formatMinute(e.createdAt, timezone),
    name: escapeHtml(truncate([e.recommender.firstName, e.recommender.lastName].filter(Boolean).join(" "), 40)),
    kind: t(`referrals-kind-${e.kind}`),
    amount: `${sign}${formatMoney(e.amountFen, currency, locale)}`,
    balance: formatMoney(e.balanceFen, currency, locale),
    ref,
  });
}
