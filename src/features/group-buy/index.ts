import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { enterDialog, inDialog } from "../../bot/dialog";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { truncate } from "../../domain/html";
import { MAX_QUANTITY } from "../../domain/group-buy-rules";
import { cbDialog, cbOpen } from "./callbacks";
import { OPEN_DIALOG, openableFor, openDialogConversation } from "./open-dialog";
import { myOrdersText } from "./my-orders-view";
import type { GroupBuyModule } from "./module";
import { viewEnvOf } from "../../views/env";
import { changeAnswer } from "./buttons";
import { changeOrder } from "./use-cases/change-order";
import { currentView, parseTypedQuantity, refreshStoredView, sendView, type PrivateViewDeps } from "./private-view";
import { myPickupCodeButtons } from "../pickup/views";

export { createGroupBuyModule, type GroupBuyModule } from "./module";
export { buyButtonsFeature } from "./buttons";

/** Leaves an open dialog the member may be in, then starts one for this product. */
async function enterOpenDialog(ctx: BotContext, productId: number) {
  if ((await ctx.conversation.active(OPEN_DIALOG)) > 0) await ctx.conversation.exit(OPEN_DIALOG);
  await enterDialog(ctx, OPEN_DIALOG, productId);
}

/** The products this member may open a buy for, as buttons (or a word that there are none). */
async function showProductPicker(m: GroupBuyModule, ctx: BotContext) {
  if (!ctx.member) return;
  const products = await openableFor(m, ctx.member);
  if (products.length === 0) {
    await ctx.reply(ctx.t("gb-open-none"));
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const p of products.slice(0, 30)) {
    keyboard.text(truncate(`${p.name} · ${p.communityTitle}`, 60), cbOpen.pack({ id: p.productId })).row();
  }
  await ctx.reply(ctx.t("gb-open-pick"), { reply_markup: keyboard });
}

/**
 * Opening a buy from a link: `/start o<productId>` enters the dialog for
 * that product, `/start open` (no product) shows the picker.
 */
export async function enterOpenFlow(m: GroupBuyModule, ctx: BotContext, productId?: number): Promise<void> {
  if (productId !== undefined) await enterOpenDialog(ctx, productId);
  else await showProductPicker(m, ctx);
}

/** A buy from a link (`/start b<id>` or a referral link): the buy as this member sees it in private, or "not found". */
export function showBuyFromLink(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number): Promise<void> {
  return sendView(m, ctx, groupBuyId);
}

/** The group's 🔢 (`/start q<id>`): the buy and its quantity buttons in one message, so one tap on a number is left. */
export function showQuantityPicker(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number): Promise<void> {
  return sendView(m, ctx, groupBuyId, true);
}

/**
 * A quantity typed in private sets the order of the buy the member viewed
 * last, through the same use-case as the buttons (idempotent by update);
 * anything wrong gets a one-line reason. Only number-like text, only when
 * no dialog is active (dialogs see every message first) and the member has
 * viewed a buy: all else passes on.
 */
async function typedQuantity(m: GroupBuyModule, ctx: BotContext & { message: { text: string } }, next: () => Promise<void>): Promise<void> {
  const typed = parseTypedQuantity(ctx.message.text);
  if (!typed || !ctx.member || inDialog(ctx)) return next();
  const view = await currentView(m, ctx.member.id);
  const buy = view && (await m.buys.facts(view.groupBuyId));
  if (!view || !buy) return next();
  const say = (answer: string) => ctx.reply(ctx.t("gb-typed-answer", { id: String(buy.id), answer }));
  if ("error" in typed) {
    await say(ctx.t(`gb-typed-${typed.error}`, { max: MAX_QUANTITY }));
    return;
  }
  const result = await changeOrder(m, { buy, member: ctx.member, change: typed.change, updateKey: `u${ctx.update.update_id}`, inPrivate: true });
  if (result.ok) ctx.log.info("order changed", { group_buy_id: buy.id, order_id: result.order.id, quantity: result.newQty });
  await say(changeAnswer(ctx, buy, typed.change, result, await viewEnvOf(ctx)));
  if (result.ok) await refreshStoredView(m, ctx, buy.id, view);
}

/**
 * A quantity typed in private. Registered after the pickup feature: in a
 * pickup session a code such as 3KXM7QPA is a code, not "3".
 */
export function typedQuantityFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("message:text", (ctx, next) => typedQuantity(m, ctx, next));
  return composer;
}

/**
 * Last of all: other text in private from a member whose current view is of
 * an open buy is told how to set a quantity (nothing else wanted it).
 */
export function typedQuantityFallback(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("message:text", async (ctx, next) => {
    if (!ctx.member || ctx.message.text.startsWith("/") || inDialog(ctx)) return next();
    const view = await currentView(m, ctx.member.id);
    const buy = view && (await m.buys.byId(view.groupBuyId));
    if (!buy || buy.status !== "OPEN") return next();
    await ctx.reply(ctx.t("gb-typed-answer", { id: String(buy.id), answer: ctx.t("gb-typed-not-number") }));
  });
  return composer;
}

/**
 * Group buys for members: a buy from a link (start/dispatcher.ts routes it here), `/my_orders`,
 * and opening a buy (`/open`, the product card's "Open a group buy" button,
 * the dialog). The buttons under a buy are buyButtonsFeature (buttons.ts).
 */
export function groupBuyFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(openDialogConversation(m));
  const privateChats = composer.chatType("private");

  composer.command("open", async (ctx) => {
    if (ctx.chat.type === "private") return showProductPicker(m, ctx);
    const keyboard = new InlineKeyboard().url(ctx.t("gb-open-button-private"), deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "open-picker" })));
    await ctx.reply(ctx.t("gb-open-in-private"), { reply_markup: keyboard });
  });

  composer.callbackQuery(cbOpen.filter, async (ctx) => {
    const data = cbOpen.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    if (ctx.chat?.type !== "private") {
      // the dialog runs in private: the button opens the bot's chat with the product
      return ctx.answerCallbackQuery({ url: deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "open-product", productId: data.id })) });
    }
    const [product] = await openableFor(m, ctx.member, data.id);
    if (!product) return ctx.answerCallbackQuery({ text: ctx.t("gb-open-not-allowed"), show_alert: true });
    await ctx.answerCallbackQuery();
    await enterOpenDialog(ctx, data.id);
  });

  // Buttons of a dialog that has ended (finished, cancelled, or replaced).
  composer.callbackQuery(cbDialog.filter, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("gb-toast-expired") }));

  privateChats.command("my_orders", async (ctx) => {
    if (!ctx.member) return;
    const orders = await m.orders.ofMember(ctx.member.id, 30);
    if (orders.length === 0) {
      await ctx.reply(ctx.t("gb-my-orders-none"));
      return;
    }
    const env = await viewEnvOf(ctx);
    // 🎫 a buy that went ahead: the member's pickup code again, if they lost the notice
    await ctx.reply(myOrdersText(orders, env), { parse_mode: "HTML", reply_markup: myPickupCodeButtons(orders, env) });
  });

  return composer;
}
