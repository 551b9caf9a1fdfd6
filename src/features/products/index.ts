import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../../bot/context";
import { createCallbackData, idField } from "../../bot/callback-data";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { draftsOf } from "../../db/product-drafts";
import { displayName } from "../../db/members";
import { latestRevision, listApproved, productsOfRecommender, type OwnProduct } from "../../db/products";
import { productOfBuy } from "../../db/buy-summaries";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney } from "../../domain/money";
import { editProduct } from "../recommend/callbacks";
import { renderCardText } from "./card";
import { htmlTranslate, localeOf } from "../../views/env";
import { communitiesOf } from "./member-communities";
import { renderProductCard, revisionCardData } from "./product-card";
import { sendProductCard } from "./send-card";
import { cardChart } from "./card-picture";
import { unansweredSection } from "../questions/my-questions";

export { renderProductCard, revisionCardData, type ProductCard } from "./product-card";
export { sendProductCard } from "./send-card";
export { publishProductCard } from "./publish-card";
export { communitiesOf } from "./member-communities";
export { costSummaryLine, costTableHtml } from "./card";

const PAGE_SIZE = 6;
/** (in a group the list links to the private chat instead) */
const openProduct = createCallbackData("prdo", { id: idField });
/** community 0: the member's communities (private chat) */
const productsPage = createCallbackData("prdpg", {
  community: z.coerce.number().int().min(0).max(2 ** 31 - 1),
  page: z.coerce.number().int().min(0).max(100_000),
}, { chats: ["group", "private"], audience: "member" });

type ListScope = { scopeId: number; communityIds: number[]; titles: Map<number, string>; inGroup: boolean };

async function renderList(ctx: BotContext, scope: ListScope, page: number): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const { db, config } = ctx.services;
  const locale = await localeOf(ctx, config.defaultLocale);
  const { items, total } = await listApproved(db, scope.communityIds, page, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const header =
    scope.inGroup || scope.communityIds.length === 1
      ? htmlTranslate((key, vars) => ctx.t(key, vars))("products-list-header-community", { title: scope.titles.get(scope.communityIds[0]!) ?? "" })
      : ctx.t("products-list-header-mine");
  const keyboard = new InlineKeyboard();
  if (items.length === 0) return { text: `${header}\n\n${ctx.t("products-list-empty")}`, keyboard };
  const lines = items.map((item, i) => {
    const n = page * PAGE_SIZE + i + 1;
    const where = scope.communityIds.length > 1 ? ` · ${escapeHtml(scope.titles.get(item.communityId) ?? "")}` : "";
    const label = `${n}. ${truncate(item.name, 40)}`;
    if (scope.inGroup) keyboard.url(label, deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "product", productId: item.productId }))).row();
    else keyboard.text(label, openProduct.pack({ id: item.productId })).row();
    return `${n}. <b>${escapeHtml(item.name)}</b> · ${escapeHtml(item.unit)} — ${formatMoney(item.priceFen, item.currency, locale)}${where}`;
  });
  if (pages > 1) {
    if (page > 0) keyboard.text(ctx.t("products-page-previous"), productsPage.pack({ community: scope.scopeId, page: page - 1 }));
    if (page + 1 < pages) keyboard.text(ctx.t("products-page-next"), productsPage.pack({ community: scope.scopeId, page: page + 1 }));
  }
  const footer = ctx.t(scope.inGroup ? "products-list-footer-group" : "products-list-footer-private", { page: String(page + 1), pages: String(pages) });
  return { text: [header, "", ...lines, "", footer].join("\n"), keyboard };
}

/** Which products a list may show: the group's community, or the member's communities in private. */
async function scopeFor(ctx: BotContext, scopeId: number): Promise<ListScope | undefined> {
  if (ctx.chat?.type === "private") {
    if (!ctx.member) return undefined;
    const mine = await communitiesOf(ctx.services, ctx.member);
    const chosen = scopeId === 0 ? mine : mine.filter((c) => c.id === scopeId);
    if (chosen.length === 0) return undefined;
    return { scopeId, communityIds: chosen.map((c) => c.id), titles: new Map(chosen.map((c) => [c.id, c.title])), inGroup: false };
  }
  if (!ctx.community || (scopeId !== 0 && scopeId !== ctx.community.id)) return undefined;
  return { scopeId: ctx.community.id, communityIds: [ctx.community.id], titles: new Map([[ctx.community.id, ctx.community.title]]), inGroup: true };
}

