import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import type { BuyDetails, BuyFacts } from "../../db/group-buys";
import type { ChangeResult, QuantityChange } from "../../db/orders";
import { truncate } from "../../domain/html";
import { cbCancel, cbChoose, cbMine, cbPlusOne, cbSet, cbView } from "./callbacks";
import { orderStatusText, quantityUrl } from "./views";
import { editTappedView, refreshStoredView } from "./private-view";
import type { GroupBuyModule } from "./module";
import { changeOrder } from "./use-cases/change-order";
import { viewEnvOf, type ViewEnv } from "../../views/env";
import { formatMoney } from "../../domain/money";

const inGroup = (ctx: BotContext) => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/**
 * The buttons under a buy, in its group announcement and in private: +1,
 * choose a quantity, cancel, my order, back to the buy. Their callback data
 * (gbadd, gbqty, gbset, gbcancel, gbmine, gbview) is claimed by no other
 * feature and no conversation answers it, so the bot hands these taps to
 * this composer before all the others (see createBot): a burst of "+1" from
 * a whole group is then not walked through every feature's middleware, which
 * cost about a quarter of the bot's CPU per tap (bench/join.ts).
 */
export function buyButtonsFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();

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

  async function change(ctx: BotContext, id: number, requested: QuantityChange, fromPicker = false) {
    if (!ctx.member) return ctx.answerCallbackQuery();
    const buy = await factsForTap(ctx, id);
    if (!buy) return;
    const inPrivate = ctx.chat?.type === "private";
    // In the group (a burst of "+1") the order is all a tap changes: it is marked handled with it. (After a crash
    // between the two, Telegram's copy is skipped: its toast and a private view's edit are not made again.)
    const updateId = ctx.update.update_id;
    const markUpdate = inPrivate ? undefined : updateId;
    const result = await changeOrder(m, { buy, member: ctx.member, change: requested, updateKey: `u${updateId}`, markUpdate, alongside: ctx.sighting, inPrivate });
    if (result.ok) ctx.log.info("order changed", { group_buy_id: buy.id, order_id: result.order.id, quantity: result.newQty });
    const env = await viewEnvOf(ctx);
    // a replayed update may find its query already answered: that's fine
    await ignoringHarmless(() => ctx.answerCallbackQuery({ text: changeAnswer(ctx, buy, requested, result, env) }));
    // a change from the group shows at once in the member's private view of the buy, if they have one
    if (!inPrivate) return result.ok ? refreshStoredView(m, ctx, buy.id) : undefined;
    if (result.ok || (fromPicker && result.reason === "unchanged")) await editTappedView(m, ctx, buy.id);
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
      // no picker in the group: the button opens the bot's private chat on the buy's picker (one tap on a number then)
      return ctx.answerCallbackQuery({ url: quantityUrl(buy.id, ctx.me.username) });
    }
    if (buy.status !== "OPEN") return ctx.answerCallbackQuery({ text: ctx.t("gb-toast-closed") });
    await ctx.answerCallbackQuery();
    await editTappedView(m, ctx, buy.id, true);
  });

  composer.callbackQuery(cbView.filter, async (ctx) => {
    const data = cbView.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    const buy = await buyForTap(ctx, data.id);
    if (!buy) return;
    await ctx.answerCallbackQuery();
    await editTappedView(m, ctx, buy.id);
  });

  composer.callbackQuery(cbMine.filter, async (ctx) => {
    const data = cbMine.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const buy = await buyForTap(ctx, data.id);
    if (!buy) return;
    const order = await m.orders.ofMemberInBuy(buy.id, ctx.member.id);
    const env = await viewEnvOf(ctx);
    const text =
      order && order.status !== "CANCELLED"
        ? `${ctx.t("gb-toast-mine", { qty: order.quantity, unit: buy.unit, amount: formatMoney(order.amountFen, buy.currency, env.locale) })} · ${orderStatusText(order, buy.status, env.t)}`
        : ctx.t("gb-toast-no-order");
    await ctx.answerCallbackQuery({ text: truncate(text, 200), show_alert: inGroup(ctx) ? false : undefined });
  });

  return composer;
}

/**
 * What a member is told about their change (a tap's toast, the reply to a
 * typed number), in their language: a +1 on an order says it added one and
 * what they have now, so two quick taps are seen to make 2.
 */
export function changeAnswer(ctx: BotContext, buy: BuyFacts, requested: QuantityChange, result: ChangeResult, env: ViewEnv): string {
  const unit = buy.unit;
  if (result.ok) {
    const amount = formatMoney(result.order.amountFen, buy.currency, env.locale);
    if (result.newQty === 0) return ctx.t("gb-toast-cancelled");
    if (result.oldQty === 0) return ctx.t("gb-toast-joined", { qty: result.newQty, unit, amount });
    if (requested.kind === "add") return ctx.t("gb-toast-added", { delta: result.newQty - result.oldQty, qty: result.newQty, unit, amount });
    return ctx.t("gb-toast-changed", { qty: result.newQty, unit, amount });
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
        : ctx.t("gb-toast-mine", { qty: result.currentQty, unit, amount: formatMoney(buy.unitPriceFen * result.currentQty, buy.currency, env.locale) });
  }
}
