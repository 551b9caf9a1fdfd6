import { InlineKeyboard } from "grammy";
import type { Services } from "../../bot/context";
import { memberLocale } from "../../bot/i18n";
import { TX_OPTIONS, type BuyDetails, type GroupBuys } from "../../db/group-buys";
import type { Tx } from "../../db/client";
import type { OutgoingMessage } from "../../services/outbox";
import { buyOutcome, dueReminders } from "../../domain/group-buy-rules";
import { progressBar } from "../../domain/roster";
import { escapeHtml, truncate } from "../../domain/html";
import type { Locale } from "../../domain/money";
import { recommendedByLine } from "../referrals/views";
import { buyUrl } from "./views";
import { activeOrderPages, activeOrders, settleOrders, type ActiveOrder, type MemberRow } from "./active-orders";
import { type Translate } from "../../views/env";
import { formatTimeLeft } from "../../views/dates";
import { formatMoney } from "../../domain/money";

export type CloseResult = { ok: true; status: "SUCCEEDED" | "FAILED" } | { ok: false; reason: "not-found" | "not-open" };
export type CancelResult = { ok: true; previous: "OPEN" | "SUCCEEDED"; orders: number } | { ok: false; reason: "not-found" | "not-cancellable" };
export type RefundResult = { ok: true; kind: "CANCELLED" | "REFUNDED" } | { ok: false; reason: "not-found" | "not-active" };
export type ExtendResult = { ok: true } | { ok: false; reason: "not-found" | "not-open" };

/** Reminders are looked for this far ahead of deadlines (REMINDER_OFFSETS allows up to 30 days). */
const REMINDER_HORIZON_MS = 31 * 24 * 3600_000;

/**
 * What happens to a buy after it opened: reminders, the close at the
 * deadline (or by an organizer), cancelling a whole buy, refunding one
 * order, moving the deadline. Every state change and the notifications it
 * causes are one transaction; the outbox delivers them afterwards.
 */
export class BuyLifecycle {
  constructor(
    private services: Services,
    private buys: GroupBuys,
    private botUsername: () => string,
    private secret: Buffer,
  ) {}

  private t(locale: Locale): Translate {
    return (key, vars) => this.services.i18n.t(locale, key, vars);
  }

  private localeOf(member: MemberRow, fallback: Locale): Locale {
    return memberLocale({ locale: member.locale as Locale | null, telegramLanguage: member.telegramLanguage }, fallback);
  }

