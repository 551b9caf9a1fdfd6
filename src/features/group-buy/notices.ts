import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import { memberLocale } from "../../bot/i18n";
import type { BuyDetails } from "../../db/group-buys";
import type { ActiveOrder, MemberRow } from "../../db/active-orders";
import type { OutgoingMessage } from "../../services/outbox";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import { FORMATTED_PICKUP_CODE_LENGTH, formatPickupCode } from "../../domain/pickup-code";
import { progressBar } from "../../domain/roster";
import { orderRef } from "../../domain/order-ref";
import { formatTimeLeft } from "../../views/dates";
import { translator } from "../../views/env";
import { recommendedByLine } from "../referrals/views";
import { buyUrl } from "./views";

// The messages a buy's lifecycle queues in the outbox: to its members, its
// group and its opener, each in the recipient's language.

type Texts = Pick<I18n, "t">;

export function recipientLocale(member: Pick<MemberRow, "locale" | "telegramLanguage">, fallback: Locale): Locale {
  return memberLocale({ locale: member.locale as Locale | null, telegramLanguage: member.telegramLanguage }, fallback);
}

function names(buy: BuyDetails) {
  return { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 80)), unit: escapeHtml(buy.unit) };
}

/** Telegram's limit for a photo's caption, in characters of text (tags and entities don't count). */
const CAPTION_LIMIT = 1024;
// stands where a member's pickup code goes, as long as the code as shown: renderings are shared, codes are not
const CODE_SLOT = "\uE000".repeat(FORMATTED_PICKUP_CODE_LENGTH);
// stands where the order's reference goes (#2-7), as long as the longest a buy's references get
const refSlot = (buyId: number) => "\uE001".repeat(orderRef(buyId, 9_999_999).length);

/** The characters Telegram counts in an HTML text: without tags, an entity as one. */
function textLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot);/g, "_").length;
}

/**
 * A member's notice of the outcome. Its text depends only on the locale,
 * the quantity and the amount, so members who ordered alike share one
 * rendering (thousands of orders, a handful of texts). A buy going ahead
 * gives each member their pickup code (`code`), put into the shared
 * rendering: the notice is the caption of the code's QR, so it is kept
 * within a caption's 1024 characters by shortening the pickup details.
 */
export function closedNotices(i18n: Texts, buy: BuyDetails, status: "SUCCEEDED" | "FAILED"): (order: ActiveOrder, code?: string) => string {
  const buyNames = names(buy);
  const pickupDetails = truncate(buy.pickupDetails, 1000);
  const texts = new Map<string, string>();
  const REF_SLOT = refSlot(buy.id);
  return (o, code) => {
    const locale = recipientLocale(o.member, buy.community.locale);
    // members whose notice reads the same share one rendering (a big close has thousands)
    const key = `${locale}:${o.quantity}:${o.amountFen}:${o.attribution}:${o.selfReferral}:${o.referrerId}:${code !== undefined}`;
    let text = texts.get(key);
    if (text === undefined) {
      const t = translator(i18n, locale);
      const vars = { ...buyNames, ref: REF_SLOT, qty: o.quantity, amount: formatMoney(o.amountFen, buy.currency, locale) };
      // private to the member: the group never learns who referred whom
      const succeeded = (pickup: string) => {
        const notice = t("gb-notify-succeeded", { ...vars, pickup: escapeHtml(pickup), recommended: recommendedByLine(t, o, o.referrer) });
        return code === undefined ? notice : `${notice}\n${t("pickup-notice-code", { code: CODE_SLOT })}`;
      };
      if (status === "FAILED") text = t("gb-notify-failed", { ...vars, total: buy.totalQty, min: buy.minTotalQty });
      else {
        text = succeeded(pickupDetails);
        const over = code === undefined ? 0 : textLength(text) - CAPTION_LIMIT;
        if (over > 0) text = succeeded(truncate(pickupDetails, Math.max(1, pickupDetails.length - over)));
      }
      texts.set(key, text);
    }
    const own = text.replaceAll(REF_SLOT, orderRef(buy.id, o.position));
    return code === undefined ? own : own.replaceAll(CODE_SLOT, formatPickupCode(code));
  };
}

export type CloseTotals = { orders: number; amountFen: number };

