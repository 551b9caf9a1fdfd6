import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { draftsOf } from "../../db/product-drafts";
import { displayName } from "../../db/members";
import { latestRevision, productsOfRecommender, type OwnProduct } from "../../db/products";
import { productOfBuy } from "../../db/buy-summaries";
import { escapeHtml, truncate } from "../../domain/html";
import { editProduct } from "../recommend/callbacks";
import { renderCardText } from "./card";
import { htmlTranslate, localeOf } from "../../views/env";
import { openProduct, productListFeature } from "./list";
import { renderProductCard, revisionCardData } from "./product-card";
import { sendProductCard } from "./send-card";
import { cardChart } from "./card-picture";
import { ratingTotalsOf } from "../../db/feedback";
import { ratingSuffix } from "../feedback/views";
import { unansweredSection } from "../questions/my-questions";

export { renderProductCard, revisionCardData, type ProductCard } from "./product-card";
export { sendProductCard } from "./send-card";
export { publishProductCard, registerCardPosting } from "./publish-card";
export { communitiesOf } from "./member-communities";
export { showTagLink } from "./list";
export { costSummaryLine, costTableHtml } from "./card";

/** Shows a product card in the private chat: the approved card, or the owner's latest revision. */
async function showProduct(ctx: BotContext, productId: number, groupBuyId?: number): Promise<boolean> {
  const { config } = ctx.services;
  const locale = await localeOf(ctx, config.defaultLocale);
  const card = await renderProductCard(ctx.services, productId, locale, { groupBuyId, botUsername: ctx.me.username });
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

  composer.use(productListFeature());

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
