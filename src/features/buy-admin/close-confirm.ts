import { Composer, InlineKeyboard } from "grammy";
import { createCallbackData, idField } from "../../bot/callback-data";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { broadcastEstimate, durationParts, formatCount, formatStars } from "../../domain/broadcast-estimate";
import type { Locale } from "../../domain/money";
import type { Translate } from "../../views/env";
import { viewEnvOf } from "../../views/env";
import type { GroupBuyModule } from "../group-buy/module";
import { closeBuy, type CloseResult } from "../group-buy/use-cases/close-buy";
import { organizedBuy, type OrganizedBuy } from "../group-buy/use-cases/organizer-access";

// A community with paid broadcasts on pays Stars for a close's notices: the
// organizer who closes sees what it will cost (how many notices, how long,
// how many ⭐) and confirms with a button before anything is spent.

export const cbClosePaid = createCallbackData("gbaclose", { id: idField }, { chats: ["group", "private"], audience: "organizer" });

export function closePaidEstimate(t: Translate, locale: Locale, buyId: number, notices: number): { text: string; keyboard: InlineKeyboard } {
  const estimate = broadcastEstimate(notices);
  const duration = (seconds: number) => t("paid-duration", durationParts(seconds));
  const stars = formatStars(estimate.starTenths, locale);
  const text = t("gba-close-paid-estimate", {
    id: String(buyId),
    notices: formatCount(notices, locale),
    paid: duration(estimate.paidSeconds),
    free: duration(estimate.freeSeconds),
    stars,
  });
  return { text, keyboard: new InlineKeyboard().text(t("gba-button-close-paid", { stars }), cbClosePaid.pack({ id: buyId })) };
}

/** /close in a community with paid broadcasts on: the estimate and its button instead of closing at once (false: nothing to pay for). */
export async function askToClosePaid(m: GroupBuyModule, ctx: BotContext, organized: OrganizedBuy): Promise<boolean> {
  const { orders } = await m.orders.totals(organized.buy.id);
  if (orders === 0) return false;
  const env = await viewEnvOf(ctx);
  const view = closePaidEstimate(env.t, env.locale, organized.buy.id, orders);
  ctx.log.info("paid close estimated", { group_buy_id: organized.buy.id, notices: orders });
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
  return true;
}

/** What the organizer reads once a buy is closed (or why it was not). */
export async function closedText(m: GroupBuyModule, ctx: BotContext, organized: OrganizedBuy, result: CloseResult): Promise<string> {
  const { buy } = organized;
  if (!result.ok) {
    const now = (await m.buys.byId(buy.id))?.status ?? buy.status;
    return ctx.t("gba-not-open", { id: String(buy.id), status: ctx.t(`gba-status-${now}`) });
  }
  const fresh = (await m.buys.byId(buy.id))!;
  ctx.log.info("group buy closed by an organizer", { group_buy_id: buy.id, status: result.status, paid_broadcast: buy.community.paidBroadcast });
  return ctx.t(`gba-closed-${result.status}`, { id: String(buy.id), qty: fresh.totalQty, min: fresh.minTotalQty });
}

/** The estimate's button: closes the buy (once, however often it is pressed) and says so in its place. */
export function closePaidButton(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(cbClosePaid.filter, async (ctx) => {
    const data = cbClosePaid.unpack(ctx.callbackQuery.data);
    const found = data && ctx.member ? await organizedBuy(m, { groupBuyId: data.id, actor: ctx.member, inCommunityId: ctx.community?.id }) : undefined;
    if (!found?.ok) return void (await ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-allowed"), show_alert: true }));
    const result = await closeBuy(m, { organized: found.organized });
    const text = await closedText(m, ctx, found.organized, result);
    // pressed again (or closed meanwhile): said in the toast; the message keeps what the close said
    await ctx.answerCallbackQuery({ text: result.ok ? ctx.t("gba-toast-closed") : text });
    if (result.ok) await ignoringHarmless(() => ctx.editMessageText(text));
  });
  return composer;
}