/** Shows a product card in the private chat: the approved card, or the owner's latest revision. */
async function showProduct(ctx: BotContext, productId: number, groupBuyId?: number): Promise<boolean> {
  const { config } = ctx.services;
  const locale = await localeOf(ctx, config.defaultLocale);
  const card = await renderProductCard(ctx.services, productId, locale, { groupBuyId });
  if (card) {
    await sendProductCard(ctx.services, ctx.api, ctx.chat!.id, card);
    return true;
  }
  const latest = await latestRevision(ctx.services.db, productId);
  if (!latest || !ctx.member || latest.product.recommenderId !== ctx.member.id) return false;
  const header = `<i>${ctx.t("products-not-published", { status: ctx.t(`revision-status-${latest.status}`) })}</i>`;
  const community = await ctx.services.communities.byId(latest.product.communityId);
  const data = revisionCardData(latest, displayName(ctx.member), community?.timezone ?? ctx.services.config.timezone);
  const text = renderCardText((k, v) => ctx.t(k, v), locale, data, { header });
  const chart = cardChart({ revisionId: latest.id, locale, name: latest.name, unit: latest.unit, priceFen: latest.priceFen, currency: latest.currency, lines: latest.costLines });
  await sendProductCard(ctx.services, ctx.api, ctx.chat!.id, { text, keyboard: new InlineKeyboard(), photoFileIds: latest.photoFileIds, chart });
  return true;
}

function ownStatus(ctx: BotContext, own: OwnProduct): string {
  const comment = own.latest.reviewComment ? escapeHtml(truncate(own.latest.reviewComment, 80)) : "";
  const latest = { version: String(own.latest.version), comment };
  if (!own.approved) return ctx.t(`my-products-status-${own.latest.status}`, latest);
  const published = ctx.t("my-products-published", { version: String(own.approved.version) });
  if (own.latest.status === "APPROVED") return published;
  return `${published}; ${ctx.t(`my-products-change-${own.latest.status}`, latest)}`;
}

/**
 * A product link (`/start p<product>`), or the announcement's "Full card"
 * (`/start c<buy>`: the product as this buy offers it).
 */
export async function showProductLink(ctx: BotContext, link: { kind: "product"; productId: number } | { kind: "buy-card"; groupBuyId: number }): Promise<void> {
  if (link.kind === "buy-card") {
    const productId = await productOfBuy(ctx.services.db, link.groupBuyId);
    if (productId === undefined || !(await showProduct(ctx, productId, link.groupBuyId))) await ctx.reply(ctx.t("products-not-found"));
    return;
  }
  if (!(await showProduct(ctx, link.productId))) await ctx.reply(ctx.t("products-not-found"));
}

/** /products, /my_products. */
export function productsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  composer.command("products", async (ctx) => {
    const scope = await scopeFor(ctx, 0);
    if (!scope) {
      if (ctx.chat.type === "private") await ctx.reply(ctx.t("products-no-community"));
      return;
    }
    const { text, keyboard } = await renderList(ctx, scope, 0);
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  });

  composer.callbackQuery(productsPage.filter, async (ctx) => {
    const data = productsPage.unpack(ctx.callbackQuery.data);
    const scope = data && (await scopeFor(ctx, data.community));
    if (!data || !scope) return ctx.answerCallbackQuery({ text: ctx.t("products-not-found") });
    await ctx.answerCallbackQuery();
    const { text, keyboard } = await renderList(ctx, scope, data.page);
    await ignoringHarmless(() => ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard }));
  });

  composer.callbackQuery(openProduct.filter, async (ctx) => {
    const data = openProduct.unpack(ctx.callbackQuery.data);
    if (!data || ctx.chat?.type !== "private") return ctx.answerCallbackQuery();
    const shown = await showProduct(ctx, data.id);
    await ctx.answerCallbackQuery(shown ? {} : { text: ctx.t("products-not-found") });
  });

  privateChats.command("my_products", async (ctx) => {
    if (!ctx.member) return;
    const { db } = ctx.services;
    // the newest 15 keep the list within one message (4096 characters)
    const [own, drafts] = await Promise.all([productsOfRecommender(db, ctx.member.id, 15), draftsOf(db, ctx.member.id)]);
    const newDrafts = drafts.filter((d) => d.productId === null);
    if (own.length === 0 && newDrafts.length === 0) return ctx.reply(ctx.t("my-products-none"), { parse_mode: "HTML" });
    const keyboard = new InlineKeyboard();
    const lines = own.map((p, i) => {
      const name = p.approved?.name ?? p.latest.name;
      keyboard.text(`${i + 1}. ${truncate(name, 30)}`, openProduct.pack({ id: p.product.id }));
      if (p.product.status !== "REJECTED") keyboard.text(ctx.t("my-products-edit"), editProduct.pack({ id: p.product.id }));
      keyboard.row();
      return `${i + 1}. <b>${escapeHtml(name)}</b> · ${escapeHtml(p.latest.unit)} — ${ownStatus(ctx, p)}`;
    });
    const html = htmlTranslate((key, vars) => ctx.t(key, vars));
    const draftLines = newDrafts.slice(0, 3).map((d) => `📝 ${html("my-products-draft", { name: d.payload.name ?? ctx.t("recommend-untitled") })}`);
    // questions members asked, waiting for an answer (each with its button)
    const questions = await unansweredSection(db, (k, v) => ctx.t(k, v), ctx.member.id, keyboard);
    await ctx.reply([ctx.t("my-products-header"), "", ...lines, ...(draftLines.length ? ["", ...draftLines] : []), ...(questions.length ? ["", ...questions] : [])].join("\n"), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  });

  return composer;
}
