import { InlineKeyboard } from "grammy";
import type { BuyDetails } from "../../db/group-buys";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import { formatDeadline, formatTimeLeft } from "../../views/dates";
import type { Translate, ViewEnv } from "../../views/env";
import { composeWithRoster, progressBar, type RosterEntry } from "../../domain/roster";
import { basisPointsToPercent, maxQuantityFor, remainingStock } from "../../domain/group-buy-rules";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { displayName } from "../../db/members";
import type { AttributionSource } from "../../domain/attribution";
import { recommendedByLine } from "../referrals/views";
import { adjustedLines, breakdownSumLine } from "./breakdown-view";
import { cbCancel, cbChoose, cbMine, cbPlusOne, cbSet, cbShare, cbView } from "./callbacks";
import { addAskButton } from "../questions/views";


export type OrderSummary = { quantity: number; amountFen: number; status: string; paymentStatus?: string; pickupStatus?: string };

/** An order with whom it is attributed to: only the member's own views show it. */
export type AttributedOrder = OrderSummary & {
  attribution: AttributionSource;
  selfReferral: boolean;
  referrer: { firstName: string; lastName: string | null };
};

const MAX_PICKUP_SHOWN = 600;


export function commissionLine(buy: Pick<BuyDetails, "commissionKind" | "commissionValue" | "currency" | "unit">, env: Pick<ViewEnv, "t" | "locale">): string {
  if (buy.commissionValue === 0) return env.t("gb-commission-none");
  return buy.commissionKind === "PERCENT_BP"
    ? env.t("gb-commission-percent", { percent: basisPointsToPercent(buy.commissionValue) })
    : env.t("gb-commission-fixed", { amount: formatMoney(buy.commissionValue, buy.currency, env.locale), unit: escapeHtml(buy.unit) });
}

/** The breakdown adding up to the buy's own price, and any line moved for it. */
function costsLines(buy: BuyDetails, env: ViewEnv): string[] {
  if (buy.costLines.length === 0) return [];
  return [breakdownSumLine(buy.costLines, buy.unitPriceFen, buy.currency, buy.unit, env), ...adjustedLines(buy.adjusted, buy.currency, env)];
}

/** The lines every view of a buy starts with: product, price, costs, commission, progress, caps, time, pickup. */
export function buyHeadLines(buy: BuyDetails, env: ViewEnv): string[] {
  const lines = [
    env.t("gb-title", { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 80)) }),
    env.t("gb-price", { price: formatMoney(buy.unitPriceFen, buy.currency, env.locale), unit: escapeHtml(buy.unit) }),
  ];
  lines.push(...costsLines(buy, env));
  lines.push(commissionLine(buy, env));
  lines.push(env.t("gb-progress", { bar: progressBar(buy.totalQty, buy.minTotalQty) }));
  if (buy.stockCap !== null) lines.push(env.t("gb-caps-stock", { stock: buy.stockCap, left: remainingStock(buy.totalQty, buy.stockCap) ?? 0 }));
  if (buy.perMemberCap !== null) lines.push(env.t("gb-caps-member", { cap: buy.perMemberCap }));
  const deadline = formatDeadline(buy.deadlineAt, buy.community.timezone, env);
  lines.push(
    buy.status === "OPEN"
      ? env.t("gb-deadline", { deadline, left: formatTimeLeft(buy.deadlineAt.getTime() - env.now.getTime(), env.t) })
      : env.t("gb-deadline-closed", { deadline: formatDeadline(buy.closedAt ?? buy.deadlineAt, buy.community.timezone, env) }),
  );
  // pickup details are free text that may span lines; keep each line's tags closed
  lines.push(env.t("gb-pickup", { pickup: escapeHtml(truncate(buy.pickupDetails, MAX_PICKUP_SHOWN)) }));
  const status = statusLine(buy, env);
  if (status) lines.push("", status);
  return lines;
}

export function statusLine(buy: BuyDetails, env: ViewEnv): string | undefined {
  switch (buy.status) {
    case "SUCCEEDED":
      return env.t("gb-status-succeeded", { qty: buy.totalQty, unit: escapeHtml(buy.unit) });
    case "FAILED":
      return env.t("gb-status-failed", { qty: buy.totalQty, min: buy.minTotalQty });
    case "CANCELLED":
      return env.t("gb-status-cancelled", { reason: escapeHtml(truncate(buy.cancelReason ?? "—", 200)) });
    case "CLOSING":
      return env.t("gb-status-closing");
    default:
      return undefined;
  }
}

export function rosterEntries(rows: { firstName: string; lastName: string | null; quantity: number }[]): RosterEntry[] {
  return rows.map((r) => ({ name: displayName(r), quantity: r.quantity }));
}

/** Most roster lines an announcement shows; the others are "and N more". */
export const ANNOUNCEMENT_ROSTER_LINES = 40;

/**
 * The group's message: everything about the buy and the 接龙, within
 * Telegram's limit. `roster` may be only the first entries of `total`.
 */
export function announcementText(buy: BuyDetails, roster: RosterEntry[], env: ViewEnv, total = roster.length): string {
  const head = [...buyHeadLines(buy, env), "", rosterHeader(buy, total, env)].join("\n");
  return composeWithRoster(head, roster, "", { more: (n) => env.t("gb-roster-more", { count: n }), maxLines: ANNOUNCEMENT_ROSTER_LINES, rosterMaxChars: 2500, total });
}

/**
 * Above the 接龙: who joined, or an invitation to. A buy that did not go
 * ahead invites no one: it lists who had joined (their orders void), or that
 * nobody did.
 */
