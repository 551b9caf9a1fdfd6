import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../../bot/context";
import { decodeDeepLink, deepLinkUrl } from "../../domain/deep-link";
import { truncate } from "../../domain/html";
import { cbDialog, cbOpen } from "./callbacks";
import { OPEN_DIALOG, openableFor, openDialog } from "./open-dialog";
import { buyKeyboard, privateBuyText } from "./views";
import { myOrdersText } from "./my-orders-view";
import type { GroupBuyModule } from "./module";
import { viewEnvOf } from "../../views/env";

export { createGroupBuyModule, type GroupBuyModule } from "./module";
export { buyButtonsFeature } from "./buttons";

/** `/start open` (from /open in a group) and `/start o<productId>` (from "Open a group buy" in a group). */
const OPEN_PAYLOAD = /^o(\d{1,9})?$|^open$/;

/** Leaves an open dialog the member may be in, then starts one for this product. */
async function enterOpenDialog(ctx: BotContext, productId: number) {
  if ((await ctx.conversation.active(OPEN_DIALOG)) > 0) await ctx.conversation.exit(OPEN_DIALOG);
  await ctx.conversation.enter(OPEN_DIALOG, productId);
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
 * Group buys for members: `/start b<id>` and referral links, `/my_orders`,
 * and opening a buy (`/open`, the product card's "Open a group buy" button,
 * the dialog). The buttons under a buy are buyButtonsFeature (buttons.ts).
 * Claims `/start` payloads, so it goes before startFeature().
 */
export function groupBuyFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(openDialog(m), OPEN_DIALOG));
  const privateChats = composer.chatType("private");

  privateChats.command("start", async (ctx, next) => {
    const payload = ctx.match.trim();
    const open = OPEN_PAYLOAD.exec(payload);
    if (open) {
      await enterOpenFlow(m, ctx, open[1] ? Number(open[1]) : undefined);
      return;
    }
    const link = decodeDeepLink(payload, m.secret);
    if (link.kind !== "buy" && link.kind !== "referral") return next();
    // a referral link's visit was recorded by the referrals feature before this
    await showBuyFromLink(m, ctx, link.groupBuyId);
  });

  composer.command("open", async (ctx) => {
    if (ctx.chat.type === "private") return showProductPicker(m, ctx);
    const keyboard = new InlineKeyboard().url(ctx.t("gb-open-button-private"), deepLinkUrl(ctx.me.username, "open"));
    await ctx.reply(ctx.t("gb-open-in-private"), { reply_markup: keyboard });
  });

  composer.callbackQuery(cbOpen.filter, async (ctx) => {
    const data = cbOpen.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    if (ctx.chat?.type !== "private") {
      // the dialog runs in private: the button opens the bot's chat with the product
      return ctx.answerCallbackQuery({ url: deepLinkUrl(ctx.me.username, `o${data.id}`) });
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
    const text = myOrdersText(orders, await viewEnvOf(ctx));
    await ctx.reply(text, { parse_mode: "HTML" });
  });

  return composer;
}
