import type { Tx } from "./client";
import type { AttributionSource } from "../domain/attribution";
import { insertRows } from "./bulk-insert";

// A buy's active orders as closing and cancelling handle them: who to tell
// (the member's chat and language) and what to settle.

export type MemberRow = { id: number; telegramId: bigint; locale: string | null; telegramLanguage: string | null };
export type ActiveOrder = {
  id: number; position: number; memberId: number; quantity: number; amountFen: number; paymentStatus: string; member: MemberRow;
  /** who the order is attributed to: told to the member alone in their confirmation */
  attribution: AttributionSource; selfReferral: boolean; referrerId: number; referrer: { firstName: string; lastName: string | null };
};

const ACTIVE_ORDER = {
  id: true, position: true, memberId: true, quantity: true, amountFen: true, paymentStatus: true,
  attribution: true, selfReferral: true, referrerId: true,
  member: { select: { id: true, telegramId: true, locale: true, telegramLanguage: true } },
  referrer: { select: { firstName: true, lastName: true } },
} as const;

/** Orders a close reads, settles and notifies at a time: its memory doesn't grow with the buy. */
export const CLOSE_PAGE = 1000;

/** The active orders in roster order, CLOSE_PAGE at a time (keyset on position, id). */
export async function* activeOrderPages(tx: Tx, groupBuyId: number, pageSize = CLOSE_PAGE): AsyncGenerator<ActiveOrder[]> {
  let after: { position: number; id: number } | undefined;
  for (;;) {
    const page = await tx.order.findMany({
      where: {
        groupBuyId,
        status: "ACTIVE",
        ...(after ? { OR: [{ position: { gt: after.position } }, { position: after.position, id: { gt: after.id } }] } : {}),
      },
      select: ACTIVE_ORDER,
      orderBy: [{ position: "asc" }, { id: "asc" }],
      take: pageSize,
    });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page.at(-1)!;
  }
}

/** Every active order at once, in roster order. */
export function activeOrders(tx: Tx, groupBuyId: number): Promise<ActiveOrder[]> {
  return tx.order.findMany({ where: { groupBuyId, status: "ACTIVE" }, select: ACTIVE_ORDER, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

/** Ends active orders (VOID when the buy failed or was cancelled before succeeding, REFUNDED after). */
export async function settleOrders(tx: Tx, orders: ActiveOrder[], status: "VOID" | "REFUNDED", actorId: number | undefined, now: Date): Promise<void> {
  if (orders.length === 0) return;
  const ids = orders.map((o) => o.id);
  await tx.order.updateMany({ where: { id: { in: ids }, status: "ACTIVE" }, data: { status } });
  if (status === "REFUNDED") await tx.order.updateMany({ where: { id: { in: ids }, paymentStatus: "PAID" }, data: { paymentStatus: "REFUNDED" } });
  await insertRows(
    tx,
    "OrderEvent",
    ["orderId", "kind", "quantityOld", "quantityNew", "actorId", "createdAt"],
    orders.map((o) => ({ orderId: o.id, kind: status === "VOID" ? "VOID" : "REFUND", quantityOld: o.quantity, quantityNew: 0, actorId: actorId ?? null, createdAt: now })),
  );
}
