// The public product card: story, open cost breakdown, price, producer and
// recommender. Pure rendering from plain data; the same text serves the
// group, private chats, the recommender's preview and the organizers' review.
import { breakdownRows, formatPermille, sharesPermille, sumFen, type CostLine } from "../../domain/cost-breakdown";
import { COST_KINDS, totalsByKind } from "../../domain/cost-kinds";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import { tagLabelKey, type SocialTag } from "../../domain/tags";
import { formatDay } from "../../domain/dates";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { htmlTranslate, type Translate } from "../../views/env";


export type CardData = {
  name: string;
  unit: string;
  tags: SocialTag[];
  story: string;
  costLines: CostLine[];
  priceFen: number | null;
  currency: string;
  producerName: string;
  producerLocation: string;
  recommenderName: string;
  /** the revision in force and when it was approved (absent in previews) */
  version: number | null;
  revisedAt: Date | null;
  timezone: string;
  /**
   * The commission rule of the buy the card is shown for (or of the product's
   * open buy), already worded: it is part of what the price pays for.
   */
  commission?: { groupBuyId: number; rule: string };
  /** members' feedback after pickup: average ("4.3"), count, and the latest comments they agreed to publish */
  feedback?: { average: string; count: number; comments: { name: string; comment: string }[] };
  /** members supporting it in its poll (absent: it had no members' vote) */
  support?: number;
  /** each tag links to /products filtered by it (a deep link: it opens the private chat from a group too) */
  tagLinks?: { botUsername: string; communityId: number };
  /** the card's public Q&A: how many, read with /card <productId> */
  qa?: { count: number; productId: number };
};

export const MAX_TEXT = 4096;

/** Length as Telegram counts it after parsing our HTML (tags dropped, entities one character). */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+);/g, "x").length;
}

/** The cost table: one line each with amount and share of the total. */
export function costTableHtml(lines: readonly CostLine[], currency: string, locale: Locale): string {
  return breakdownRows(lines, currency, locale)
    .map((r) => `• ${escapeHtml(r.label)} — ${r.amount} · ${r.share}`)
    .join("\n");
}

/**
 * The cost table grouped by kind: each kind present with its subtotal and
 * share, its lines below it. Lines with no kind yet count as OTHER; when every
 * line is OTHER (products from before kinds) it is the plain table.
 */
export function costTableByKindHtml(t: Translate, lines: readonly CostLine[], currency: string, locale: Locale): string {
  const kinded = lines.map((l) => ({ ...l, kind: l.kind ?? ("OTHER" as const) }));
  if (kinded.every((l) => l.kind === "OTHER")) return costTableHtml(lines, currency, locale);
  const totals = totalsByKind(kinded);
  const present = COST_KINDS.filter((k) => kinded.some((l) => l.kind === k));
  // a kind's share is the sum of its lines' shares: both add up to 100.0 % and never disagree
  const lineShares = sharesPermille(kinded.map((l) => l.amountFen));
  const shares = present.map((k) => kinded.reduce((sum, l, j) => sum + (l.kind === k ? lineShares[j]! : 0), 0));
  const rows = breakdownRows(kinded, currency, locale);
  return present
    .map((kind, i) => {
      const head = t("product-card-kind-group", { kind: t(`cost-kind-${kind}`), amount: formatMoney(totals[kind], currency, locale), share: formatPermille(shares[i]!) });
      const items = kinded.flatMap((l, j) => (l.kind === kind ? [`  • ${escapeHtml(rows[j]!.label)} — ${rows[j]!.amount} · ${rows[j]!.share}`] : []));
      return [head, ...items].join("\n");
    })
    .join("\n");
}

/** One short line for announcements: "原料 ¥12.50 (41.7%) · 人工 ¥10.00 (33.3%)". HTML-escaped. */
export function costSummaryLine(lines: readonly CostLine[], currency: string, locale: Locale): string {
  return breakdownRows(lines, currency, locale)
    .map((r) => `${escapeHtml(r.label)} ${r.amount} (${r.share})`)
    .join(" · ");
}

export function tagsLine(t: Translate, tags: readonly SocialTag[]): string {
  return tags.map((tag) => t(tagLabelKey(tag))).join(" · ");
}

function linkedTags(t: Translate, tags: readonly SocialTag[], links: { botUsername: string; communityId: number }): string {
  return tags
    .map((tag) => `<a href="${deepLinkUrl(links.botUsername, encodeDeepLink({ kind: "products-tag", tag, communityId: links.communityId }))}">${escapeHtml(t(tagLabelKey(tag)))}</a>`)
    .join(" · ");
}

/**
 * The card's HTML. `header` and `footer` (already HTML) wrap it, e.g. for
 * reviews; the story is shortened so that the whole stays within `max`.
 */
export function renderCardText(
  t: Translate,
  locale: Locale,
  data: CardData,
  options: { header?: string; footer?: string; max?: number } = {},
): string {
  const unit = escapeHtml(data.unit);
  const html = htmlTranslate(t);
  const top = [
    ...(options.header ? [options.header, ""] : []),
    `🛒 <b>${escapeHtml(data.name)}</b> · ${unit}`,
    ...(data.tags.length ? [`🏷 ${data.tagLinks ? linkedTags(t, data.tags, data.tagLinks) : escapeHtml(tagsLine(t, data.tags))}`] : []),
    `🧑‍🌾 ${html("product-card-producer", { name: data.producerName, location: data.producerLocation })}`,
  ].join("\n");
  const price =
    data.priceFen === null
      ? t("product-card-no-price")
      : t("product-card-price", { price: formatMoney(data.priceFen, data.currency, locale), unit });
  const bottom = [
    `<b>${t("product-card-costs-title", { unit })}</b>`,
    data.costLines.length ? costTableByKindHtml(t, data.costLines, data.currency, locale) : t("product-card-no-costs"),
    ...(data.priceFen !== null && data.costLines.length && sumFen(data.costLines) !== data.priceFen
      ? [t("product-card-costs-unbalanced", { sum: formatMoney(sumFen(data.costLines), data.currency, locale) })]
      : []),
    `<b>${price}</b>`,
    ...(data.commission
      ? [`🤝 ${t("product-card-commission", { id: String(data.commission.groupBuyId), rule: data.commission.rule })}`]
      : []),
    "",
    `🙋 ${html("product-card-recommended-by", { name: data.recommenderName })}`,
    ...(data.feedback ? [t("product-card-feedback", { average: data.feedback.average, count: data.feedback.count })] : []),
    ...(data.feedback?.comments ?? []).map((c) => html("product-card-feedback-comment", { name: c.name, comment: truncate(c.comment, 200) })),
    ...(data.support !== undefined ? [t("product-card-support", { count: data.support })] : []),
    ...(data.qa?.count ? [`💬 ${t("questions-card-line", { count: String(data.qa.count), id: String(data.qa.productId) })}`] : []),
    ...(data.revisedAt && data.version !== null
      ? [`🕓 ${t("product-card-revised", { date: formatDay(data.revisedAt, data.timezone), version: String(data.version) })}`]
      : []),
    ...(options.footer ? ["", options.footer] : []),
  ].join("\n");
  const max = options.max ?? MAX_TEXT;
  // what is left for the story, with a little room for the blank lines around it
  const budget = max - visibleLength(top) - visibleLength(bottom) - 8;
  // long stories fold away in the chat (an expandable quote)
  const story = budget > 20 ? `<blockquote expandable>${escapeHtml(truncate(data.story, budget))}</blockquote>` : "";
  return [top, "", ...(story ? [story, ""] : []), bottom].join("\n");
}
