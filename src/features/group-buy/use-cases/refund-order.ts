import { inTransaction } from "../../../db/client";
import { orderWithContact, takeBackOrder } from "../../../db/buy-transitions";
import { orderTakenBackNotice } from "../notices";
import type { BuyDeps } from "./deps";
import { queueViewEdits } from "./view-edits";
import type { OrganizedOrder } from "./organizer-access";

export type RefundResult = { ok: true; kind: "CANCELLED" | "REFUNDED" } | { ok: false; reason: "not-found" | "not-active" };

/**
 * An organizer takes one order back: while the buy is open it is simply
 * cancelled (its units return to the stock); after the buy succeeded it is
 * refunded and the listeners reverse what they booked for it.
 */
export async function refundOrder(deps: BuyDeps, input: { organized: OrganizedOrder }): Promise<RefundResult> {
  const { services, buys } = deps;
  const { order: { id: orderId }, actorId } = input.organized;
  const now = services.clock.now();
  return inTransaction(services.db, async (tx) => {
    const order = await orderWithContact(tx, orderId);
    if (!order) return { ok: false, reason: "not-found" } as const;
    const buy = (await buys.details(order.groupBuyId, tx))!;
    if (order.status !== "ACTIVE" || (buy.status !== "OPEN" && buy.status !== "SUCCEEDED")) return { ok: false, reason: "not-active" } as const;
    const kind = buy.status === "OPEN" ? ("CANCELLED" as const) : ("REFUNDED" as const);
    if (!(await takeBackOrder(tx, order, buy.status, kind, actorId, now))) return { ok: false, reason: "not-active" } as const;
    if (kind === "REFUNDED") for (const listener of services.buyListeners) await listener.orderReversed?.(tx, orderId, "REFUNDED", actorId);
    await services.outbox.enqueue([orderTakenBackNotice(services.i18n, buy, order, kind)], tx);
    // the member's private view says so, without join buttons (an order may be taken back again after rejoining: the time keys it)
    await queueViewEdits(deps, tx, (await buys.details(buy.id, tx))!, `o${orderId}:${now.getTime()}`, { memberId: order.memberId, takenBack: true });
    return { ok: true, kind } as const;
  });
}
