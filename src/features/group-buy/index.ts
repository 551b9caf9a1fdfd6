import { Composer, InlineKeyboard } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext, ConversationContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import type { BuyDetails, BuyFacts } from "../../db/group-buys";
import type { ChangeResult, QuantityChange } from "../../db/orders";
import { decodeDeepLink, deepLinkUrl } from "../../domain/deep-link";
import { escapeHtml, truncate } from "../../domain/html";
import { isLocale } from "../../domain/locale";
import type { Locale } from "../../domain/money";
import { cbCancel, cbChoose, cbDialog, cbMine, cbOpen, cbPlusOne, cbSet, cbView } from "./callbacks";
import { OPEN_DIALOG, openableFor, openDialog } from "./open-dialog";
import { buyKeyboard, buyUrl, money, orderStatusText, privateBuyText, quantityKeyboard, type ViewEnv } from "./views";
import type { GroupBuyModule } from "./module";

export { createGroupBuyModule, type GroupBuyModule } from "./module";

/** `/start open` (from /open in a group) and `/start o<productId>` (from "Open a group buy" in a group). */
const OPEN_PAYLOAD = /^o(\d{1,9})?$|^open$/;

async function viewEnv(ctx: BotContext, m: GroupBuyModule): Promise<ViewEnv> {
  const negotiated = await ctx.i18n.getLocale();
  const locale: Locale = isLocale(negotiated) ? negotiated : m.services.config.defaultLocale;
  return { t: (key, vars) => ctx.t(key, vars), locale, now: ctx.services.clock.now(), botUsername: ctx.me.username };
}

const inGroup = (ctx: BotContext) => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/**
 * Group buys for members: the announcement's buttons (in the group and in
 * private), `/start b<id>` and referral links, `/my_orders`, and opening a
 * buy (`/open`, the product card's "Open a group buy" button, the dialog).
 * Claims `/start` payloads, so it goes before startFeature().
 */
