import { Composer, type CommandContext } from "grammy";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless, isBlockedError } from "../../bot/telegram-errors";
import type { BuyDetails } from "../../db/group-buys";
import { displayName } from "../../db/members";
import { parseDeadline } from "../../domain/deadline";
import { escapeHtml, truncate } from "../../domain/html";
import { isLocale } from "../../domain/locale";
import type { Locale } from "../../domain/money";
import type { GroupBuyModule } from "../group-buy/module";

import { ordersCsvFile } from "./export";
import {
  cbAskRefund, cbOrdersPage, cbRefund, cbTogglePaid, cbTogglePickup, ordersGroupText, ordersPageKeyboard, ordersPageText, PAGE_SIZE, type OrdersPage,
} from "./orders-view";
import { type ViewEnv } from "../../views/env";
import { formatDeadline } from "../../views/dates";


async function envOf(ctx: BotContext): Promise<ViewEnv> {
  const negotiated = await ctx.i18n.getLocale();
  const locale: Locale = isLocale(negotiated) ? negotiated : ctx.services.config.defaultLocale;
  return { t: (key, vars) => ctx.t(key, vars), locale, now: ctx.services.clock.now(), botUsername: ctx.me.username };
}

/**
 * Organizers' commands on group buys, in the group or in private:
 * /buys, /orders, /close, /extend, /cancel_buy, /export, /paid, /picked_up,
 * and the buttons of the /orders list. Anyone else is refused clearly.
 */
