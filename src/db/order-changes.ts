import { attributeOrder } from "../domain/attribution";
import { checkQuantity, orderAmountFen } from "../domain/group-buy-rules";
import type { GroupBuy, Order, Prisma } from "../generated/prisma/client";
import type { Tx } from "./client";
import { insertRows, insertRowsReturning } from "./bulk-insert";

// What a change to a member's order does, decided the same way for one
// change (Orders.changeQuantity's own transaction) and for a batch of them
// (changeMany: several members' changes in one transaction).

export type QuantityChange = { kind: "set"; quantity: number } | { kind: "add"; delta: number };

export type ChangeRefusal =
  | { ok: false; reason: "not-found" | "closed" | "unchanged" | "sold-out" | "invalid" | "duplicate"; currentQty: number }
  | { ok: false; reason: "member-cap"; max: number; currentQty: number }
  | { ok: false; reason: "not-enough"; available: number; currentQty: number };

export type ChangeResult = { ok: true; order: Order; buy: GroupBuy; oldQty: number; newQty: number } | ChangeRefusal;

export type ChangeInput = {
  groupBuyId: number;
  memberId: number;
  change: QuantityChange;
  /** `u<update_id>`: a re-delivered update changes nothing twice */
  updateKey?: string;
  actorId?: number;
  now: Date;
};

/** Another writer changed the buy or the order since we read it: try again (alone). */
export class LostRace extends Error {}

export type ChangePlan = {
  ok: true;
  currentQty: number;
  requested: number;
  /** units claimed from (> 0) or given back to (< 0) the buy */
  delta: number;
  joins: boolean;
  leaves: boolean;
  /** the order's quantity afterwards (a cancelled order keeps its last quantity) */
  quantity: number;
};

export const activeQty = (order: Pick<Order, "status" | "quantity"> | null | undefined): number => (order?.status === "ACTIVE" ? order.quantity : 0);

/** The change against the buy and the order as read: a refusal, or what to write. */
export function planChange(buy: GroupBuy | null | undefined, existing: Order | null | undefined, input: ChangeInput): ChangeRefusal | ChangePlan {
  const currentQty = activeQty(existing);
  if (!buy) return { ok: false, reason: "not-found", currentQty };
  if (buy.status !== "OPEN" || buy.deadlineAt.getTime() <= input.now.getTime()) return { ok: false, reason: "closed", currentQty };
  const requested = input.change.kind === "set" ? input.change.quantity : currentQty + input.change.delta;
  const check = checkQuantity({ currentQty, totalQty: buy.totalQty, stockCap: buy.stockCap, perMemberCap: buy.perMemberCap }, Math.max(0, requested));
  if (!check.ok) return { ...check, currentQty };
  const leaves = requested === 0;
  return { ok: true, currentQty, requested, delta: check.delta, joins: currentQty === 0, leaves, quantity: leaves ? existing!.quantity : requested };
}

/** A new order's row; `position` is given once the buy's units are claimed (it is read after the claim). */
export function newOrderData(buy: GroupBuy, input: ChangeInput, quantity: number, visitReferrerId: number | undefined, position: number) {
  const attribution = attributeOrder({ memberId: input.memberId, buyRecommenderId: buy.recommenderId, visitReferrerId });
  return {
    groupBuyId: buy.id,
    memberId: input.memberId,
    position,
    quantity,
    unitPriceFen: buy.unitPriceFen,
    amountFen: orderAmountFen(buy.unitPriceFen, quantity),
    revisionId: buy.revisionId,
    commissionKind: buy.commissionKind,
    commissionValue: buy.commissionValue,
    breakdownId: buy.breakdownId,
    ...attribution,
    // the schema's defaults, given so that a raw INSERT writes the same row as Prisma's create
    status: "ACTIVE",
    paymentStatus: "UNPAID",
    pickupStatus: "PENDING",
    paidAt: null,
    pickedUpAt: null,
    pickedUpById: null,
    pickupCode: null,
    createdAt: input.now,
    updatedAt: input.now,
  } satisfies Prisma.OrderCreateManyInput;
}

