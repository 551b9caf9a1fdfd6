import { Prisma } from "../generated/prisma/client";
import type { Tx } from "./client";
import { markOrderStatementDirty } from "./statements";
import { openFeedback } from "./feedback";

// Pickup by code (核销): the codes a buy's orders get when it goes ahead, the
// helpers an organizer names for one buy, the wrong tries that rate-limit
// guessing, and the one conditional write that marks an order picked up.

const CHUNK = 200;
/** Codes looked up per query: far below SQLite's and PostgreSQL's limits on bound parameters. */
const LOOKUP = 1000;

/**
 * Gives each order a new unique code, in bulk: one UPDATE … CASE per 200
 * orders (and one lookup of the drawn codes per 1,000). Codes are drawn until none collides with a stored one or another
 * of this batch (a collision is ~1 in 10^8 for a 10,000-order buy): a
 * unique violation inside the close's transaction would abort it on
 * PostgreSQL, so collisions are looked for first, not caught. (Two buys
 * closing at the same instant and drawing the same code would fail one
 * close, which the scheduler retries.) Returns order id → code.
 */
export async function assignPickupCodes(tx: Tx, orderIds: readonly number[], newCode: () => string, now: Date): Promise<Map<number, string>> {
  const codes = new Map<number, string>();
  if (orderIds.length === 0) return codes;
  let pending = [...orderIds];
  const used = new Set<string>();
  for (let round = 0; pending.length > 0; round++) {
    if (round >= 10) throw new Error("could not draw unique pickup codes");
    const drawn = new Map<number, string>();
    for (const id of pending) {
      let code = newCode();
      while (used.has(code)) code = newCode();
      used.add(code);
      drawn.set(id, code);
    }
    const taken = new Set<string>();
    const all = [...drawn.values()];
    // one raw lookup per LOOKUP codes: Prisma's findMany … in costs its interpreter's time per bound value
    for (let i = 0; i < all.length; i += LOOKUP) {
      const rows = await tx.$queryRaw<{ pickupCode: string }[]>`SELECT "pickupCode" FROM "Order" WHERE "pickupCode" IN (${Prisma.join(all.slice(i, i + LOOKUP))})`;
      for (const r of rows) taken.add(r.pickupCode);
    }
    pending = [];
    for (const [id, code] of drawn) {
      if (taken.has(code)) pending.push(id);
      else codes.set(id, code);
    }
  }
  const entries = [...codes];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    // the ids as digits in the text, only the codes bound: Prisma serializes each bound value to JSON and back
    const cases = Prisma.join(chunk.map(([id, code]) => Prisma.sql`WHEN ${Prisma.raw(String(Math.trunc(id)))} THEN ${code}`), " ");
    const ids = Prisma.raw(chunk.map(([id]) => String(Math.trunc(id))).join(", "));
    await tx.$executeRaw`UPDATE "Order" SET "pickupCode" = CASE "id" ${cases} END, "updatedAt" = ${now} WHERE "id" IN (${ids})`;
  }
  return codes;
}

const NAME = { select: { firstName: true, lastName: true } } as const;

/** An order as the pickup point sees it: who, how much, paid, picked up by whom and when. */
export type PickupOrder = {
  id: number; groupBuyId: number; memberId: number; position: number; quantity: number; amountFen: number;
  status: string; paymentStatus: string; pickupStatus: string; pickedUpAt: Date | null; pickupCode: string | null;
  member: { firstName: string; lastName: string | null };
  pickedUpBy: { firstName: string; lastName: string | null } | null;
  groupBuy: { id: number; status: string; communityId: number };
};

const PICKUP_ORDER = {
  id: true, groupBuyId: true, memberId: true, position: true, quantity: true, amountFen: true,
  status: true, paymentStatus: true, pickupStatus: true, pickedUpAt: true, pickupCode: true,
  member: NAME, pickedUpBy: NAME, groupBuy: { select: { id: true, status: true, communityId: true } },
} as const;

export async function orderByPickupCode(tx: Tx, code: string): Promise<PickupOrder | undefined> {
  return (await tx.order.findUnique({ where: { pickupCode: code }, select: PICKUP_ORDER })) ?? undefined;
}

export async function pickupOrderById(tx: Tx, orderId: number): Promise<PickupOrder | undefined> {
  return (await tx.order.findUnique({ where: { id: orderId }, select: PICKUP_ORDER })) ?? undefined;
}

/** The order a pickup mark with this update key made already (a re-delivered update), if any. */
export async function pickupMarkedBy(tx: Tx, updateKey: string): Promise<number | undefined> {
  const event = await tx.orderEvent.findUnique({ where: { updateKey }, select: { orderId: true, kind: true } });
  return event?.kind === "PICKED_UP" ? event.orderId : undefined;
}

/**
 * Marks an active order picked up, exactly once: a conditional update (only
 * while PENDING), then its event keyed by the update. False when someone
 * marked it first (two helpers at once: one wins, the other is told "already").
 */