export function buyAdminFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const { organizers } = m.services;

  /** True for an organizer of this group's community (in a group) or of any community (in private). */
  async function organizerHere(ctx: BotContext): Promise<boolean> {
    if (!ctx.member) return false;
    const ok = ctx.community ? await organizers.isOrganizer(ctx.community.id, ctx.member) : (await organizers.communityIdsOf(ctx.member)).length > 0;
    if (!ok) await ctx.reply(ctx.t("error-organizers-only"));
    return ok;
  }

  /** The buy named by `token`, if this organizer may act on it here; otherwise says why. */
  async function buyArg(ctx: BotContext, token: string | undefined, usage: string): Promise<BuyDetails | undefined> {
    const match = /^#?(\d{1,9})$/.exec(token ?? "");
    if (!match) {
      await ctx.reply(ctx.t(usage));
      return undefined;
    }
    const id = match[1]!;
    const buy = await m.buys.details(Number(id));
    if (!buy) {
      await ctx.reply(ctx.t("gba-not-found", { id }));
      return undefined;
    }
    if (ctx.community && buy.communityId !== ctx.community.id) {
      await ctx.reply(ctx.t("gba-other-community", { id }));
      return undefined;
    }
    if (!(await organizers.isOrganizer(buy.communityId, ctx.member!))) {
      await ctx.reply(ctx.t("error-organizers-only"));
      return undefined;
    }
    return buy;
  }

  /** `/cmd <buy> rest…` for organizers: the buy and the rest of the text. */
  function organizerCommand(command: string, usage: string, handler: (ctx: CommandContext<BotContext>, buy: BuyDetails, rest: string) => Promise<unknown>) {
    composer.command(command, async (ctx) => {
      if (!(await organizerHere(ctx))) return;
      const [token, ...rest] = ctx.match.trim().split(/\s+/);
      const buy = await buyArg(ctx, token, usage);
      if (buy) await handler(ctx, buy, rest.join(" ").trim());
    });
  }

  composer.command("buys", async (ctx) => {
    if (!(await organizerHere(ctx))) return;
    const ids = ctx.community ? [ctx.community.id] : await organizers.communityIdsOf(ctx.member!);
    const list = await m.buys.listForCommunities(ids);
    if (list.length === 0) return ctx.reply(ctx.t("gba-none"));
    const env = await envOf(ctx);
    const communities = new Map<number, { timezone: string; title: string }>();
    const lines: string[] = [];
    for (const buy of list) {
      if (!communities.has(buy.communityId)) {
        const c = await m.services.communities.byId(buy.communityId);
        communities.set(buy.communityId, { timezone: c?.timezone ?? m.services.config.timezone, title: c?.title ?? "" });
      }
      const community = communities.get(buy.communityId)!;
      // an organizer of several communities sees them all in private: each line says whose
      const whose = ids.length > 1 ? ` · ${escapeHtml(truncate(community.title, 30))}` : "";
      lines.push(
        ctx.t("gba-buys-line", {
          id: String(buy.id),
          name: escapeHtml(truncate(buy.productName, 40)),
          status: ctx.t(`gba-status-${buy.status}`),
          qty: buy.totalQty,
          min: buy.minTotalQty,
          deadline: formatDeadline(buy.deadlineAt, community.timezone, env),
        }) + whose,
      );
    }
    await ctx.reply([ctx.t("gba-buys-header"), "", ...lines].join("\n"), { parse_mode: "HTML" });
  });

  organizerCommand("close", "gba-usage-close", async (ctx, buy) => {
    const result = await m.lifecycle.close(buy.id, ctx.member!.id);
    if (!result.ok) return ctx.reply(ctx.t("gba-not-open", { id: String(buy.id), status: ctx.t(`gba-status-${buy.status}`) }));
    const fresh = (await m.buys.byId(buy.id))!;
    ctx.log.info("group buy closed by an organizer", { group_buy_id: buy.id, status: result.status });
    await ctx.reply(ctx.t(`gba-closed-${result.status}`, { id: String(buy.id), qty: fresh.totalQty, min: fresh.minTotalQty }));
  });

  organizerCommand("extend", "gba-usage-extend", async (ctx, buy, rest) => {
    if (!rest) return ctx.reply(ctx.t("gba-usage-extend"));
    const parsed = parseDeadline(rest, ctx.services.clock.now(), buy.community.timezone);
    if (!parsed.ok) {
      const key = parsed.error === "empty" ? "unrecognized" : parsed.error;
      return ctx.reply(`${ctx.t(`gb-open-deadline-${key}`)}\n${escapeHtml(ctx.t("gba-usage-extend"))}`, { parse_mode: "HTML" });
    }
    const result = await m.lifecycle.extend(buy.id, parsed.at);
    if (!result.ok) return ctx.reply(ctx.t("gba-not-open", { id: String(buy.id), status: ctx.t(`gba-status-${buy.status}`) }));
    await ctx.reply(ctx.t("gba-extended", { id: String(buy.id), deadline: formatDeadline(parsed.at, buy.community.timezone, await envOf(ctx)) }));
  });

  organizerCommand("cancel_buy", "gba-usage-cancel", async (ctx, buy, rest) => {
    if (!rest) return ctx.reply(ctx.t("gba-usage-cancel"));
    const result = await m.lifecycle.cancel(buy.id, ctx.member!.id, truncate(rest, 300));
    if (!result.ok) return ctx.reply(ctx.t("gba-not-cancellable", { id: String(buy.id), status: ctx.t(`gba-status-${buy.status}`) }));
    ctx.log.info("group buy cancelled by an organizer", { group_buy_id: buy.id, previous: result.previous });
    await ctx.reply(ctx.t("gba-cancelled", { id: String(buy.id), orders: result.orders }));
  });

  async function loadPage(buyId: number, requested: number): Promise<{ buy: BuyDetails; page: OrdersPage } | undefined> {
    const buy = await m.buys.details(buyId);
    if (!buy) return undefined;
    const count = await m.orders.countListed(buyId);
    const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
    const page = Math.min(Math.max(0, requested), pages - 1);
    const [orders, totals] = await Promise.all([m.orders.listed(buyId, page * PAGE_SIZE, PAGE_SIZE), m.orders.totals(buyId)]);
    return { buy, page: { orders, page, pages, totals } };
  }

  /** Sends something to the organizer in private; false when they never started the bot (or blocked it). */
  async function toOrganizerPrivately(ctx: BotContext, send: (chatId: number) => Promise<unknown>): Promise<boolean> {
    try {
      await send(ctx.from!.id);
      return true;
    } catch (error) {
      if (isBlockedError(error)) return false;
      throw error;
    }
  }

  organizerCommand("orders", "gba-usage-orders", async (ctx, buy) => {
    const env = await envOf(ctx);
    const loaded = (await loadPage(buy.id, 0))!;
    const detailed = (chatId: number) =>
      ctx.api.sendMessage(chatId, ordersPageText(loaded.buy, loaded.page, env), { parse_mode: "HTML", reply_markup: ordersPageKeyboard(loaded.buy, loaded.page, env) });
    if (ctx.chat.type === "private") return detailed(ctx.chat.id);
    // In the group: names and quantities only; amounts and payments go to the organizer privately.
    const all = await m.orders.forBuy(buy.id, { activeOnly: true });
    await ctx.reply(ordersGroupText(buy, all, env), { parse_mode: "HTML" });
    const sent = await toOrganizerPrivately(ctx, detailed);
    await ctx.reply(ctx.t(sent ? "gba-orders-sent-private" : "gba-orders-start-private"));
  });

  organizerCommand("export", "gba-usage-export", async (ctx, buy) => {
    const env = await envOf(ctx);
    const caption = ctx.t("gba-export-caption", { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 60)) });
    const sent = await toOrganizerPrivately(ctx, (chatId) => ctx.api.sendDocument(chatId, ordersCsvFile(m.orders, buy, env.t), { caption, parse_mode: "HTML" }));
    ctx.log.info("orders exported", { group_buy_id: buy.id, sent });
    if (ctx.chat.type !== "private") await ctx.reply(ctx.t(sent ? "gba-export-sent" : "gba-orders-start-private", { id: String(buy.id) }));
  });

  for (const [command, mark] of [["paid", "PAID"], ["picked_up", "PICKED_UP"]] as const) {
    organizerCommand(command, "gba-usage-mark", async (ctx, buy, rest) => {
      if (!rest) return ctx.reply(ctx.t("gba-usage-mark", { command }));
      // several numbers / @usernames at once, or one display name (which may contain spaces)
      const tokens = rest.split(/[\s,，]+/).filter(Boolean);
      const targets = tokens.every((t) => /^#?\d{1,9}$|^@\w{1,32}$/.test(t)) ? tokens : [rest];
      const marked: string[] = [];
      const failed: string[] = [];
      for (const who of targets) {
        const order = await m.orders.find(buy.id, who);
        if (!order) return ctx.reply(ctx.t("gba-member-unknown", { who: truncate(who, 40), id: String(buy.id) }));
        const label = `#${order.position} ${truncate(displayName(order.member), 24)}`;
        const done = await m.orders.mark(order.id, mark, ctx.member!.id, ctx.services.clock.now());
        (done ? marked : failed).push(label);
      }
      const lines = [];
      if (marked.length) lines.push(ctx.t(`gba-marked-${mark}`, { names: marked.join(", ") }));
      if (failed.length) lines.push(ctx.t("gba-mark-failed", { names: failed.join(", ") }));
      await ctx.reply(lines.join("\n"));
    });
  }

  // ── the buttons of the /orders list ──

  /** The order behind a button and its buy, if the presser organizes that buy's community. */
  async function orderForButton(ctx: BotContext, orderId: number) {
    const order = await m.orders.byId(orderId);
    if (!order || !ctx.member || !(await organizers.isOrganizer((await m.buys.byId(order.groupBuyId))!.communityId, ctx.member))) {
      await ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-allowed") });
      return undefined;
    }
    return order;
  }

  async function showPage(ctx: BotContext, buyId: number, page: number, confirmRefundOf?: number) {
    const loaded = await loadPage(buyId, page);
    if (!loaded) return;
    const env = await envOf(ctx);
    const keyboard = ordersPageKeyboard(loaded.buy, loaded.page, env, confirmRefundOf);
    if (confirmRefundOf !== undefined) await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
    else await ignoringHarmless(() => ctx.editMessageText(ordersPageText(loaded.buy, loaded.page, env), { parse_mode: "HTML", reply_markup: keyboard }));
  }

  composer.callbackQuery(cbOrdersPage.filter, async (ctx) => {
    const data = cbOrdersPage.unpack(ctx.callbackQuery.data);
    const buy = data && (await m.buys.byId(data.id));
    if (!data || !buy || !ctx.member || !(await organizers.isOrganizer(buy.communityId, ctx.member))) {
      return ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-allowed") });
    }
    await ctx.answerCallbackQuery();
    await showPage(ctx, data.id, data.page);
  });

  for (const [cb, field] of [[cbTogglePaid, "payment"], [cbTogglePickup, "pickup"]] as const) {
    composer.callbackQuery(cb.filter, async (ctx) => {
      const data = cb.unpack(ctx.callbackQuery.data);
      if (!data) return ctx.answerCallbackQuery();
      const order = await orderForButton(ctx, data.id);
      if (!order) return;
      const on = data.to === "1";
      const mark = field === "payment" ? (on ? "PAID" : "UNPAID") : on ? "PICKED_UP" : "NOT_PICKED_UP";
      const already = (field === "payment" ? order.paymentStatus === "PAID" : order.pickupStatus === "PICKED_UP") === on;
      const done = await m.orders.mark(order.id, mark, ctx.member!.id, ctx.services.clock.now());
      await ctx.answerCallbackQuery({ text: ctx.t(done ? "gba-toast-done" : "gba-toast-not-active") });
      if (done && !already) await showPage(ctx, order.groupBuyId, data.page);
    });
  }

  composer.callbackQuery(cbAskRefund.filter, async (ctx) => {
    const data = cbAskRefund.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    const order = await orderForButton(ctx, data.id);
    if (!order) return;
    await ctx.answerCallbackQuery();
    await showPage(ctx, order.groupBuyId, data.page, order.id);
  });

  composer.callbackQuery(cbRefund.filter, async (ctx) => {
    const data = cbRefund.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    const order = await orderForButton(ctx, data.id);
    if (!order) return;
    const result = await m.lifecycle.refundOrder(order.id, ctx.member!.id);
    if (!result.ok) return ctx.answerCallbackQuery({ text: ctx.t("gba-toast-not-active") });
    ctx.log.info("order taken back by an organizer", { order_id: order.id, kind: result.kind });
    await ctx.answerCallbackQuery({ text: ctx.t("gba-toast-refunded", { pos: String(order.position), kind: result.kind }) });
    await showPage(ctx, order.groupBuyId, data.page);
  });

  return composer;
}
