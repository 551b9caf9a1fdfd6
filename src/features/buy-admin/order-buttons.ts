import { Composer } from "grammy";
import { orderRef } from "../../domain/order-ref";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import type { GroupBuyModule } from "../group-buy/module";
import { organizedOrder, organizesBuy, type OrganizedOrder } from "../group-buy/use-cases/organizer-access";
import { markOrder } from "../group-buy/use-cases/mark-order";
import { refundOrder } from "../group-buy/use-cases/refund-order";
import { viewEnvOf } from "../../views/env";
import { loadOrdersPage } from "./orders-page";
import { cbAskRefund, cbOrdersPage, cbRefund, cbTogglePaid, cbTogglePickup, ordersPageKeyboard, ordersPageText } from "./orders-view";

/** The buttons of the /orders list: pages, payment and pickup marks, taking an order back (asked first). */
export function orderListButtons(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  /** The order behind a button, if the presser organizes its buy's community; else says they may not. */
  async function orderForButton(ctx: BotContext, orderId: number): Promise<OrganizedOrder | undefined> {
    const organized = await organizedOrder(m, orderId, ctx.member);
    if (!organized) await ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-allowed") });
    return organized;
  }

  async function showPage(ctx: BotContext, buyId: number, page: number, confirmRefundOf?: number) {
    const loaded = await loadOrdersPage(m, buyId, page);
    if (!loaded) return;
    const env = await viewEnvOf(ctx);
    const keyboard = ordersPageKeyboard(loaded.buy, loaded.page, env, confirmRefundOf);
    if (confirmRefundOf !== undefined) await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
    else await ignoringHarmless(() => ctx.editMessageText(ordersPageText(loaded.buy, loaded.page, env), { parse_mode: "HTML", reply_markup: keyboard }));
  }

  composer.callbackQuery(cbOrdersPage.filter, async (ctx) => {
    const data = cbOrdersPage.unpack(ctx.callbackQuery.data);
    if (!data || !(await organizesBuy(m, data.id, ctx.member))) return ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-allowed") });
    await ctx.answerCallbackQuery();
    await showPage(ctx, data.id, data.page);
  });

  for (const [cb, field] of [[cbTogglePaid, "payment"], [cbTogglePickup, "pickup"]] as const) {
    composer.callbackQuery(cb.filter, async (ctx) => {
      const data = cb.unpack(ctx.callbackQuery.data);
      if (!data) return ctx.answerCallbackQuery();
      const organized = await orderForButton(ctx, data.id);
      if (!organized) return;
      const { order } = organized;
      const on = data.to === "1";
      const mark = field === "payment" ? (on ? "PAID" : "UNPAID") : on ? "PICKED_UP" : "NOT_PICKED_UP";
      const outcome = await markOrder(m, { organized, mark });
      await ctx.answerCallbackQuery({ text: ctx.t(outcome === "marked" ? "gba-toast-done" : outcome === "already" ? "gba-toast-already" : "gba-toast-not-active") });
      if (outcome === "marked") await showPage(ctx, order.groupBuyId, data.page);
    });
  }

  composer.callbackQuery(cbAskRefund.filter, async (ctx) => {
    const data = cbAskRefund.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    const organized = await orderForButton(ctx, data.id);
    if (!organized) return;
    await ctx.answerCallbackQuery();
    await showPage(ctx, organized.order.groupBuyId, data.page, organized.order.id);
  });

  composer.callbackQuery(cbRefund.filter, async (ctx) => {
    const data = cbRefund.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    const organized = await orderForButton(ctx, data.id);
    if (!organized) return;
    const { order } = organized;
    const result = await refundOrder(m, { organized });
    if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-active") });
    ctx.log.info("order taken back by an organizer", { order_id: order.id, kind: result.kind });
    await ctx.answerCallbackQuery({ text: ctx.t("gba-toast-refunded", { ref: orderRef(order.groupBuyId, order.position), kind: result.kind }) });
    await showPage(ctx, order.groupBuyId, data.page);
  });

  return composer;
}
