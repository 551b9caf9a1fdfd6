import { attributeOrder } from "../domain/attribution";
import { checkQuantity, orderAmountFen } from "../domain/group-buy-rules";
import { Prisma, type GroupBuy, type Order } from "../generated/prisma/client";
import { TX_OPTIONS, type Db, type Tx } from "./client";
import { INSERT_CHUNK, insertRows, insertRowsReturning } from "./bulk-insert";
import { markedWithChange, markUpdatesHandled } from "./processed-updates";

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
  /** the update making the change, when the change is all it changes: marked handled in the change's transaction */
  markUpdate?: number;
  /** the update's other writes, made beside this one: committed before its mark is (awaited before the transaction) */
  alongside?: Promise<unknown>;
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

/** The n-th next roster position of a buy, as an expression of the statement that inserts the order. */
function positionAfterLast(groupBuyId: number, n: number): Prisma.Sql {
  return Prisma.sql`((SELECT COALESCE(MAX("position"), 0) FROM "Order" WHERE "groupBuyId" = ${groupBuyId}) + ${n})`;
}

/** The next roster position of a buy; read after its units were claimed, so the claim's row lock orders concurrent joins. */
export async function nextPosition(tx: Tx, groupBuyId: number): Promise<number> {
  const last = await tx.order.findFirst({ where: { groupBuyId }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? 0) + 1;
}

const pairKey = (groupBuyId: number, memberId: number) => `${groupBuyId}:${memberId}`;

type Planned = { input: ChangeInput; buy: GroupBuy; plan: ChangePlan; existing: Order | undefined; totalAfter: number };

/** What a batch of changes reads before it decides: the buys, orders, events and referral visits it touches. */
type ChangeReads = { done: Set<string | null>; read: Map<number, GroupBuy>; orders: Map<string, Order>; visits: Map<string, number> };

/**
 * The reads of changeMany, side by side (on PostgreSQL each on a connection
 * of its own: one round trip for all four). They are made before the
 * transaction: what was read is checked where it is written (the buy's claim
 * holds only if the buy is as read, a changed order only if it is as read, a
 * new order's or event's unique key fails if someone else wrote it), so the
 * transaction reading them itself would add round trips and nothing else
 * (PostgreSQL's READ COMMITTED shows each statement what is committed anyway).
 */
async function readForChanges(db: Db, inputs: ChangeInput[]): Promise<ChangeReads> {
  const keys = inputs.flatMap((i) => (i.updateKey ? [i.updateKey] : []));
  const buyIds = [...new Set(inputs.map((i) => i.groupBuyId))];
  const byBuy = buyIds.map((groupBuyId) => ({ groupBuyId, memberId: { in: inputs.filter((i) => i.groupBuyId === groupBuyId).map((i) => i.memberId) } }));
  const [events, buys, orders, visits] = await Promise.all([
    keys.length === 0 ? [] : db.orderEvent.findMany({ where: { updateKey: { in: keys } }, select: { updateKey: true } }),
    db.groupBuy.findMany({ where: { id: { in: buyIds } } }),
    db.order.findMany({ where: { OR: byBuy } }),
    // read for every change (only joins use them): beside the others, it costs no round trip of its own
    db.referralVisit.findMany({ where: { OR: byBuy }, select: { groupBuyId: true, memberId: true, referrerId: true } }),
  ]);
  return {
    done: new Set(events.map((e) => e.updateKey)),
    read: new Map(buys.map((b) => [b.id, b])),
    orders: new Map(orders.map((o) => [pairKey(o.groupBuyId, o.memberId), o])),
    visits: new Map(visits.map((v) => [pairKey(v.groupBuyId, v.memberId), v.referrerId])),
  };
}

/**
 * Several changes (at most one per member and buy) with a handful of
 * statements whatever their number: read the buys, orders, events and
 * referral visits they touch (side by side, before the transaction); decide
 * each change in turn against the running totals, exactly as one change
 * alone would be decided; then, in one transaction, claim each buy's units
 * with one conditional update that holds only if nobody else changed the buy
 * since it was read, and write the orders and their events. Throws (and so
 * writes nothing) when anything was not as read: the caller then makes the
 * changes one by one. No transaction at all when every change is refused.
 */
export async function changeMany(db: Db, inputs: ChangeInput[]): Promise<ChangeResult[]> {
  // Another instance's batch on the same buy may commit between the reads and the claim
  // (two instances on one PostgreSQL: nearly every time under a burst). The claim then
  // fails and nothing was written: read again and build on what it committed, rather
  // than sending the whole batch back to be written one change at a time.
  return retryLostRaces(CLAIM_ATTEMPTS, () => changeManyOnce(db, inputs));
}

/** How often a batch is read and tried in all when it keeps losing its claim to another writer. */
const CLAIM_ATTEMPTS = 4;

/** Runs `write` again while it loses a race to another writer (and so wrote nothing), `tries` times in all. */
export async function retryLostRaces<T>(tries: number, write: () => Promise<T>, lost: (error: unknown) => boolean = (e) => e instanceof LostRace): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!lost(error) || attempt >= tries) throw error;
    }
  }
}

