// A product's card: what it says (the approved revision, or any revision for
// its recommender and reviewers) and its "Open a group buy" button.
import { InlineKeyboard } from "grammy";
import type { Services } from "../../bot/context";
import { commissionOfProductBuy } from "../../db/buy-summaries";
import { communityById } from "../../db/communities";
import { displayName, memberById } from "../../db/members";
import { publishedComments, ratingTotals } from "../../db/feedback";
import { formatAverage, summarize } from "../../domain/ratings";
import { loadApprovedProduct, type RevisionWithProduct } from "../../db/products";
import { supportOfRevision } from "../../db/revision-polls";
import type { Locale } from "../../domain/money";
import { formatCommissionRule } from "../../domain/commission";
import { renderCardText, type CardData } from "./card";
import { cardChart, type CardChart } from "./card-picture";
import { translator, type Translate } from "../../views/env";
import { cbOpen } from "../group-buy/callbacks";
import { publicQaCount } from "../../db/questions";
import { addAskButton } from "../questions/views";

export type CardServices = Pick<Services, "db" | "i18n">;

export type ProductCard = {
  /** HTML, within Telegram's 4096 characters */
  text: string;
  keyboard: InlineKeyboard;
  /** the first is drawn above the chart; an album above the text when the picture can't be had */
  photoFileIds: string[];
  /** what the card's picture draws (none: no costs to draw, the card goes as text) */
  chart?: CardChart;
};

async function recommenderName(services: CardServices, memberId: number): Promise<string> {
  const member = await memberById(services.db, memberId);
  return member ? displayName(member) : "—";
}

async function timezoneOf(services: CardServices, communityId: number): Promise<string> {
  return (await communityById(services.db, communityId))?.timezone ?? "Asia/Shanghai";
}

/**
 * The commission rule the card shows: the buy's it is opened for, else the
 * product's open buy (the latest opened), else none — a product alone has no rule.
 */
async function commissionFor(services: CardServices, productId: number, t: Translate, locale: Locale, groupBuyId?: number): Promise<CardData["commission"]> {
  const buy = await commissionOfProductBuy(services.db, productId, groupBuyId);
  if (!buy) return undefined;
  const rule =
    buy.commissionValue === 0
      ? t("product-card-commission-none")
      : formatCommissionRule(t, { kind: buy.commissionKind, value: buy.commissionValue }, buy.currency, locale);
  return { groupBuyId: buy.id, rule };
}

/** The card's feedback line and the latest 3 comments published with their members' consent; none before a first rating. */
async function feedbackFor(services: CardServices, productId: number): Promise<CardData["feedback"]> {
  const summary = summarize(await ratingTotals(services.db, productId));
  if (summary.count === 0) return undefined;
  const comments = (await publishedComments(services.db, productId, 3)).map((c) => ({ name: displayName(c), comment: c.comment }));
  return { average: formatAverage(summary.averageTenths), count: summary.count, comments };
}

/**
 * The "Open a group buy" button (the group-buy feature answers it) and "❓ Ask"
 * (a link to the private chat when `botUsername` is given: in a group).
 */
export function openBuyKeyboard(t: Translate, productId: number, botUsername?: string): InlineKeyboard {
  return addAskButton(new InlineKeyboard().text(t("product-card-open-buy"), cbOpen.pack({ id: productId })), t, productId, botUsername);
}

/**
 * The public card of a product's approved revision: text (story, cost table
 * with shares, price, producer, recommender, last revision) and the "Open a
 * group buy" button. undefined when the product has no approved revision.
 */
export async function renderProductCard(
  services: CardServices,
  productId: number,
  locale: Locale,
  options: { openBuyButton?: boolean; header?: string; groupBuyId?: number; botUsername?: string; inGroup?: boolean } = {},
): Promise<ProductCard | undefined> {
  const product = await loadApprovedProduct(services.db, productId);
  if (!product) return undefined;
  const t = translator(services.i18n, locale);
  const askVia = options.inGroup ? options.botUsername : undefined;
  const data: CardData = {
    name: product.name,
    unit: product.unit,
    tags: product.tags,
    story: product.story,
    costLines: product.costLines,
    priceFen: product.priceFen,
    currency: product.currency,
    producerName: product.producer.name,
    producerLocation: product.producer.location,
    recommenderName: await recommenderName(services, product.recommenderId),
    version: product.version,
    revisedAt: product.approvedAt ? new Date(product.approvedAt) : null,
    timezone: await timezoneOf(services, product.communityId),
    commission: await commissionFor(services, productId, t, locale, options.groupBuyId),
    feedback: await feedbackFor(services, productId),
    support: await supportOfRevision(services.db, product.revisionId),
    tagLinks: options.botUsername ? { botUsername: options.botUsername, communityId: product.communityId } : undefined,
    qa: { count: await publicQaCount(services.db, productId), productId },
  };
  return {
    text: renderCardText(t, locale, data, { header: options.header }),
    // ❓ in a group is a link to the private chat; in private a button
    keyboard: options.openBuyButton === false ? addAskButton(new InlineKeyboard(), t, productId, askVia) : openBuyKeyboard(t, productId, askVia),
    photoFileIds: product.photoFileIds,
    chart: cardChart({ revisionId: product.revisionId, locale, name: product.name, unit: product.unit, priceFen: product.priceFen, currency: product.currency, lines: product.costLines }),
  };
}

/** Card data of any revision (the recommender's own, not yet approved, or the one under review). */
export function revisionCardData(revision: RevisionWithProduct, recommenderName: string, timezone: string): CardData {
  return {
    name: revision.name,
    unit: revision.unit,
    tags: revision.tags,
    story: revision.story,
    costLines: revision.costLines,
    priceFen: revision.priceFen,
    currency: revision.currency,
    producerName: revision.producer.name,
    producerLocation: revision.producer.location,
    recommenderName,
    version: revision.version,
    revisedAt: revision.status === "APPROVED" || revision.status === "SUPERSEDED" ? revision.reviewedAt : null,
    timezone,
  };
}
