import { InlineKeyboard, type Api } from "grammy";
import type { Services } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { displayName, toMemberRecord } from "../../db/members";
import { toCommunityRecord, type CommunityRecord } from "../../db/communities";
import { loadApprovedProduct, setCardMessage, type RevisionWithProduct } from "../../db/products";
import type { Locale } from "../../domain/money";
import { formatCommissionRule } from "../../domain/commission";
import { renderCardText, type CardData } from "./card";
import type { Translate } from "../../views/env";
import { cbOpen } from "../group-buy/callbacks";

export type CardServices = Pick<Services, "db" | "i18n">;

export type ProductCard = {
  /** HTML, within Telegram's 4096 characters */
  text: string;
  keyboard: InlineKeyboard;
  /** shown above the text (an album when several) */
  photoFileIds: string[];
};

export const translator =
  (services: Pick<Services, "i18n">, locale: Locale): Translate =>
  (key, vars) =>
    services.i18n.t(locale, key, vars);

async function recommenderName(services: CardServices, memberId: number): Promise<string> {
  const row = await services.db.member.findUnique({ where: { id: memberId } });
  return row ? displayName(toMemberRecord(row)) : "—";
}

async function timezoneOf(services: CardServices, communityId: number): Promise<string> {
  const row = await services.db.community.findUnique({ where: { id: communityId } });
  return row ? toCommunityRecord(row).timezone : "Asia/Shanghai";
}

/**
 * The commission rule the card shows: the buy's it is opened for, else the
 * product's open buy (the latest opened), else none — a product alone has no rule.
 */
async function commissionFor(services: CardServices, productId: number, t: Translate, locale: Locale, groupBuyId?: number): Promise<CardData["commission"]> {
  const select = { id: true, commissionKind: true, commissionValue: true, currency: true } as const;
  const buy =
    groupBuyId !== undefined
      ? await services.db.groupBuy.findFirst({ where: { id: groupBuyId, productId }, select })
      : await services.db.groupBuy.findFirst({ where: { productId, status: "OPEN" }, orderBy: { id: "desc" }, select });
  if (!buy) return undefined;
  const rule =
    buy.commissionValue === 0
      ? t("product-card-commission-none")
      : formatCommissionRule(t, { kind: buy.commissionKind, value: buy.commissionValue }, buy.currency, locale);
  return { groupBuyId: buy.id, rule };
}

/** The "Open a group buy" button; the group-buy feature answers it. */
export function openBuyKeyboard(t: Translate, productId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("product-card-open-buy"), cbOpen.pack({ id: productId }));
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
  options: { openBuyButton?: boolean; header?: string; groupBuyId?: number } = {},
): Promise<ProductCard | undefined> {
  const product = await loadApprovedProduct(services.db, productId);
  if (!product) return undefined;
  const t = translator(services, locale);
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
  };
  return {
    text: renderCardText(t, locale, data, { header: options.header }),
    keyboard: options.openBuyButton === false ? new InlineKeyboard() : openBuyKeyboard(t, productId),
    photoFileIds: product.photoFileIds,
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

/** Sends photos (if any) and then the card text with its buttons; returns the text message's id. */
export async function sendProductCard(api: Api, chatId: number, card: ProductCard, options: { replyTo?: number } = {}): Promise<number> {
  const reply = options.replyTo ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {};
  if (card.photoFileIds.length === 1) {
    await api.sendPhoto(chatId, card.photoFileIds[0]!, reply);
  } else if (card.photoFileIds.length > 1) {
    await api.sendMediaGroup(
      chatId,
      card.photoFileIds.map((media) => ({ type: "photo" as const, media })),
      reply,
    );
  }
  const hasButtons = card.keyboard.inline_keyboard.some((row) => row.length > 0);
  const sent = await api.sendMessage(chatId, card.text, {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(hasButtons ? { reply_markup: card.keyboard } : {}),
    ...(card.photoFileIds.length === 0 ? reply : {}),
  });
  return sent.message_id;
}

/**
 * Posts the approved card in the community's group and remembers it. A card
 * posted before (an older revision) loses its button, so nobody opens a buy
 * at an outdated price. Failures are logged: the approval stands regardless.
 */
export async function publishProductCard(
  services: Pick<Services, "db" | "i18n" | "communities" | "logger">,
  api: Api,
  productId: number,
  communityId: number,
  previousCardMessageId: number | null,
): Promise<number | undefined> {
  const community = await services.communities.byId(communityId);
  if (!community?.active) return undefined;
  try {
    const card = await renderProductCard(services, productId, community.locale);
    if (!card) return undefined;
    const messageId = await sendProductCard(api, community.telegramChatId, card);
    await setCardMessage(services.db, productId, messageId);
    if (previousCardMessageId !== null) {
      await ignoringHarmless(() =>
        api.editMessageReplyMarkup(community.telegramChatId, previousCardMessageId, { reply_markup: { inline_keyboard: [] } }),
      ).catch((error: unknown) => services.logger.warn("could not retire the old product card", { product_id: productId, error: String(error) }));
    }
    return messageId;
  } catch (error) {
    services.logger.error("could not post the product card", { product_id: productId, community_id: communityId, error: String(error) });
    return undefined;
  }
}

/** The locale the i18n plugin negotiated for this update (member's choice, Telegram's, or the default). */
export async function localeOf(ctx: { i18n: { getLocale(): Promise<string> } }, fallback: Locale): Promise<Locale> {
  const locale = await ctx.i18n.getLocale();
  return locale === "zh" || locale === "en" ? locale : fallback;
}

/**
 * The communities a member takes part in: those whose group they were seen
 * in, and those they organize (a global organizer may never have spoken in a
 * group). Active ones, by title.
 */
export async function communitiesOf(
  services: Pick<Services, "communities" | "organizers">,
  member: { id: number; telegramId: number },
): Promise<CommunityRecord[]> {
  const seen = await services.communities.ofMember(member.id);
  const known = new Set(seen.map((c) => c.id));
  const organized = (await services.organizers.communityIdsOf(member)).filter((id) => !known.has(id));
  const extra = (await Promise.all(organized.map((id) => services.communities.byId(id)))).filter((c): c is CommunityRecord => !!c?.active);
  return [...seen, ...extra].sort((a, b) => a.title.localeCompare(b.title));
}