function rosterHeader(buy: Pick<BuyDetails, "status">, total: number, env: ViewEnv): string {
  if (buy.status === "FAILED" || buy.status === "CANCELLED") {
    if (total === 0) return env.t("gb-roster-ended-empty");
    return env.t(buy.status === "FAILED" ? "gb-roster-failed-header" : "gb-roster-cancelled-header", { count: total });
  }
  if (total > 0) return env.t("gb-roster-header", { count: total });
  return buy.status === "OPEN" ? env.t("gb-roster-empty") : env.t("gb-roster-ended-empty");
}

/** The product's card as this buy offers it: with the buy's commission rule next to the cost table. */
export function cardUrl(buy: Pick<BuyDetails, "id">, botUsername: string, secret: Buffer): string {
  return deepLinkUrl(botUsername, encodeDeepLink({ kind: "buy-card", groupBuyId: buy.id }, secret));
}

export function buyUrl(buyId: number, botUsername: string, secret: Buffer): string {
  return deepLinkUrl(botUsername, encodeDeepLink({ kind: "buy", groupBuyId: buyId }, secret));
}

/** The buttons under a buy (group announcement and private view alike); closed buys keep only the card. */
export function buyKeyboard(buy: BuyDetails, env: ViewEnv, secret: Buffer): InlineKeyboard {
  if (buy.status !== "OPEN") return cardKeyboard(buy, env, secret);
  return new InlineKeyboard()
    .text(env.t("gb-button-plus-one"), cbPlusOne.pack({ id: buy.id }))
    .text(env.t("gb-button-choose"), cbChoose.pack({ id: buy.id }))
    .row()
    .text(env.t("gb-button-cancel"), cbCancel.pack({ id: buy.id }))
    .text(env.t("gb-button-mine"), cbMine.pack({ id: buy.id }))
    .row()
    .url(env.t("gb-button-card"), cardUrl(buy, env.botUsername, secret))
    .text(env.t("gb-button-share"), cbShare.pack({ id: buy.id }))
    .row()
    .add(askButton(buy, env));
}

/** "❓ Ask" the product's recommender: a link to the private chat (in the group and in private alike). */
function askButton(buy: Pick<BuyDetails, "productId">, env: ViewEnv) {
  return addAskButton(new InlineKeyboard(), env.t, buy.productId, env.botUsername).inline_keyboard[0]![0]!;
}

/** The card alone: under a buy that ended, or a private view whose order an organizer took back. */
export function cardKeyboard(buy: Pick<BuyDetails, "id" | "productId">, env: ViewEnv, secret: Buffer): InlineKeyboard {
  return new InlineKeyboard().url(env.t("gb-button-card"), cardUrl(buy, env.botUsername, secret)).add(askButton(buy, env));
}

/** The private chat opened on a buy's quantity picker (the group's 🔢). */
export function quantityUrl(buyId: number, botUsername: string): string {
  return deepLinkUrl(botUsername, encodeDeepLink({ kind: "buy-quantity", groupBuyId: buyId }));
}

export function orderStatusText(order: OrderSummary, buyStatus: string, t: Translate): string {
  if (order.status === "ACTIVE" && buyStatus === "SUCCEEDED") {
    return t("gb-order-ACTIVE-SUCCEEDED", { paid: order.paymentStatus === "PAID" ? "yes" : "no", picked: order.pickupStatus === "PICKED_UP" ? "yes" : "no" });
  }
  if (order.status === "ACTIVE" && buyStatus === "FAILED") return t("gb-order-ACTIVE-FAILED");
  return t(`gb-order-${order.status}`);
}

/**
 * The buy as one member sees it in private: the same facts, their own order
 * and who recommended it, the same buttons. `takenBack`: an organizer
 * cancelled or refunded their order (said instead of "not joined").
 */
export function privateBuyText(buy: BuyDetails, order: AttributedOrder | null, env: ViewEnv, options: { takenBack?: boolean } = {}): string {
  const lines = buyHeadLines(buy, env);
  lines.push("");
  const unit = escapeHtml(buy.unit);
  if (order && order.status === "ACTIVE" && buy.status === "OPEN") {
    lines.push(env.t("gb-private-mine", { qty: order.quantity, unit, amount: formatMoney(order.amountFen, buy.currency, env.locale) }));
  } else if (order && order.status !== "CANCELLED") {
    lines.push(
      env.t("gb-private-mine-status", {
        qty: order.quantity,
        unit,
        amount: formatMoney(order.amountFen, buy.currency, env.locale),
        status: orderStatusText(order, buy.status, env.t),
      }),
    );
  } else {
    lines.push(env.t(options.takenBack && order ? "gb-private-taken-back" : "gb-private-none"));
  }
  if (order && order.status !== "CANCELLED") lines.push(recommendedByLine(env.t, order, order.referrer));
  return lines.join("\n");
}

/** The private view with the quantity picker under it: the line that asks. */
export function pickerText(buy: BuyDetails, order: AttributedOrder | null, env: ViewEnv): string {
  return `${privateBuyText(buy, order, env)}\n\n${env.t("gb-choose-quantity")}`;
}

/** Quantities 1…10 (fewer when caps allow fewer), the current one ticked. */
export function quantityKeyboard(buy: BuyDetails, currentQty: number, env: ViewEnv): InlineKeyboard {
  const max = maxQuantityFor({ currentQty, totalQty: buy.totalQty, stockCap: buy.stockCap, perMemberCap: buy.perMemberCap });
  const top = Math.min(10, max ?? 10);
  const keyboard = new InlineKeyboard();
  for (let q = 1; q <= top; q++) {
    keyboard.text(q === currentQty ? `✓ ${q}` : String(q), cbSet.pack({ id: buy.id, qty: q }));
    if (q % 5 === 0) keyboard.row();
  }
  if (top % 5 !== 0) keyboard.row();
  return keyboard.text(env.t("gb-button-back"), cbView.pack({ id: buy.id }));
}
