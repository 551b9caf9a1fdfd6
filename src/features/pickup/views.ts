import { InlineKeyboard } from "grammy";
import { orderRef } from "../../domain/order-ref";
import type { BuyDetails } from "../../db/group-buys";
import type { PendingPickup, PickupOrder, VerifiableBuy } from "../../db/pickups";
import { truncate } from "../../domain/html";
import { formatMoney } from "../../domain/money";
import { formatPickupCode } from "../../domain/pickup-code";
import { formatDeadline } from "../../views/dates";
import { htmlTranslate, type ViewEnv } from "../../views/env";
import { cbMyPickupCode, cbPickupMark, cbPickupPage } from "./callbacks";
import type { PickupOutcome } from "./use-cases/verify-pickup";

// What the pickup point sees: the list of who is still to come, and the
// answer to each code; and what a member sees of their own code.

export const PICKUP_PAGE_SIZE = 10;

type Name = { firstName: string; lastName: string | null };
const nameOf = (m: Name, max = 40) => truncate([m.firstName, m.lastName].filter(Boolean).join(" ").trim() || "—", max);
const buyName = (buy: Pick<BuyDetails, "productName">, max = 60) => truncate(buy.productName, max);

export type PickupPage = { buy: BuyDetails; page: number; rows: PendingPickup[]; pending: number; total: number };

/**
 * Who is still to come, under the buy's pickup place (a buy has one today:
 * its pickup details), one page of PICKUP_PAGE_SIZE, and how to verify.
 */
export function pickupListText(p: PickupPage, env: ViewEnv): string {
  const ht = htmlTranslate(env.t);
  const { buy } = p;
  const lines = [
    ht("pickup-list-header", { id: String(buy.id), name: buyName(buy) }),
    ht("pickup-list-place", { place: truncate(buy.pickupDetails, 300), pending: p.pending, total: p.total }),
    "",
  ];
  for (const o of p.rows) {
    lines.push(ht("pickup-list-line", { ref: orderRef(p.buy.id, o.position), name: nameOf(o.member), qty: o.quantity, unit: buy.unit, paid: o.paymentStatus === "PAID" ? "yes" : "no" }));
  }
  if (p.pending === 0) lines.push(ht("pickup-list-all-done"));
  lines.push("", ht("pickup-list-how"));
  return lines.join("\n");
}

export function pickupListKeyboard(p: PickupPage, env: ViewEnv): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const o of p.rows) {
    keyboard.text(env.t("pickup-button-mark", { ref: orderRef(p.buy.id, o.position), name: nameOf(o.member, 24), qty: o.quantity }), cbPickupMark.pack({ id: o.id, page: p.page })).row();
  }
  const pages = Math.max(1, Math.ceil(p.pending / PICKUP_PAGE_SIZE));
  if (p.page > 0) keyboard.text(env.t("pickup-button-prev"), cbPickupPage.pack({ id: p.buy.id, page: p.page - 1 }));
  if (p.page + 1 < pages) keyboard.text(env.t("pickup-button-next"), cbPickupPage.pack({ id: p.buy.id, page: p.page + 1 }));
  return keyboard;
}

/** `/pickup` with several buys to hand out: one button each. */
export function pickupChoiceKeyboard(buys: VerifiableBuy[], env: ViewEnv): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const b of buys) keyboard.text(env.t("pickup-button-buy", { id: String(b.id), name: truncate(b.productName, 30), pending: b.pending }), cbPickupPage.pack({ id: b.id, page: 0 })).row();
  return keyboard;
}

/** The answer to a code, a scan or a list's button. `buy` is the order's buy (when there is an order). */
export function outcomeText(outcome: PickupOutcome, buy: BuyDetails | undefined, env: ViewEnv, sessionBuyId?: number): string {
  const ht = htmlTranslate(env.t);
  switch (outcome.kind) {
    case "picked":
    case "already":
    case "not-active":
    case "own": {
      const o = outcome.order;
      const vars = { ref: orderRef(o.groupBuyId, o.position), name: nameOf(o.member), qty: o.quantity, unit: buy?.unit ?? "", id: String(o.groupBuyId), product: buy ? buyName(buy) : "" };
      if (outcome.kind === "own") return ht("pickup-own-code", vars);
      if (outcome.kind === "not-active") return ht("pickup-not-active", vars);
      if (outcome.kind === "already") {
        const when = o.pickedUpAt && buy ? formatDeadline(o.pickedUpAt, buy.community.timezone, env) : "";
        return ht("pickup-already", { ...vars, when, by: o.pickedUpBy ? nameOf(o.pickedUpBy) : "—" });
      }
      const due = buy ? formatMoney(o.amountFen, buy.currency, env.locale) : "";
      return ht("pickup-picked", { ...vars, paid: o.paymentStatus === "PAID" ? "yes" : "no", amount: due });
    }
    case "foreign":
      return ht("pickup-foreign", { id: String(outcome.groupBuyId), session: String(sessionBuyId ?? "") });
    case "not-ahead":
      return ht("pickup-not-ahead", { id: String(outcome.groupBuyId), status: env.t(`gba-status-${outcome.status}`) });
    case "too-many":
      return ht("pickup-too-many", { seconds: outcome.waitSeconds });
    case "not-a-code":
      return ht("pickup-not-a-code", { id: String(sessionBuyId ?? "") });
    case "wrong":
    case "not-allowed":
      return ht(`pickup-${outcome.kind}`);
  }
}

/** The caption of a member's own code sent again (🎫). */
export function myCodeCaption(buy: BuyDetails, code: string, quantity: number, env: ViewEnv): string {
  return htmlTranslate(env.t)("pickup-my-code", { id: String(buy.id), name: buyName(buy), code: formatPickupCode(code), qty: quantity, unit: buy.unit, place: truncate(buy.pickupDetails, 600) });
}

/** 🎫 buttons under /my_orders: one per order that has a code still to use. */
export function myPickupCodeButtons(orders: { groupBuyId: number; status: string; pickupStatus: string; pickupCode: string | null }[], env: Pick<ViewEnv, "t">): InlineKeyboard | undefined {
  const open = orders.filter((o) => o.pickupCode && o.status === "ACTIVE" && o.pickupStatus === "PENDING").slice(0, 10);
  if (open.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const o of open) keyboard.text(env.t("pickup-button-my-code", { id: String(o.groupBuyId) }), cbMyPickupCode.pack({ id: o.groupBuyId })).row();
  return keyboard;
}

/** An HTML answer as a toast shows it (plain text). */
export function plainText(htmlText: string): string {
  return htmlText.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}
