import type { Order } from "../../../db/orders";
import type { BuyDeps } from "./deps";
import type { OrganizedOrder } from "./organizer-access";

export type OrderMark = "PAID" | "UNPAID" | "PICKED_UP" | "NOT_PICKED_UP";

/**
 * An organizer marks an order paid or picked up (or takes the mark back).
 * Undefined when the order or its buy is not in a state that allows it; a
 * mark already set is not recorded twice (Orders.mark, one transaction).
 */
export function markOrder(deps: BuyDeps, input: { organized: OrganizedOrder; mark: OrderMark }): Promise<Order | undefined> {
  const { order, actorId } = input.organized;
  return deps.orders.mark(order.id, input.mark, actorId, deps.services.clock.now());
}