  private names(buy: BuyDetails) {
    return { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 80)), unit: escapeHtml(buy.unit) };
  }

  /**
   * Closes every open buy whose deadline has come, including ones that passed
   * while the bot was down (oldest first, up to 50 a tick). One buy that
   * fails to close is logged and retried next tick; it never blocks the others.
   */
  async closeDue(): Promise<number> {
    let closed = 0;
    for (const id of await this.buys.dueForClose(this.services.clock.now())) {
      try {
        if ((await this.close(id)).ok) closed++;
      } catch (error) {
        this.services.logger.error("could not close a group buy", { group_buy_id: id, error });
      }
    }
    return closed;
  }

  /**
   * Closes a buy exactly once, whoever asks and however many instances run:
   * the OPEN → CLOSING claim is a conditional update inside the transaction
   * that also settles the orders, queues the notifications and lets the
   * listeners (the referral ledger) book their part. Orders are handled a
   * page at a time: what a close holds at once doesn't grow with the buy.
   */
  async close(groupBuyId: number, actorId?: number): Promise<CloseResult> {
    const now = this.services.clock.now();
    return this.services.db.$transaction(async (tx) => {
      const claimed = await tx.groupBuy.updateMany({ where: { id: groupBuyId, status: "OPEN" }, data: { status: "CLOSING" } });
      if (claimed.count === 0) return { ok: false, reason: (await tx.groupBuy.count({ where: { id: groupBuyId } })) ? "not-open" : "not-found" } as const;
      const buy = (await this.buys.details(groupBuyId, tx))!;
      const status = buyOutcome(buy.totalQty, buy.minTotalQty);
      await tx.groupBuy.update({ where: { id: groupBuyId }, data: { status, closedAt: now, closedById: actorId ?? null, announcementDirty: true } });
      const notice = this.closedNotices(buy, status);
      const totals = { orders: 0, amountFen: 0 };
      for await (const page of activeOrderPages(tx, groupBuyId)) {
        if (status === "FAILED") await settleOrders(tx, page, "VOID", actorId, now);
        await this.services.outbox.enqueue(
          page.map((o) => ({ dedupKey: `gb${groupBuyId}:closed:o${o.id}`, chatId: Number(o.member.telegramId), text: notice(o) })),
          tx,
        );
        totals.orders += page.length;
        totals.amountFen += page.reduce((sum, o) => sum + o.amountFen, 0);
      }
      const names = this.names(buy);
      const gt = this.t(buy.community.locale);
      const messages: OutgoingMessage[] = [
        {
          dedupKey: `gb${groupBuyId}:closed:group`,
          chatId: buy.community.telegramChatId,
          text:
            status === "SUCCEEDED"
              ? gt("gb-group-succeeded", { ...names, qty: buy.totalQty, orders: totals.orders })
              : gt("gb-group-failed", { ...names, qty: buy.totalQty, min: buy.minTotalQty }),
        },
        ...(await this.openerSummary(tx, buy, status, totals)),
      ];
      await this.services.outbox.enqueue(messages, tx);
      if (status === "SUCCEEDED") {
        for (const listener of this.services.buyListeners) await listener.buySucceeded?.(tx, groupBuyId);
      }
      return { ok: true, status } as const;
    }, TX_OPTIONS);
  }

  /**
   * A member's notice of the outcome. Its text depends only on the locale,
   * the quantity and the amount, so members who ordered alike share one
   * rendering (thousands of orders, a handful of texts).
   */
  private closedNotices(buy: BuyDetails, status: "SUCCEEDED" | "FAILED"): (order: ActiveOrder) => string {
    const names = this.names(buy);
    const pickup = escapeHtml(truncate(buy.pickupDetails, 1000));
    const texts = new Map<string, string>();
    return (o) => {
      const locale = this.localeOf(o.member, buy.community.locale);
      // members whose notice reads the same share one rendering (a big close has thousands)
      const key = `${locale}:${o.quantity}:${o.amountFen}:${o.attribution}:${o.selfReferral}:${o.referrerId}`;
      let text = texts.get(key);
      if (text === undefined) {
        const t = this.t(locale);
        const vars = { ...names, qty: o.quantity, amount: formatMoney(o.amountFen, buy.currency, locale) };
        text =
          status === "SUCCEEDED"
            ? // private to the member: the group never learns who referred whom
              t("gb-notify-succeeded", { ...vars, pickup, recommended: recommendedByLine(t, o, o.referrer) })
            : t("gb-notify-failed", { ...vars, total: buy.totalQty, min: buy.minTotalQty });
        texts.set(key, text);
      }
      return text;
    };
  }

  private async openerSummary(tx: Tx, buy: BuyDetails, status: "SUCCEEDED" | "FAILED", totals: { orders: number; amountFen: number }): Promise<OutgoingMessage[]> {
    const opener = await tx.member.findUnique({ where: { id: buy.openedById } });
    if (!opener) return [];
    const locale = this.localeOf(opener, buy.community.locale);
    const t = this.t(locale);
    return [
      {
        dedupKey: `gb${buy.id}:closed:opener`,
        chatId: Number(opener.telegramId),
        text: t("gb-notify-opener", {
          ...this.names(buy),
          outcome: t(`gb-outcome-${status}`),
          qty: buy.totalQty,
          orders: totals.orders,
          amount: formatMoney(status === "SUCCEEDED" ? totals.amountFen : 0, buy.currency, locale),
        }),
      },
    ];
  }

  /** An organizer calls a buy off: open ones void their orders, succeeded ones refund them (and the ledger reverses). */
  async cancel(groupBuyId: number, actorId: number, reason: string): Promise<CancelResult> {
    const now = this.services.clock.now();
    return this.services.db.$transaction(async (tx) => {
      const current = await tx.groupBuy.findUnique({ where: { id: groupBuyId }, select: { status: true } });
      if (!current) return { ok: false, reason: "not-found" } as const;
      if (current.status !== "OPEN" && current.status !== "SUCCEEDED") return { ok: false, reason: "not-cancellable" } as const;
      const previous = current.status;
      const claimed = await tx.groupBuy.updateMany({
        where: { id: groupBuyId, status: previous },
        data: { status: "CANCELLED", cancelReason: reason, closedAt: now, closedById: actorId, announcementDirty: true },
      });
      if (claimed.count === 0) return { ok: false, reason: "not-cancellable" } as const;
      const buy = (await this.buys.details(groupBuyId, tx))!;
      const orders = await activeOrders(tx, groupBuyId);
      await settleOrders(tx, orders, previous === "SUCCEEDED" ? "REFUNDED" : "VOID", actorId, now);
      if (previous === "SUCCEEDED") {
        // the orders become REFUNDED, as when an organizer refunds one of them
        for (const o of orders) for (const listener of this.services.buyListeners) await listener.orderReversed?.(tx, o.id, "REFUNDED", actorId);
      }
      const names = this.names(buy);
      const safeReason = escapeHtml(truncate(reason, 300));
      const messages: OutgoingMessage[] = orders.map((o) => {
        const locale = this.localeOf(o.member, buy.community.locale);
        return {
          dedupKey: `gb${groupBuyId}:cancelled:o${o.id}`,
          chatId: Number(o.member.telegramId),
          text: this.t(locale)("gb-notify-cancelled", {
            ...names,
            reason: safeReason,
            qty: o.quantity,
            amount: formatMoney(o.amountFen, buy.currency, locale),
            refund: previous === "SUCCEEDED" ? "yes" : "no",
          }),
        };
      });
      messages.push({
        dedupKey: `gb${groupBuyId}:cancelled:group`,
        chatId: buy.community.telegramChatId,
        text: this.t(buy.community.locale)("gb-group-cancelled", { ...names, reason: safeReason }),
      });
      await this.services.outbox.enqueue(messages, tx);
      return { ok: true, previous, orders: orders.length } as const;
    }, TX_OPTIONS);
  }

  /**
   * An organizer takes one order back: while the buy is open it is simply
   * cancelled (its units return to the stock); after the buy succeeded it is
   * refunded and the listeners reverse what they booked for it.
   */
  async refundOrder(orderId: number, actorId: number): Promise<RefundResult> {
    const now = this.services.clock.now();
    return this.services.db.$transaction(async (tx) => {
      const order = await tx.order.findUnique({ where: { id: orderId }, include: { member: true } });
      if (!order) return { ok: false, reason: "not-found" } as const;
      const buy = (await this.buys.details(order.groupBuyId, tx))!;
      if (order.status !== "ACTIVE" || (buy.status !== "OPEN" && buy.status !== "SUCCEEDED")) return { ok: false, reason: "not-active" } as const;
      const kind = buy.status === "OPEN" ? ("CANCELLED" as const) : ("REFUNDED" as const);
      const updated = await tx.order.updateMany({
        where: { id: orderId, status: "ACTIVE" },
        data: { status: kind, ...(kind === "REFUNDED" && order.paymentStatus === "PAID" ? { paymentStatus: "REFUNDED" as const } : {}) },
      });
      if (updated.count === 0) return { ok: false, reason: "not-active" } as const;
      const moved = await tx.groupBuy.updateMany({
        where: { id: buy.id, status: buy.status },
        data: { totalQty: { decrement: order.quantity }, orderCount: { decrement: 1 }, announcementDirty: true },
      });
      if (moved.count === 0) throw new Error("the buy changed state during a refund; retry");
      await tx.orderEvent.create({
        data: { orderId, kind: kind === "CANCELLED" ? "CANCEL" : "REFUND", quantityOld: order.quantity, quantityNew: 0, actorId, createdAt: now },
      });
      if (kind === "REFUNDED") for (const listener of this.services.buyListeners) await listener.orderReversed?.(tx, orderId, "REFUNDED", actorId);
      const locale = this.localeOf(order.member, buy.community.locale);
      await this.services.outbox.enqueue(
        [
          {
            dedupKey: `order${orderId}:${kind === "CANCELLED" ? "cancelled" : "refunded"}`,
            chatId: Number(order.member.telegramId),
            text: this.t(locale)("gb-notify-order-cancelled", {
              ...this.names(buy),
              qty: order.quantity,
              amount: formatMoney(order.amountFen, buy.currency, locale),
              refund: kind === "REFUNDED" || order.paymentStatus === "PAID" ? "yes" : "no",
            }),
          },
        ],
        tx,
      );
      return { ok: true, kind } as const;
    }, TX_OPTIONS);
  }

  /** Moves an open buy's deadline; reminders whose moment is now ahead again will be sent again. */
  async extend(groupBuyId: number, deadlineAt: Date): Promise<ExtendResult> {
    const now = this.services.clock.now();
    return this.services.db.$transaction(async (tx) => {
      const moved = await tx.groupBuy.updateMany({ where: { id: groupBuyId, status: "OPEN" }, data: { deadlineAt, announcementDirty: true } });
      if (moved.count === 0) return { ok: false, reason: (await tx.groupBuy.count({ where: { id: groupBuyId } })) ? "not-open" : "not-found" } as const;
      const minutesLeft = Math.floor((deadlineAt.getTime() - now.getTime()) / 60_000);
      await tx.groupBuyReminder.deleteMany({ where: { groupBuyId, offsetMinutes: { lt: minutesLeft } } });
      return { ok: true } as const;
    }, TX_OPTIONS);
  }

  /** Reminds each group of buys nearing their deadline, once per configured offset. */
  async sendReminders(): Promise<number> {
    const now = this.services.clock.now();
    let sent = 0;
    for (const candidate of await this.buys.nearingDeadline(now, REMINDER_HORIZON_MS)) {
      const buy = await this.buys.details(candidate.id);
      if (!buy) continue;
      const plan = dueReminders(buy.community.reminderOffsetsMin, buy.deadlineAt, buy.createdAt, now, new Set(candidate.sentOffsets));
      if (plan.markDone.length === 0) continue;
      const t = this.t(buy.community.locale);
      await this.services.db.$transaction(async (tx) => {
        if (!(await this.buys.recordReminders(tx, buy.id, plan.markDone, now))) return;
        await this.buys.markDirty(buy.id, tx); // "time left" changes noticeably
        if (plan.send === undefined) return;
        const keyboard = new InlineKeyboard().url(t("gb-button-join"), buyUrl(buy.id, this.botUsername(), this.secret));
        await this.services.outbox.enqueue(
          [
            {
              dedupKey: `gb${buy.id}:remind:${plan.send}`,
              chatId: buy.community.telegramChatId,
              text: t("gb-group-reminder", {
                ...this.names(buy),
                left: formatTimeLeft(buy.deadlineAt.getTime() - now.getTime(), t),
                bar: progressBar(buy.totalQty, buy.minTotalQty),
              }),
              replyMarkup: { inline_keyboard: keyboard.inline_keyboard },
            },
          ],
          tx,
        );
        sent++;
      }, TX_OPTIONS);
    }
    return sent;
  }
}