/** Every column of Order but its id, for insertRows. */
export const ORDER_COLUMNS = [
  "groupBuyId", "memberId", "position", "quantity", "unitPriceFen", "amountFen", "revisionId", "commissionKind", "commissionValue", "breakdownId",
  "referrerId", "attribution", "selfReferral", "status", "paymentStatus", "pickupStatus", "paidAt", "pickedUpAt", "pickedUpById", "pickupCode", "createdAt", "updatedAt",
] as const satisfies readonly (keyof ReturnType<typeof newOrderData>)[];

const EVENT_COLUMNS = ["orderId", "kind", "quantityOld", "quantityNew", "actorId", "updateKey", "createdAt"] as const;

/** The changed fields of an existing order (snapshots — price, revision, commission, attribution — stay as first placed). */
export function changedOrderData(existing: Order, plan: ChangePlan) {
  return {
    quantity: plan.quantity,
    amountFen: orderAmountFen(existing.unitPriceFen, plan.quantity),
    status: plan.leaves ? ("CANCELLED" as const) : ("ACTIVE" as const),
  };
}

export function eventData(orderId: number, input: ChangeInput, plan: ChangePlan) {
  return {
    orderId,
    kind: plan.joins ? "JOIN" : plan.leaves ? "CANCEL" : "SET_QUANTITY",
    quantityOld: plan.currentQty,
    quantityNew: plan.requested,
    actorId: input.actorId ?? input.memberId,
    updateKey: input.updateKey ?? null,
    createdAt: input.now,
  } satisfies Prisma.OrderEventCreateManyInput;
}

/**
 * Takes the buys' row locks (a write that changes nothing), in id order, before
 * they are read. Another instance's batch on the same buy then waits for this
 * transaction and reads what it committed, instead of reading the same totals
 * and losing the claim below, which sent its whole batch back to be written
 * one change at a time (two instances on PostgreSQL: a tenth of one
 * instance's rate). SQLite has one writer at a time anyway.
 */
async function lockBuys(tx: Tx, buyIds: number[]): Promise<void> {
  for (const id of buyIds) await tx.$executeRaw`UPDATE "GroupBuy" SET "totalQty" = "totalQty" WHERE "id" = ${id}`;
}

