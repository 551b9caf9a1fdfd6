import type { BuyDeps } from "./deps";
import type { OrganizedOrder } from "./organizer-access";

export type OrderMark = "PAID" | "UNPAID" | "PICKED_UP" | "NOT_PICKED_UP";

/** What a mark did: set it now, found it set already, or could not (no active order, or not at that stage). */
export type MarkOutcome = "marked" | "already" | "failed";

/**
 * An organizer marks an order paid or picked up (or takes the mark back).
 * A mark already set is not recorded twice (Orders.mark, one transaction),
 * and says so: the organizer who repeats /paid learns it was done before.
 */
export async function markOrder(deps: BuyDeps, input: { organized: OrganizedOrder; mark: OrderMark }): Promise<MarkOutcome> {
  const { order, actorId } = input.organized;
  const result = await deps.orders.mark(order.id, input.mark, actorId, deps.services.clock.now());
  return !result ? "failed" : result.alreadyMarked ? "already" : "marked";
}