export async function markPickedUp(tx: Tx, order: Pick<PickupOrder, "id" | "quantity">, actorId: number, now: Date, updateKey: string): Promise<boolean> {
  const won = await tx.order.updateMany({
    where: { id: order.id, status: "ACTIVE", pickupStatus: "PENDING" },
    data: { pickupStatus: "PICKED_UP", pickedUpAt: now, pickedUpById: actorId },
  });
  if (won.count === 0) return false;
  await tx.orderEvent.create({ data: { orderId: order.id, kind: "PICKED_UP", quantityOld: order.quantity, quantityNew: order.quantity, actorId, updateKey, createdAt: now } });
  await markOrderStatementDirty(tx, order.id); // the statement counts pickups
  await openFeedback(tx, order.id, now); // the member is asked a day later
  return true;
}

/** When this person's wrong tries in the window were made (the rate limit's input). */
export async function wrongTriesSince(tx: Tx, memberId: number, since: Date): Promise<Date[]> {
  const rows = await tx.pickupAttempt.findMany({ where: { memberId, at: { gt: since } }, select: { at: true }, orderBy: { at: "asc" } });
  return rows.map((r) => r.at);
}

/** Records a wrong try; this person's tries older than the window go (the table stays small). */
export async function recordWrongTry(tx: Tx, memberId: number, at: Date, windowStart: Date): Promise<void> {
  await tx.pickupAttempt.deleteMany({ where: { memberId, at: { lte: windowStart } } });
  await tx.pickupAttempt.create({ data: { memberId, at } });
}

/** Names a pickup helper for one buy; false when they were one already. */
export async function grantPickupHelper(tx: Tx, groupBuyId: number, memberId: number, grantedById: number, now: Date): Promise<boolean> {
  const existing = await tx.pickupHelper.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } }, select: { memberId: true } });
  if (existing) return false;
  await tx.pickupHelper.create({ data: { groupBuyId, memberId, grantedById, createdAt: now } });
  return true;
}

/** Takes the role back; false when they had none. */
export async function revokePickupHelper(tx: Tx, groupBuyId: number, memberId: number): Promise<boolean> {
  return (await tx.pickupHelper.deleteMany({ where: { groupBuyId, memberId } })).count > 0;
}

export async function isPickupHelper(tx: Tx, groupBuyId: number, memberId: number): Promise<boolean> {
  return (await tx.pickupHelper.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } }, select: { memberId: true } })) !== null;
}

export type PendingPickup = { id: number; position: number; quantity: number; paymentStatus: string; member: { firstName: string; lastName: string | null } };

/** A buy's active orders not picked up yet, in roster order, a page at a time, and how many active orders it has. */
export async function pendingPickups(tx: Tx, groupBuyId: number, skip: number, take: number): Promise<{ rows: PendingPickup[]; pending: number; total: number }> {
  const where = { groupBuyId, status: "ACTIVE" as const, pickupStatus: "PENDING" as const };
  const [rows, pending, total] = await Promise.all([
    tx.order.findMany({ where, select: { id: true, position: true, quantity: true, paymentStatus: true, member: NAME }, orderBy: [{ position: "asc" }, { id: "asc" }], skip, take }),
    tx.order.count({ where }),
    tx.order.count({ where: { groupBuyId, status: "ACTIVE" } }),
  ]);
  return { rows, pending, total };
}

export type VerifiableBuy = { id: number; productName: string; pending: number };

/**
 * Buys that went ahead, have orders still to hand out, and this person may
 * verify: in communities they organize, or as the buy's helper. Newest first.
 */
export async function verifiableBuys(tx: Tx, communityIds: number[], memberId: number, take = 20): Promise<VerifiableBuy[]> {
  const pendingOrder = { status: "ACTIVE" as const, pickupStatus: "PENDING" as const };
  const rows = await tx.groupBuy.findMany({
    where: { status: "SUCCEEDED", orders: { some: pendingOrder }, OR: [{ communityId: { in: communityIds } }, { pickupHelpers: { some: { memberId } } }] },
    select: { id: true, revision: { select: { name: true } }, _count: { select: { orders: { where: pendingOrder } } } },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map((r) => ({ id: r.id, productName: r.revision.name, pending: r._count.orders }));
}

/** A member's order in a buy with its code (the 🎫 button), if they have one. */
export async function memberPickupCode(tx: Tx, groupBuyId: number, memberId: number): Promise<{ code: string; quantity: number; pickedUp: boolean } | undefined> {
  const order = await tx.order.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } }, select: { pickupCode: true, quantity: true, status: true, pickupStatus: true } });
  if (!order?.pickupCode || order.status !== "ACTIVE") return undefined;
  return { code: order.pickupCode, quantity: order.quantity, pickedUp: order.pickupStatus === "PICKED_UP" };
}
