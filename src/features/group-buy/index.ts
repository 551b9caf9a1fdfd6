import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { enterDialog } from "../../bot/dialog";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { truncate } from "../../domain/html";
import { cbDialog, cbOpen } from "./callbacks";
import { OPEN_DIALOG, openableFor, openDialogConversation } from "./open-dialog";
import { buyKeyboard, privateBuyText } from "./views";
import { myOrdersText } from "./my-orders-view";
import type { GroupBuyModule } from "./module";
import { viewEnvOf } from "../../views/env";
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
export async function showBuyFromLink(m: Pick<GroupBuyModule, "buys" | "orders" | "secret">, ctx: BotContext, groupBuyId: number): Promise<void> {
  const buy = await m.buys.details(groupBuyId);
  if (!buy) {
    await ctx.reply(ctx.t("gb-toast-not-found"));
    return;
  }
  const order = ctx.member ? await m.orders.ofMemberInBuy(buy.id, ctx.member.id) : null;
  const env = await viewEnvOf(ctx);
  await ctx.reply(privateBuyText(buy, order, env), {
    parse_mode: "HTML",
    reply_markup: buyKeyboard(buy, env, m.secret),
    link_preview_options: { is_disabled: true },
  });
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
