// /products: the approved products of the group's community (or, in private,
// of the member's communities), a page at a time, and filtered by one of the
// social-innovation tags (the "🏷" button, or a tag link on a card).
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../../bot/context";
import { createCallbackData, idField } from "../../bot/callback-data";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { listApproved } from "../../db/products";
import { ratingTotalsOf } from "../../db/feedback";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney } from "../../domain/money";
import { SOCIAL_TAGS, tagLabelKey, type SocialTag } from "../../domain/tags";
import { htmlTranslate, localeOf } from "../../views/env";
import { communitiesOf } from "./member-communities";
import { ratingSuffix } from "../feedback/views";

const PAGE_SIZE = 6;
const communityField = z.coerce.number().int().min(0).max(2 ** 31 - 1);
const pageField = z.coerce.number().int().min(0).max(100_000);
/** (in a group the list links to the private chat instead) */
export const openProduct = createCallbackData("prdo", { id: idField });
const onList = { chats: ["group", "private"], audience: "member" } as const;
/** community 0: the member's communities (private chat) */
const productsPage = createCallbackData("prdpg", { community: communityField, page: pageField }, onList);
/** the tag buttons of a list */
const productsTags = createCallbackData("prdtags", { community: communityField }, onList);
/** a page of the list filtered by a tag (its index in SOCIAL_TAGS) */
const productsTagPage = createCallbackData("prdtag", { community: communityField, tag: z.coerce.number().int().min(0).max(SOCIAL_TAGS.length - 1), page: pageField }, onList);

type ListScope = { scopeId: number; communityIds: number[]; titles: Map<number, string>; inGroup: boolean };

async function renderList(ctx: BotContext, scope: ListScope, page: number, tag?: SocialTag): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const { db, config } = ctx.services;
  const locale = await localeOf(ctx, config.defaultLocale);
  const { items, total } = await listApproved(db, scope.communityIds, page, PAGE_SIZE, tag);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const title =
    scope.inGroup || scope.communityIds.length === 1
      ? htmlTranslate((key, vars) => ctx.t(key, vars))("products-list-header-community", { title: scope.titles.get(scope.communityIds[0]!) ?? "" })
      : ctx.t("products-list-header-mine");
  const header = tag ? `${title}\n${ctx.t("products-tag-filter", { tag: escapeHtml(ctx.t(tagLabelKey(tag))) })}` : title;
  const keyboard = new InlineKeyboard();
  const ratings = await ratingTotalsOf(db, items.map((i) => i.productId)); // across all the product's buys
  const tagRow = () => {
    keyboard.text(ctx.t("products-tags-button"), productsTags.pack({ community: scope.scopeId }));
    if (tag) keyboard.text(ctx.t("products-tags-all"), productsPage.pack({ community: scope.scopeId, page: 0 }));
  };
  if (items.length === 0) {
    tagRow();
    return { text: `${header}\n\n${ctx.t(tag ? "products-tag-empty" : "products-list-empty")}`, keyboard };
  }
  const lines = items.map((item, i) => {
    const n = page * PAGE_SIZE + i + 1;
    const where = scope.communityIds.length > 1 ? ` · ${escapeHtml(scope.titles.get(item.communityId) ?? "")}` : "";
    const label = `${n}. ${truncate(item.name, 40)}`;
    if (scope.inGroup) keyboard.url(label, deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "product", productId: item.productId }))).row();
    else keyboard.text(label, openProduct.pack({ id: item.productId })).row();
    return `${n}. <b>${escapeHtml(item.name)}</b> · ${escapeHtml(item.unit)} — ${formatMoney(item.priceFen, item.currency, locale)}${ratingSuffix((k, v) => ctx.t(k, v), ratings.get(item.productId))}${where}`;
  });
  tagRow();
  keyboard.row();
  if (pages > 1) {
    const to = (p: number) => (tag ? productsTagPage.pack({ community: scope.scopeId, tag: SOCIAL_TAGS.indexOf(tag), page: p }) : productsPage.pack({ community: scope.scopeId, page: p }));
    if (page > 0) keyboard.text(ctx.t("products-page-previous"), to(page - 1));
    if (page + 1 < pages) keyboard.text(ctx.t("products-page-next"), to(page + 1));
  }
  const footer = ctx.t(scope.inGroup ? "products-list-footer-group" : "products-list-footer-private", { page: String(page + 1), pages: String(pages) });
  return { text: [header, "", ...lines, "", footer].join("\n"), keyboard };
}

function tagPicker(ctx: BotContext, scope: ListScope): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  SOCIAL_TAGS.forEach((tag, i) => {
    keyboard.text(truncate(ctx.t(tagLabelKey(tag)), 30), productsTagPage.pack({ community: scope.scopeId, tag: i, page: 0 }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t("products-tags-all"), productsPage.pack({ community: scope.scopeId, page: 0 }));
  return { text: ctx.t("products-tags-pick"), keyboard };
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

/** `/start tg<tag>[_<community>]`: a card's tag, opened from a group: the private list filtered by it. */
export async function showTagLink(ctx: BotContext, link: { tag: SocialTag; communityId?: number }): Promise<void> {
  // a community the member is not in (or no longer) falls back to all of theirs
  const scope = (link.communityId !== undefined ? await scopeFor(ctx, link.communityId) : undefined) ?? (await scopeFor(ctx, 0));
  if (!scope) return void (await ctx.reply(ctx.t("products-no-community")));
  const { text, keyboard } = await renderList(ctx, scope, 0, link.tag);
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

/** /products with its paging and tag filter. */
export function productListFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("products", async (ctx) => {
    const scope = await scopeFor(ctx, 0);
    if (!scope) {
      if (ctx.chat.type === "private") await ctx.reply(ctx.t("products-no-community"));
      return;
    }
    const { text, keyboard } = await renderList(ctx, scope, 0);
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  });

  composer.callbackQuery([productsPage.filter, productsTagPage.filter, productsTags.filter], async (ctx) => {
    const data = ctx.callbackQuery.data;
    const paged = productsPage.unpack(data);
    const tagged = productsTagPage.unpack(data);
    const picker = productsTags.unpack(data);
    const scopeId = paged?.community ?? tagged?.community ?? picker?.community;
    const scope = scopeId !== undefined ? await scopeFor(ctx, scopeId) : undefined;
    if (!scope) return void (await ctx.answerCallbackQuery({ text: ctx.t("products-not-found") }));
    await ctx.answerCallbackQuery();
    const view = picker ? tagPicker(ctx, scope) : await renderList(ctx, scope, paged?.page ?? tagged?.page ?? 0, tagged ? SOCIAL_TAGS[tagged.tag] : undefined);
    await ignoringHarmless(() => ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
  });

  return composer;
}
