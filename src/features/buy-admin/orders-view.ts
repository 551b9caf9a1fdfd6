import { InlineKeyboard } from "grammy";
import { orderRef } from "../../domain/order-ref";
import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";
import type { BuyDetails } from "../../db/group-buys";
import type { OrderWithMember } from "../../db/orders";
import { displayName } from "../../db/members";
import { escapeHtml, fitLines, truncate } from "../../domain/html";
import { TELEGRAM_TEXT_LIMIT } from "../../domain/roster";
import { type ViewEnv } from "../../views/env";
import { formatMoney } from "../../domain/money";


// The organizer's list of a buy's orders, a page at a time, with buttons to
// mark payment and pickup and to take an order back.

export const PAGE_SIZE = 10;
/** The list is sent to the organizer in private (from a group too). */
const organizers = { chats: ["private"], audience: "organizer" } as const;
const page = z.coerce.number().int().min(0).max(100_000);
export const cbOrdersPage = createCallbackData("gbaord", { id: idField, page }, organizers);
// The payment and pickup buttons carry the state they set (1 = paid / picked
// up, 0 = not), not "toggle": a press Telegram delivers twice sets it twice.
const target = z.enum(["0", "1"]);
export const cbTogglePaid = createCallbackData("gbapay", { id: idField, page, to: target }, organizers);
export const cbTogglePickup = createCallbackData("gbapick", { id: idField, page, to: target }, organizers);
export const cbAskRefund = createCallbackData("gbarf", { id: idField, page }, organizers);
export const cbRefund = createCallbackData("gbarfy", { id: idField, page }, organizers);

export type OrdersPage = { orders: OrderWithMember[]; page: number; pages: number; totals: OrderTotals };
export type OrderTotals = { orders: number; qty: number; amountFen: number; paidFen: number };

export function memberLabel(member: { firstName: string; lastName: string | null; username: string | null }, max = 24): string {
  const name = truncate(displayName(member), max);
  return member.username ? `${name} (@${member.username})` : name;
}

function orderLine(o: OrderWithMember, buy: BuyDetails, env: ViewEnv): string {
  const vars = { ref: orderRef(o.groupBuyId, o.position), name: escapeHtml(memberLabel(o.member)), qty: o.quantity, amount: formatMoney(o.amountFen, buy.currency, env.locale) };
  if (o.status !== "ACTIVE") return env.t("gba-orders-line-ended", { ...vars, state: env.t(`gba-order-${o.status}`) });
  if (buy.status === "FAILED") return env.t("gba-orders-line-ended", { ...vars, state: env.t("gba-order-VOID") });
  return env.t("gba-orders-line-full", {
    ...vars,
    payment: env.t(`gba-payment-${o.paymentStatus}`),
    pickup: env.t(`gba-pickup-${o.pickupStatus}`),
  });
}

/** The private, detailed page: amounts, payment and pickup per order. */
export function ordersPageText(buy: BuyDetails, p: OrdersPage, env: ViewEnv): string {
  const header = env.t("gba-orders-header", { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 60)), status: env.t(`gba-status-${buy.status}`) });
  const lines = p.orders.map((o) => orderLine(o, buy, env));
  const total = env.t("gba-orders-total", {
    orders: p.totals.orders,
    qty: p.totals.qty,
    unit: escapeHtml(buy.unit),
    amount: formatMoney(p.totals.amountFen, buy.currency, env.locale),
    paid: formatMoney(p.totals.paidFen, buy.currency, env.locale),
  });
  const footer = p.pages > 1 ? env.t("gba-orders-page", { page: p.page + 1, pages: p.pages }) : "";
  const text = [header, "", ...(lines.length ? lines : [env.t("gba-orders-none")]), "", total, footer].filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n");
  return fitLines(text, (count) => env.t("text-more-lines", { count }), TELEGRAM_TEXT_LIMIT);
}

/**
 * Per active order: 💰 marks paid (✅ unmarks), 📦 marks picked up (✅📦 unmarks) (after success),
 * and a button that takes it back (asks first), named for what it does (refundOrder): while the buy
 * is open the order is cancelled, after it went ahead it is refunded. ↩ is only ever "back".
 */
export function ordersPageKeyboard(buy: BuyDetails, p: OrdersPage, env: ViewEnv, confirmRefundOf?: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const actionable = buy.status === "OPEN" || buy.status === "SUCCEEDED";
  const kind = buy.status === "SUCCEEDED" ? "REFUNDED" : "CANCELLED";
  for (const o of p.orders) {
    if (!actionable || o.status !== "ACTIVE") continue;
    const who = `${orderRef(o.groupBuyId, o.position)} ${truncate(displayName(o.member), 12)}`;
    if (confirmRefundOf === o.id) {
      keyboard
        .text(env.t("gba-button-refund-confirm", { kind, ref: orderRef(o.groupBuyId, o.position), name: truncate(displayName(o.member), 12) }), cbRefund.pack({ id: o.id, page: p.page }))
        .text(env.t("gba-button-back"), cbOrdersPage.pack({ id: buy.id, page: p.page }))
        .row();
      continue;
    }
    const paid = o.paymentStatus === "PAID";
    keyboard.text(`${paid ? "✅" : "💰"} ${who}`, cbTogglePaid.pack({ id: o.id, page: p.page, to: paid ? "0" : "1" }));
    if (buy.status === "SUCCEEDED") {
      const pickedUp = o.pickupStatus === "PICKED_UP";
      keyboard.text(pickedUp ? "✅📦" : "📦", cbTogglePickup.pack({ id: o.id, page: p.page, to: pickedUp ? "0" : "1" }));
    }
    keyboard.text(env.t("gba-button-take-back", { kind, ref: orderRef(o.groupBuyId, o.position) }), cbAskRefund.pack({ id: o.id, page: p.page })).row();
  }
  if (p.pages > 1) {
    if (p.page > 0) keyboard.text(env.t("gba-button-prev"), cbOrdersPage.pack({ id: buy.id, page: p.page - 1 }));
    if (p.page < p.pages - 1) keyboard.text(env.t("gba-button-next"), cbOrdersPage.pack({ id: buy.id, page: p.page + 1 }));
  }
  return keyboard;
}

/** What the group may see: display names and quantities of active orders. */
export function ordersGroupText(buy: BuyDetails, orders: OrderWithMember[], env: ViewEnv): string {
  const header = env.t("gba-orders-header", { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 60)), status: env.t(`gba-status-${buy.status}`) });
  const active = orders.filter((o) => o.status === "ACTIVE");
  const qty = active.reduce((sum, o) => sum + o.quantity, 0);
  const total = env.t("gba-orders-total-group", { orders: active.length, qty, unit: escapeHtml(buy.unit) });
  const lines = active.map((o) => env.t("gba-orders-line", { ref: orderRef(o.groupBuyId, o.position), name: escapeHtml(truncate(displayName(o.member), 24)), qty: o.quantity }));
  // as many lines as fit beside the header and the total (with a margin), the rest counted in an "… and N more" line;
  // each line takes its newline, the joined text has one fewer
  const room = TELEGRAM_TEXT_LIMIT - 100 - header.length - total.length;
  const list = lines.length ? fitLines(lines.join("\n"), (count) => env.t("gb-roster-more", { count }), room - 1) : env.t("gba-orders-none");
  return [header, "", list, "", total].join("\n");
}
