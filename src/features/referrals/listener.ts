import { orderRef } from "../../domain/order-ref";
import type { BuyLifecycleListener, Services } from "../../bot/context";
import type { Tx } from "../../db/client";
import { buyCommunityAndName, orderPosition } from "../../db/buy-summaries";
import { memberLocale } from "../../bot/i18n";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney } from "../../domain/money";
import { memberById, membersByIds } from "../../db/members";
import { attributedOrderCounts } from "../../db/referrals";
import { ledgerOf } from "./shared";

/**
 * Keeps the ledger in step with the buys, inside their own transactions:
 * a buy that succeeds accrues each order's commission; an order cancelled or
 * refunded afterwards is reversed. Recommenders are told through the outbox
 * (same transaction, so a rolled-back close tells nobody anything).
 */
export function referralLedgerListener(services: Services): BuyLifecycleListener {
  const ledger = ledgerOf(services);
  return {
    async buySucceeded(tx, groupBuyId) {
      const accruals = await ledger.accrueBuy(tx, groupBuyId);
      if (accruals.length === 0) return;
      const buy = await buyContext(tx, groupBuyId);
      const members = await membersByIds(tx, accruals.map((a) => a.recommenderId));
      // counted as /earnings counts them: every order brought, their own (earning nothing) among them
      const counts = await attributedOrderCounts(tx, groupBuyId);
      const messages = members.map((member) => {
        const a = accruals.find((x) => x.recommenderId === member.id)!;
        const count = counts.get(member.id) ?? { orders: a.orders, ownUnpaid: 0 };
        const locale = memberLocale(member, buy.community.locale);
        return {
          dedupKey: `ledger-accrual:${groupBuyId}:${member.id}`,
          chatId: member.telegramId,
          text: services.i18n.t(locale, "referrals-notify-accrual", {
            id: String(groupBuyId),
            product: buy.product,
            orders: count.orders,
            own: services.i18n.t(locale, "referrals-orders-own-unpaid", { own: count.ownUnpaid }),
            amount: formatMoney(a.commissionFen, buy.community.currency, locale),
            balance: formatMoney(a.balanceFen, buy.community.currency, locale),
          }),
        };
      });
      await services.outbox.enqueue(messages, tx);
    },

    async orderReversed(tx, orderId, reason, actorId) {
      const reversal = await ledger.reverseOrder(tx, orderId, reason, actorId);
      if (!reversal || reversal.replayed) return;
      const { entry } = reversal;
      const buy = await buyContext(tx, entry.groupBuyId!);
      const member = await memberById(tx, entry.recommenderId);
      if (!member) throw new Error(`recommender ${entry.recommenderId} of ledger entry ${entry.id} is gone`);
      const locale = memberLocale(member, buy.community.locale);
      const text = services.i18n.t(locale, "referrals-notify-reversal", {
        ref: orderRef(entry.groupBuyId!, await orderPosition(tx, orderId)),
        id: String(entry.groupBuyId),
        product: buy.product,
        amount: formatMoney(-entry.amountFen, buy.community.currency, locale),
        balance: formatMoney(entry.balanceFen, buy.community.currency, locale),
      });
      await services.outbox.enqueue([{ dedupKey: `ledger-reversal:${orderId}`, chatId: member.telegramId, text }], tx);
    },
  };
}

async function buyContext(tx: Tx, groupBuyId: number) {
  const { community, productName } = await buyCommunityAndName(tx, groupBuyId);
  return { community, product: escapeHtml(truncate(productName, 80)) };
}