async function changeManyOnce(db: Db, inputs: ChangeInput[]): Promise<ChangeResult[]> {
  const { done, read, orders, visits } = await readForChanges(db, inputs);

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
  // before the transaction (on SQLite a write outside one waits for it to end)
  await Promise.all(planned.map((p) => (p.input.markUpdate === undefined ? undefined : p.input.alongside)));
  const final = await db.$transaction((tx) => writeChanges(tx, planned, read, running, visits), TX_OPTIONS);
  markedWithChange(db, planned.flatMap((p) => (p.input.markUpdate === undefined ? [] : [p.input.markUpdate])));

  return results.map((r) => {
    if (!("plan" in r)) return r;
    return { ok: true, order: final.get(r)!, buy: { ...read.get(r.buy.id)!, totalQty: r.totalAfter }, oldQty: r.plan.currentQty, newQty: r.plan.requested };
  });
}

/** changeMany's writes, in its transaction: each buy's claim, new orders, changed orders, events. */
async function writeChanges(tx: Tx, planned: Planned[], read: Map<number, GroupBuy>, running: Map<number, GroupBuy>, visits: Map<string, number>): Promise<Map<Planned, Order>> {
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

  // new orders, numbered after the buy's last order: read by the insert itself (after the claim, whose row lock orders concurrent joins)
  const joining = planned.filter((p) => !p.existing);
  const final = new Map<Planned, Order>();
  for (let i = 0; i < joining.length; i += INSERT_CHUNK) {
    const chunk = joining.slice(i, i + INSERT_CHUNK);
    const nth = new Map<number, number>();
    const rows = chunk.map((p) => {
      const n = (nth.get(p.buy.id) ?? 0) + 1;
      nth.set(p.buy.id, n);
      const row = newOrderData(read.get(p.buy.id)!, p.input, p.plan.quantity, visits.get(pairKey(p.buy.id, p.input.memberId)), 0);
      return { row, insert: { ...row, position: positionAfterLast(p.buy.id, n) } };
    });
    const written = await insertRowsReturning(tx, "Order", ORDER_COLUMNS, rows.map((r) => r.insert), ["id", "groupBuyId", "memberId", "position"]);
    const back = new Map(written.map((r) => [pairKey(Number(r.groupBuyId), Number(r.memberId)), { id: Number(r.id), position: Number(r.position) }]));
    if (back.size !== rows.length) throw new Error(`wrote ${rows.length} orders, heard back of ${back.size}`);
    chunk.forEach((p, j) => final.set(p, { ...rows[j]!.row, ...back.get(pairKey(p.buy.id, p.input.memberId))! }));
  }

  // changed orders: each only if still as read; those changed alike (a burst of +1 on 1) in one statement
  const alike = new Map<string, { ids: number[]; was: Pick<Order, "quantity" | "status">; data: ReturnType<typeof changedOrderData> }>();
  for (const p of planned) {
    if (!p.existing) continue;
    const data = changedOrderData(p.existing, p.plan);
    final.set(p, { ...p.existing, ...data });
    const key = JSON.stringify([p.existing.quantity, p.existing.status, data.quantity, data.amountFen, data.status]);
    const group = alike.get(key) ?? alike.set(key, { ids: [], was: p.existing, data }).get(key)!;
    group.ids.push(p.existing.id);
  }
  for (const { ids, was, data } of alike.values()) {
    const updated = await tx.order.updateMany({ where: { id: { in: ids }, quantity: was.quantity, status: was.status }, data });
    if (updated.count !== ids.length) throw new LostRace();
  }
  await insertRows(tx, "OrderEvent", EVENT_COLUMNS, planned.map((p) => eventData(final.get(p)!.id, p.input, p.plan)));
  await markUpdatesHandled(tx, planned.flatMap((p) => (p.input.markUpdate === undefined ? [] : [p.input.markUpdate])));
  return final;
}
