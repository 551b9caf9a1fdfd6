import { inTransaction } from "../../../db/client";
import { activeOrders, settleOrders } from "../../../db/active-orders";
import { claimForCancel } from "../../../db/buy-transitions";
import { cancelledNotices } from "../notices";
import type { BuyDeps } from "./deps";
import { queueViewEdits } from "./view-edits";
import type { OrganizedBuy } from "./organizer-access";

export type CancelResult = { ok: true; previous: "OPEN" | "SUCCEEDED"; orders: number } | { ok: false; reason: "not-found" | "not-cancellable" };

/** An organizer calls a buy off: open ones void their orders, succeeded ones refund them (and the ledger reverses). */
export async function cancelBuy(deps: BuyDeps, input: { organized: OrganizedBuy; reason: string }): Promise<CancelResult> {
  const { services, buys } = deps;
  const { buy: { id: groupBuyId }, actorId } = input.organized;
  const now = services.clock.now();
  return inTransaction(services.db, async (tx) => {
    const claim = await claimForCancel(tx, groupBuyId, { reason: input.reason, at: now, actorId });
    if (!claim.ok) return claim;
    const { previous } = claim;
    const buy = (await buys.details(groupBuyId, tx))!;
    const orders = await activeOrders(tx, groupBuyId);
    await settleOrders(tx, orders, previous === "SUCCEEDED" ? "REFUNDED" : "VOID", actorId, now);
    if (previous === "SUCCEEDED") {
      // the orders become REFUNDED, as when an organizer refunds one of them
      for (const o of orders) for (const listener of services.buyListeners) await listener.orderReversed?.(tx, o.id, "REFUNDED", actorId);
    }
    await queueViewEdits(deps, tx, buy, "cancelled");
    await services.outbox.enqueue(cancelledNotices(services.i18n, buy, orders, input.reason, previous === "SUCCEEDED"), tx);
    return { ok: true, previous, orders: orders.length } as const;
  });
}