/** The group's word on the outcome. */
export function closedGroupNotice(i18n: Texts, buy: BuyDetails, status: "SUCCEEDED" | "FAILED", totals: CloseTotals): OutgoingMessage {
  const gt = translator(i18n, buy.community.locale);
  return {
    dedupKey: `gb${buy.id}:closed:group`,
    chatId: buy.community.telegramChatId,
    text:
      status === "SUCCEEDED"
        ? gt("gb-group-succeeded", { ...names(buy), qty: buy.totalQty, orders: totals.orders })
        : gt("gb-group-failed", { ...names(buy), qty: buy.totalQty, min: buy.minTotalQty }),
  };
}

/** The opener's summary: outcome, quantity, orders and what was ordered. */
export function openerNotice(i18n: Texts, buy: BuyDetails, opener: MemberRow, status: "SUCCEEDED" | "FAILED", totals: CloseTotals): OutgoingMessage {
  const locale = recipientLocale(opener, buy.community.locale);
  const t = translator(i18n, locale);
  return {
    dedupKey: `gb${buy.id}:closed:opener`,
    chatId: Number(opener.telegramId),
    text: t("gb-notify-opener", {
      ...names(buy),
      outcome: t(`gb-outcome-${status}`),
      qty: buy.totalQty,
      orders: totals.orders,
      amount: formatMoney(status === "SUCCEEDED" ? totals.amountFen : 0, buy.currency, locale),
    }),
  };
}

/** Every member of a cancelled buy, then its group. */
export function cancelledNotices(i18n: Texts, buy: BuyDetails, orders: ActiveOrder[], reason: string, refunded: boolean): OutgoingMessage[] {
  const buyNames = names(buy);
  const safeReason = escapeHtml(truncate(reason, 300));
  const messages: OutgoingMessage[] = orders.map((o) => {
    const locale = recipientLocale(o.member, buy.community.locale);
    return {
      dedupKey: `gb${buy.id}:cancelled:o${o.id}`,
      chatId: Number(o.member.telegramId),
      text: translator(i18n, locale)("gb-notify-cancelled", {
        ...buyNames,
        ref: orderRef(buy.id, o.position),
        reason: safeReason,
        qty: o.quantity,
        amount: formatMoney(o.amountFen, buy.currency, locale),
        refund: refunded ? "yes" : "no",
      }),
    };
  });
  messages.push({
    dedupKey: `gb${buy.id}:cancelled:group`,
    chatId: buy.community.telegramChatId,
    text: translator(i18n, buy.community.locale)("gb-group-cancelled", { ...buyNames, reason: safeReason }),
  });
  return messages;
}

/** The member whose order an organizer took back. */
export function orderTakenBackNotice(
  i18n: Texts,
  buy: BuyDetails,
  order: { id: number; position: number; quantity: number; amountFen: number; paymentStatus: string; member: MemberRow },
  kind: "CANCELLED" | "REFUNDED",
): OutgoingMessage {
  const locale = recipientLocale(order.member, buy.community.locale);
  return {
    dedupKey: `order${order.id}:${kind === "CANCELLED" ? "cancelled" : "refunded"}`,
    chatId: Number(order.member.telegramId),
    text: translator(i18n, locale)("gb-notify-order-cancelled", {
      ...names(buy),
      ref: orderRef(buy.id, order.position),
      qty: order.quantity,
      amount: formatMoney(order.amountFen, buy.currency, locale),
      refund: kind === "REFUNDED" || order.paymentStatus === "PAID" ? "yes" : "no",
    }),
  };
}

/** The group's reminder of a buy nearing its deadline, with a button to join. */
export function reminderNotice(i18n: Texts, buy: BuyDetails, offset: number, now: Date, link: { botUsername: string; secret: Buffer }): OutgoingMessage {
  const t = translator(i18n, buy.community.locale);
  const keyboard = new InlineKeyboard().url(t("gb-button-join"), buyUrl(buy.id, link.botUsername, link.secret));
  return {
    dedupKey: `gb${buy.id}:remind:${offset}`,
    chatId: buy.community.telegramChatId,
    text: t("gb-group-reminder", {
      ...names(buy),
      left: formatTimeLeft(buy.deadlineAt.getTime() - now.getTime(), t),
      bar: progressBar(buy.totalQty, buy.minTotalQty),
    }),
    replyMarkup: { inline_keyboard: keyboard.inline_keyboard },
  };
}