/** The next roster position of a buy; read after its units were claimed, so the claim's row lock orders concurrent joins. */
export async function nextPosition(tx: Tx, groupBuyId: number): Promise<number> {
  const last = await tx.order.findFirst({ where: { groupBuyId }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? 0) + 1;
}

const pairKey = (groupBuyId: number, memberId: number) => `${groupBuyId}:${memberId}`;

type Planned = { input: ChangeInput; buy: GroupBuy; plan: ChangePlan; existing: Order | undefined; totalAfter: number };

/**
 * Several changes (at most one per member and buy) in one transaction, with
 * a handful of statements whatever their number: read the buys, orders,
 * events and referral visits they touch; decide each change in turn against
 * the running totals, exactly as one change alone would be decided; claim each
 * buy's units with one conditional update that holds only if nobody else
 * changed the buy since it was read; then write the orders and their events.
 * Throws (and so writes nothing) when anything was not as read: the caller
 * then makes the changes one by one.
 */
export async function changeMany(tx: Tx, inputs: ChangeInput[]): Promise<ChangeResult[]> {
  const buyIds = [...new Set(inputs.map((i) => i.groupBuyId))].sort((a, b) => a - b);
  await lockBuys(tx, buyIds);
  const keys = inputs.flatMap((i) => (i.updateKey ? [i.updateKey] : []));
  const done = new Set(
    keys.length === 0 ? [] : (await tx.orderEvent.findMany({ where: { updateKey: { in: keys } }, select: { updateKey: true } })).map((e) => e.updateKey),
  );
  const byBuy = buyIds.map((groupBuyId) => ({ groupBuyId, memberId: { in: inputs.filter((i) => i.groupBuyId === groupBuyId).map((i) => i.memberId) } }));
  const read = new Map((await tx.groupBuy.findMany({ where: { id: { in: buyIds } } })).map((b) => [b.id, b]));
  const orders = new Map((await tx.order.findMany({ where: { OR: byBuy } })).map((o) => [pairKey(o.groupBuyId, o.memberId), o]));

  // decide in arrival order against running totals
  const running = new Map([...read].map(([id, b]) => [id, { ...b }]));
  const results: (ChangeResult | Planned)[] = inputs.map((input) => {
    const existing = orders.get(pairKey(input.groupBuyId, input.memberId));
    if (input.updateKey && done.has(input.updateKey)) return { ok: false, reason: "duplicate", currentQty: activeQty(existing) };
    const buy = running.get(input.groupBuyId);
    const plan = planChange(buy, existing, input);
    if (!plan.ok) return plan;
    buy!.totalQty += plan.delta;
    buy!.orderCount += plan.joins ? 1 : plan.leaves ? -1 : 0;
    if (input.updateKey) done.add(input.updateKey);
    return { input, buy: buy!, plan, existing, totalAfter: buy!.totalQty };
  });
  const planned = results.filter((r): r is Planned => "plan" in r);
  if (planned.length === 0) return results as ChangeResult[];

  // claim: only if each buy is still exactly as read (and open, and before its deadline)
  for (const id of new Set(planned.map((p) => p.buy.id))) {
    const before = read.get(id)!;
    const after = running.get(id)!;
    const latest = Math.max(...planned.filter((p) => p.buy.id === id).map((p) => p.input.now.getTime()));
    const claimed = await tx.groupBuy.updateMany({
      where: { id, status: "OPEN", deadlineAt: { gt: new Date(latest) }, totalQty: before.totalQty, orderCount: before.orderCount, stockCap: before.stockCap },
      data: { totalQty: after.totalQty, orderCount: after.orderCount, announcementDirty: true },
    });
    if (claimed.count === 0) throw new LostRace();
  }

  // new orders: referral visits, then positions after the claim
  const joining = planned.filter((p) => !p.existing);
  const visits = new Map<string, number>();
  if (joining.length > 0) {
    const joiningWhere = buyIds.map((groupBuyId) => ({ groupBuyId, memberId: { in: joining.filter((p) => p.buy.id === groupBuyId).map((p) => p.input.memberId) } }));
    for (const v of await tx.referralVisit.findMany({ where: { OR: joiningWhere }, select: { groupBuyId: true, memberId: true, referrerId: true } })) {
      visits.set(pairKey(v.groupBuyId, v.memberId), v.referrerId);
    }
  }
  const positions = new Map<number, number>();
  for (const id of new Set(joining.map((p) => p.buy.id))) positions.set(id, await nextPosition(tx, id));
  const created = new Map<string, Order>();
  if (joining.length > 0) {
    const rows = joining.map((p) => {
      const position = positions.get(p.buy.id)!;
      positions.set(p.buy.id, position + 1);
      return newOrderData(read.get(p.buy.id)!, p.input, p.plan.quantity, visits.get(pairKey(p.buy.id, p.input.memberId)), position);
    });
    const ids = new Map((await insertRowsReturning(tx, "Order", ORDER_COLUMNS, rows, ["id", "groupBuyId", "memberId"])).map((r) => [pairKey(Number(r.groupBuyId), Number(r.memberId)), Number(r.id)]));
    if (ids.size !== rows.length) throw new Error(`wrote ${rows.length} orders, heard back of ${ids.size}`);
    for (const row of rows) created.set(pairKey(row.groupBuyId, row.memberId), { ...row, id: ids.get(pairKey(row.groupBuyId, row.memberId))! });
  }

  // changed orders: each only if still as read
  const final = new Map<Planned, Order>();
  for (const p of planned) {
    if (!p.existing) {
      final.set(p, created.get(pairKey(p.buy.id, p.input.memberId))!);
      continue;
    }
    const data = changedOrderData(p.existing, p.plan);
    const updated = await tx.order.updateMany({ where: { id: p.existing.id, quantity: p.existing.quantity, status: p.existing.status }, data });
    if (updated.count === 0) throw new LostRace();
    final.set(p, { ...p.existing, ...data });
  }
  await insertRows(tx, "OrderEvent", EVENT_COLUMNS, planned.map((p) => eventData(final.get(p)!.id, p.input, p.plan)));

  return results.map((r) => {
    if (!("plan" in r)) return r;
    return { ok: true, order: final.get(r)!, buy: { ...read.get(r.buy.id)!, totalQty: r.totalAfter }, oldQty: r.plan.currentQty, newQty: r.plan.requested };
  });
}