export function groupBuyFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(createConversation<BotContext, ConversationContext>(openDialog(m), OPEN_DIALOG));
  const privateChats = composer.chatType("private");

  async function enterOpenDialog(ctx: BotContext, productId: number) {
    if ((await ctx.conversation.active(OPEN_DIALOG)) > 0) await ctx.conversation.exit(OPEN_DIALOG);
    await ctx.conversation.enter(OPEN_DIALOG, productId);
  }

  async function showProductPicker(ctx: BotContext) {
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

  async function showBuy(ctx: BotContext, buy: BuyDetails) {
    const order = ctx.member ? await m.orders.ofMemberInBuy(buy.id, ctx.member.id) : null;
    const env = await viewEnv(ctx, m);
    await ctx.reply(privateBuyText(buy, order, env), {
      parse_mode: "HTML",
      reply_markup: buyKeyboard(buy, env, m.secret),
      link_preview_options: { is_disabled: true },
    });
  }

  privateChats.command("start", async (ctx, next) => {
    const payload = ctx.match.trim();
    const open = OPEN_PAYLOAD.exec(payload);
    if (open) {
      if (open[1]) await enterOpenDialog(ctx, Number(open[1]));
      else await showProductPicker(ctx);
      return;
    }
    const link = decodeDeepLink(payload, m.secret);
    if (link.kind !== "buy" && link.kind !== "referral") return next();
    const buy = await m.buys.details(link.groupBuyId);
    if (!buy) {
      await ctx.reply(ctx.t("gb-toast-not-found"));
      return;
    }
    // a referral link's visit was recorded by the referrals feature before this
    await showBuy(ctx, buy);
  });

  composer.command("open", async (ctx) => {
    if (ctx.chat.type === "private") return showProductPicker(ctx);
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

  /** The buy behind a button, if it exists and (in a group) belongs to this group. */
  async function buyForTap(ctx: BotContext, id: number): Promise<BuyDetails | undefined> {
    return tapped(ctx, await m.buys.details(id));
  }

  /** The same for +1 / set / cancel: unchanging facts suffice, as the change reads the buy in its own transaction. */
  async function factsForTap(ctx: BotContext, id: number): Promise<BuyFacts | undefined> {
    return tapped(ctx, await m.buys.facts(id));
  }

  async function tapped<B extends { communityId: number }>(ctx: BotContext, buy: B | undefined): Promise<B | undefined> {
    if (!buy) {
      await ctx.answerCallbackQuery({ text: ctx.t("gb-toast-not-found") });
      return undefined;
    }
    if (inGroup(ctx) && ctx.community?.id !== buy.communityId) {
      await ctx.answerCallbackQuery({ text: ctx.t("gb-toast-other-community") });
      return undefined;
    }
    return buy;
  }

  function toastFor(ctx: BotContext, buy: BuyFacts, result: ChangeResult, env: ViewEnv): string {
    const unit = buy.unit;
    if (result.ok) {
      const amount = money(result.order.amountFen, buy.currency, env.locale);
      if (result.newQty === 0) return ctx.t("gb-toast-cancelled");
      return ctx.t(result.oldQty === 0 ? "gb-toast-joined" : "gb-toast-changed", { qty: result.newQty, unit, amount });
    }
    switch (result.reason) {
      case "sold-out":
        return ctx.t("gb-toast-sold-out");
      case "not-enough":
        return ctx.t("gb-toast-not-enough", { available: result.available });
      case "member-cap":
        return ctx.t("gb-toast-member-cap", { max: result.max });
      case "closed":
        return ctx.t("gb-toast-closed");
      case "not-found":
        return ctx.t("gb-toast-not-found");
      case "unchanged":
        return result.currentQty === 0 ? ctx.t("gb-toast-no-order") : ctx.t("gb-toast-unchanged", { qty: result.currentQty });
      case "duplicate":
      case "invalid":
        return result.currentQty === 0
          ? ctx.t("gb-toast-no-order")
          : ctx.t("gb-toast-mine", { qty: result.currentQty, unit, amount: money(buy.unitPriceFen * result.currentQty, buy.currency, env.locale) });
    }
  }

  async function change(ctx: BotContext, id: number, requested: QuantityChange, fromPicker = false) {
    if (!ctx.member) return ctx.answerCallbackQuery();
    const buy = await factsForTap(ctx, id);
    if (!buy) return;
    const result = await m.orders.changeQuantity({
      groupBuyId: buy.id,
      memberId: ctx.member.id,
      change: requested,
      updateKey: `u${ctx.update.update_id}`,
      now: ctx.services.clock.now(),
    });
    if (result.ok) ctx.log.info("order changed", { group_buy_id: buy.id, order_id: result.order.id, quantity: result.newQty });
    const env = await viewEnv(ctx, m);
    // a replayed update may find its query already answered: that's fine
    await ignoringHarmless(() => ctx.answerCallbackQuery({ text: toastFor(ctx, buy, result, env) }));
    if (ctx.chat?.type !== "private") return;
    // joining through a link in private makes one a member of the buy's community
    if (result.ok) await ctx.services.communities.touchMember(buy.communityId, ctx.member.id);
    if (result.ok || (fromPicker && result.reason === "unchanged")) {
      const fresh = await m.buys.details(buy.id);
      if (!fresh) return;
      const order = await m.orders.ofMemberInBuy(buy.id, ctx.member.id);
      const keyboard = buyKeyboard(fresh, env, m.secret);
      if (result.ok) {
        const text = privateBuyText(fresh, order, env);
        await ignoringHarmless(() => ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } }));
      } else {
        await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
      }
    }
  }

  composer.callbackQuery(cbPlusOne.filter, async (ctx) => {
    const data = cbPlusOne.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    await change(ctx, data.id, { kind: "add", delta: 1 });
  });

  composer.callbackQuery(cbSet.filter, async (ctx) => {
    const data = cbSet.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    await change(ctx, data.id, { kind: "set", quantity: data.qty }, true);
  });

  composer.callbackQuery(cbCancel.filter, async (ctx) => {
    const data = cbCancel.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    await change(ctx, data.id, { kind: "set", quantity: 0 });
  });

  composer.callbackQuery(cbChoose.filter, async (ctx) => {
    const data = cbChoose.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const buy = await buyForTap(ctx, data.id);
    if (!buy) return;
    if (ctx.chat?.type !== "private") {
      // no picker in the group: the button opens the buy in the bot's private chat
      return ctx.answerCallbackQuery({ url: buyUrl(buy.id, ctx.me.username, m.secret) });
    }
    if (buy.status !== "OPEN") return ctx.answerCallbackQuery({ text: ctx.t("gb-toast-closed") });
    const order = await m.orders.ofMemberInBuy(buy.id, ctx.member.id);
    const current = order?.status === "ACTIVE" ? order.quantity : 0;
    await ctx.answerCallbackQuery();
    const env = await viewEnv(ctx, m);
    await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: quantityKeyboard(buy, current, env) }));
  });

  composer.callbackQuery(cbView.filter, async (ctx) => {
    const data = cbView.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    const buy = await buyForTap(ctx, data.id);
    if (!buy) return;
    await ctx.answerCallbackQuery();
    const env = await viewEnv(ctx, m);
    await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: buyKeyboard(buy, env, m.secret) }));
  });

  composer.callbackQuery(cbMine.filter, async (ctx) => {
    const data = cbMine.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const buy = await buyForTap(ctx, data.id);
    if (!buy) return;
    const order = await m.orders.ofMemberInBuy(buy.id, ctx.member.id);
    const env = await viewEnv(ctx, m);
    const text =
      order && order.status !== "CANCELLED"
        ? `${ctx.t("gb-toast-mine", { qty: order.quantity, unit: buy.unit, amount: money(order.amountFen, buy.currency, env.locale) })} · ${orderStatusText(order, buy.status, env.t)}`
        : ctx.t("gb-toast-no-order");
    await ctx.answerCallbackQuery({ text: truncate(text, 200), show_alert: inGroup(ctx) ? false : undefined });
  });

  privateChats.command("my_orders", async (ctx) => {
    if (!ctx.member) return;
    const orders = await m.orders.ofMember(ctx.member.id, 30);
    if (orders.length === 0) {
      await ctx.reply(ctx.t("gb-my-orders-none"));
      return;
    }
    const env = await viewEnv(ctx, m);
    const lines = orders.map((o) =>
      ctx.t("gb-my-orders-line", {
        id: String(o.groupBuyId),
        name: escapeHtml(truncate(o.groupBuy.revision.name, 60)),
        qty: o.quantity,
        unit: escapeHtml(o.groupBuy.revision.unit),
        amount: money(o.amountFen, o.groupBuy.currency, env.locale),
        status: orderStatusText(o, o.groupBuy.status, env.t),
      }),
    );
    await ctx.reply([ctx.t("gb-my-orders-header"), "", ...lines].join("\n"), { parse_mode: "HTML" });
  });

  return composer;
}
