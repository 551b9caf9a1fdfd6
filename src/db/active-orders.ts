import type { Tx } from "./client";
import type { AttributionSource } from "../domain/attribution";
import { insertRows } from "./bulk-insert";
import { Prisma } from "../generated/prisma/client";

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

/** A row of the page query: SQLite gives booleans as 0/1 and big integers as numbers when they fit. */
type ActiveOrderRow = {
  id: unknown; position: unknown; memberId: unknown; quantity: unknown; amountFen: unknown; paymentStatus: string;
  attribution: string; selfReferral: unknown; referrerId: unknown;
  telegramId: unknown; locale: string | null; telegramLanguage: string | null; referrerFirstName: string; referrerLastName: string | null;
};

function activeOrderOf(r: ActiveOrderRow): ActiveOrder {
  const memberId = Number(r.memberId);
  return {
    id: Number(r.id), position: Number(r.position), memberId, quantity: Number(r.quantity), amountFen: Number(r.amountFen), paymentStatus: r.paymentStatus,
    attribution: r.attribution as AttributionSource, selfReferral: r.selfReferral === true || Number(r.selfReferral) === 1, referrerId: Number(r.referrerId),
    member: { id: memberId, telegramId: BigInt(r.telegramId as bigint | number | string), locale: r.locale, telegramLanguage: r.telegramLanguage },
    referrer: { firstName: r.referrerFirstName, lastName: r.referrerLastName },
  };
}

/**
 * The active orders in roster order, CLOSE_PAGE at a time (keyset on
 * position, id): one joined query a page (Prisma's findMany with the two
 * members costs a query per relation and its interpreter's time per row).
 */
export async function* activeOrderPages(tx: Tx, groupBuyId: number, pageSize = CLOSE_PAGE): AsyncGenerator<ActiveOrder[]> {
  let after: { position: number; id: number } | undefined;
  for (;;) {
    const keyset = after ? Prisma.sql`AND (o."position" > ${after.position} OR (o."position" = ${after.position} AND o."id" > ${after.id}))` : Prisma.empty;
    const rows = await tx.$queryRaw<ActiveOrderRow[]>`
      SELECT o."id", o."position", o."memberId", o."quantity", o."amountFen", o."paymentStatus", o."attribution", o."selfReferral", o."referrerId",
             m."telegramId", m."locale", m."telegramLanguage", r."firstName" AS "referrerFirstName", r."lastName" AS "referrerLastName"
      FROM "Order" o JOIN "Member" m ON m."id" = o."memberId" JOIN "Member" r ON r."id" = o."referrerId"
      WHERE o."groupBuyId" = ${groupBuyId} AND o."status" = 'ACTIVE' ${keyset}
      ORDER BY o."position" ASC, o."id" ASC
      LIMIT ${pageSize}`;
    const page = rows.map(activeOrderOf);
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
