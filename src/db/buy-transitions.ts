import type { Db, Tx } from "./client";
import type { GroupBuyStatus, Order } from "../generated/prisma/client";
import type { MemberRow } from "./active-orders";

// The writes that move a buy (or one of its orders) from one state to the
// next: closing, cancelling, moving the deadline, taking an order back. Each
// is a conditional update, so two instances (or two organizers) racing for
// the same change see exactly one of them succeed. The caller's transaction
// holds them together with the notices they cause.

type Missing = "not-found";

/** Whether a buy exists at all, to tell "not found" from "not in that state". */
async function exists(tx: Tx, groupBuyId: number): Promise<boolean> {
  return (await tx.groupBuy.count({ where: { id: groupBuyId } })) > 0;
}

/** OPEN → CLOSING, for one caller only. */
export async function claimForClose(tx: Tx, groupBuyId: number): Promise<{ ok: true } | { ok: false; reason: Missing | "not-open" }> {
  const claimed = await tx.groupBuy.updateMany({ where: { id: groupBuyId, status: "OPEN" }, data: { status: "CLOSING" } });
  if (claimed.count > 0) return { ok: true };
  return { ok: false, reason: (await exists(tx, groupBuyId)) ? "not-open" : "not-found" };
}

/**
 * The deadline's part of a close, for every open buy whose deadline has come,
 * in one statement: OPEN → CLOSING, closedAt now. Orders were refused from
 * the deadline on already; the follow-ups (closeBuy) settle each CLOSING buy
 * after, each in its own transaction. Both are durable: a crash in between
 * leaves CLOSING rows, which a later pass finishes (closingToFinish).
 */
export async function claimDue(db: Db, now: Date): Promise<number> {
  return (await db.groupBuy.updateMany({ where: { status: "OPEN", deadlineAt: { lte: now } }, data: { status: "CLOSING", closedAt: now } })).count;
}

/** Buys claimed at their deadline whose close is still to finish, earliest deadline first. */
export async function closingToFinish(db: Db, take = 50): Promise<number[]> {
  const rows = await db.groupBuy.findMany({ where: { status: "CLOSING" }, orderBy: { deadlineAt: "asc" }, take, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * A deadline's close takes over a buy its deadline claimed (CLOSING, claimDue), or an OPEN one;
 * for one caller only: the no-op write locks the row, so a racing second caller sees it settled.
 */
export async function claimDueForClose(tx: Tx, groupBuyId: number): Promise<{ ok: true } | { ok: false; reason: Missing | "not-open" }> {
  const claimed = await tx.groupBuy.updateMany({ where: { id: groupBuyId, status: { in: ["OPEN", "CLOSING"] } }, data: { status: "CLOSING" } });
  if (claimed.count > 0) return { ok: true };
  return { ok: false, reason: (await exists(tx, groupBuyId)) ? "not-open" : "not-found" };
}

/** CLOSING → SUCCEEDED or FAILED. */
export async function recordOutcome(tx: Tx, groupBuyId: number, status: "SUCCEEDED" | "FAILED", closedAt: Date, actorId: number | undefined): Promise<void> {
  await tx.groupBuy.update({ where: { id: groupBuyId }, data: { status, closedAt, closedById: actorId ?? null, announcementDirty: true } });
}

/** OPEN or SUCCEEDED → CANCELLED; says which it was. */
export async function claimForCancel(
  tx: Tx,
  groupBuyId: number,
  cancel: { reason: string; at: Date; actorId: number },
): Promise<{ ok: true; previous: "OPEN" | "SUCCEEDED" } | { ok: false; reason: Missing | "not-cancellable" }> {
  const current = await tx.groupBuy.findUnique({ where: { id: groupBuyId }, select: { status: true } });
  if (!current) return { ok: false, reason: "not-found" };
  if (current.status !== "OPEN" && current.status !== "SUCCEEDED") return { ok: false, reason: "not-cancellable" };
  const previous = current.status;
  const claimed = await tx.groupBuy.updateMany({
    where: { id: groupBuyId, status: previous },
    data: { status: "CANCELLED", cancelReason: cancel.reason, closedAt: cancel.at, closedById: cancel.actorId, announcementDirty: true },
  });
  return claimed.count > 0 ? { ok: true, previous } : { ok: false, reason: "not-cancellable" };
}

/**
 * Moves an open buy's deadline and forgets the reminders whose moment is ahead again (`minutesLeft` from now).
 * With `from`, only while the deadline is still that one ("moved": someone else moved it meanwhile).
 */
export async function moveDeadline(
  tx: Tx,
  groupBuyId: number,
  deadlineAt: Date,
  minutesLeft: number,
  from?: Date,
): Promise<{ ok: true } | { ok: false; reason: Missing | "not-open" | "moved" }> {
  const moved = await tx.groupBuy.updateMany({ where: { id: groupBuyId, status: "OPEN", ...(from ? { deadlineAt: from } : {}) }, data: { deadlineAt, announcementDirty: true } });
  if (moved.count === 0) {
    const current = await tx.groupBuy.findUnique({ where: { id: groupBuyId }, select: { status: true } });
    return { ok: false, reason: !current ? "not-found" : current.status !== "OPEN" ? "not-open" : "moved" };
  }
  await tx.groupBuyReminder.deleteMany({ where: { groupBuyId, offsetMinutes: { lt: minutesLeft } } });
  return { ok: true };
}

export type OrderWithContact = Order & { member: MemberRow };

/** An order with the chat and language of its member. */
export async function orderWithContact(tx: Tx, orderId: number): Promise<OrderWithContact | undefined> {
  return (await tx.order.findUnique({ where: { id: orderId }, include: { member: true } })) ?? undefined;
}

/** A member's chat and language (the opener of a buy, told its outcome). */
export async function memberContact(tx: Tx, memberId: number): Promise<MemberRow | undefined> {
  return (await tx.member.findUnique({ where: { id: memberId }, select: { id: true, telegramId: true, locale: true, telegramLanguage: true } })) ?? undefined;
}

/**
 * Ends one active order (CANCELLED while its buy is open, REFUNDED after it
 * succeeded), gives its units back to the buy and records who did it. False
 * when the order was no longer active; throws when the buy changed state
 * meanwhile (the transaction then retries as a whole).
 */
export async function takeBackOrder(
  tx: Tx,
  order: Pick<Order, "id" | "groupBuyId" | "quantity" | "paymentStatus">,
  buyStatus: GroupBuyStatus,
  kind: "CANCELLED" | "REFUNDED",
  actorId: number,
  at: Date,
): Promise<boolean> {
  const updated = await tx.order.updateMany({
    where: { id: order.id, status: "ACTIVE" },
    data: { status: kind, ...(kind === "REFUNDED" && order.paymentStatus === "PAID" ? { paymentStatus: "REFUNDED" as const } : {}) },
  });
  if (updated.count === 0) return false;
  const moved = await tx.groupBuy.updateMany({
    where: { id: order.groupBuyId, status: buyStatus },
    data: { totalQty: { decrement: order.quantity }, orderCount: { decrement: 1 }, announcementDirty: true },
  });
  if (moved.count === 0) throw new Error("the buy changed state during a refund; retry");
  await tx.orderEvent.create({
    data: { orderId: order.id, kind: kind === "CANCELLED" ? "CANCEL" : "REFUND", quantityOld: order.quantity, quantityNew: 0, actorId, createdAt: at },
  });
  return true;
}
