import { TX_OPTIONS, type Db, type Tx } from "./client";
import { parseOrderRef } from "../domain/order-ref";
import type { GroupBuy, Order, Prisma } from "../generated/prisma/client";
import { isUniqueViolation, markedWithChange, markUpdateHandled } from "./processed-updates";
import { checkQuantity } from "../domain/group-buy-rules";
import { Coalescer } from "./coalescer";
import { exportBatches, type ExportOrder } from "./order-export";
import { markStatementDirty } from "./statements";
import { dropUnpromptedFeedback, openFeedback } from "./feedback";
import {
  activeQty, changedOrderData, changeMany, eventData, LostRace, newOrderData, nextPosition, planChange, retryLostRaces,
  type ChangeInput, type ChangeResult,
} from "./order-changes";

export type { Order };
export type { ChangeInput, ChangeRefusal, ChangeResult, QuantityChange } from "./order-changes";

export type OrderWithMember = Order & { member: { id: number; telegramId: bigint; firstName: string; lastName: string | null; username: string | null } };
/** The recommender an order is attributed to, as its member may see them: the display name only. */
export type ReferrerName = { referrer: { firstName: string; lastName: string | null } };
const referrerName = { referrer: { select: { firstName: true, lastName: true } } } as const;
export type OrderWithReferrer = Order & ReferrerName;
export type OrderWithBuy = Order & ReferrerName & { groupBuy: GroupBuy & { revision: { name: string; unit: string } } };

export class Orders {
  /** members' changes made while others are being written go together, in one transaction (a burst of "+1") */
  private changes: Coalescer<ChangeInput, ChangeResult>;

  constructor(private db: Db) {
    this.changes = new Coalescer({
      many: (inputs) => changeMany(this.db, inputs),
      one: (input) => this.changeAlone(input),
      key: (input) => `${input.groupBuyId}:${input.memberId}`,
    });
  }

  /**
   * Joins, changes or cancels a member's order. Caps hold under any
   * concurrency: the buy's totalQty moves by a conditional update that only
   * succeeds while the stock allows it, in the same transaction as the order
   * and its event (whose unique updateKey makes a replayed update a no-op).
   * Changes that arrive together are written together (see changeMany).
   */
  changeQuantity(input: ChangeInput): Promise<ChangeResult> {
    return this.changes.run(input);
  }

  private changeAlone(input: ChangeInput): Promise<ChangeResult> {
    // The next attempt sees the winner's commit (and our own event, if the key was ours).
    const lost = (error: unknown) => error instanceof LostRace || isUniqueViolation(error);
    return retryLostRaces(5, async () => {
      if (input.markUpdate !== undefined) await input.alongside; // before the transaction, as in changeMany
      const result = await this.db.$transaction((tx) => this.changeIn(tx, input), TX_OPTIONS);
      if (result.ok && input.markUpdate !== undefined) markedWithChange(this.db, [input.markUpdate]);
      return result;
    }, lost);
  }

  private async changeIn(tx: Tx, input: ChangeInput): Promise<ChangeResult> {
    const { groupBuyId, memberId, now } = input;
    if (input.updateKey && (await tx.orderEvent.findUnique({ where: { updateKey: input.updateKey }, select: { id: true } }))) {
      const existing = await tx.order.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } } });
      return { ok: false, reason: "duplicate", currentQty: activeQty(existing) };
    }
    const buy = await tx.groupBuy.findUnique({ where: { id: groupBuyId } });
    const existing = await tx.order.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } } });
    const plan = planChange(buy, existing, input);
    if (!plan.ok) return plan;
    const { currentQty, requested, delta, joins, leaves } = plan;

    // Claim the units: only while the buy is open and the stock allows it.
    const where: Prisma.GroupBuyWhereInput = { id: groupBuyId, status: "OPEN", deadlineAt: { gt: now } };
    if (delta > 0 && buy!.stockCap !== null) Object.assign(where, { stockCap: buy!.stockCap, totalQty: { lte: buy!.stockCap - delta } });
    const claimed = await tx.groupBuy.updateMany({
      where,
      data: { totalQty: { increment: delta }, orderCount: { increment: joins ? 1 : leaves ? -1 : 0 }, announcementDirty: true },
    });
    if (claimed.count === 0) {
      // Someone else took the stock (or closed the buy) since we read it: say what is true now.
      const fresh = await tx.groupBuy.findUnique({ where: { id: groupBuyId } });
      if (!fresh || fresh.status !== "OPEN" || fresh.deadlineAt.getTime() <= now.getTime()) return { ok: false, reason: "closed", currentQty };
      const again = checkQuantity({ currentQty, totalQty: fresh.totalQty, stockCap: buy!.stockCap, perMemberCap: buy!.perMemberCap }, requested);
      if (!again.ok) return { ...again, currentQty };
      throw new LostRace();
    }

    let order: Order;
    if (!existing) {
      const visit = await tx.referralVisit.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } } });
      order = await tx.order.create({ data: newOrderData(buy!, input, plan.quantity, visit?.referrerId, await nextPosition(tx, groupBuyId)) });
    } else {
      const data = changedOrderData(existing, plan);
      const updated = await tx.order.updateMany({ where: { id: existing.id, quantity: existing.quantity, status: existing.status }, data });
      if (updated.count === 0) throw new LostRace();
      order = { ...existing, ...data };
    }
    await tx.orderEvent.create({ data: eventData(order.id, input, plan) });
    if (input.markUpdate !== undefined) await markUpdateHandled(tx, input.markUpdate);
    return { ok: true, order, buy: { ...buy!, totalQty: buy!.totalQty + delta }, oldQty: currentQty, newQty: requested };
  }

  ofMemberInBuy(groupBuyId: number, memberId: number): Promise<OrderWithReferrer | null> {
    return this.db.order.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } }, include: referrerName });
  }

  byId(orderId: number): Promise<Order | null> {
    return this.db.order.findUnique({ where: { id: orderId } });
  }

  /** A member's orders, newest first, with their buys. */
  ofMember(memberId: number, take = 20): Promise<OrderWithBuy[]> {
    return this.db.order.findMany({
      where: { memberId },
      include: { groupBuy: { include: { revision: { select: { name: true, unit: true } } } }, ...referrerName },
      orderBy: { id: "desc" },
      take,
    });
  }

  /** Orders of a buy in roster order; `activeOnly` for the live list. */
  forBuy(groupBuyId: number, options: { activeOnly?: boolean; skip?: number; take?: number } = {}): Promise<OrderWithMember[]> {
    return this.db.order.findMany({
      where: { groupBuyId, ...(options.activeOnly ? { status: "ACTIVE" as const } : {}) },
      include: { member: { select: { id: true, telegramId: true, firstName: true, lastName: true, username: true } } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      skip: options.skip,
      take: options.take,
    });
  }

  /** Orders an organizer's list shows: all but those members cancelled themselves. */
  listed(groupBuyId: number, skip: number, take: number): Promise<OrderWithMember[]> {
    return this.db.order.findMany({
      where: { groupBuyId, status: { not: "CANCELLED" } },
      include: { member: { select: { id: true, telegramId: true, firstName: true, lastName: true, username: true } } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      skip,
      take,
    });
  }

  countListed(groupBuyId: number): Promise<number> {
    return this.db.order.count({ where: { groupBuyId, status: { not: "CANCELLED" } } });
  }

  /** Active orders' count, quantity, amount and the part already paid. */
  async totals(groupBuyId: number): Promise<{ orders: number; qty: number; amountFen: number; paidFen: number }> {
    const [all, paid] = await Promise.all([
      this.db.order.aggregate({ where: { groupBuyId, status: "ACTIVE" }, _count: { _all: true }, _sum: { quantity: true, amountFen: true } }),
      this.db.order.aggregate({ where: { groupBuyId, status: "ACTIVE", paymentStatus: "PAID" }, _sum: { amountFen: true } }),
    ]);
    return { orders: all._count._all, qty: all._sum.quantity ?? 0, amountFen: all._sum.amountFen ?? 0, paidFen: paid._sum.amountFen ?? 0 };
  }

  /**
   * The order an organizer means by `who`: its number in /orders (`3`, `#3`, or
   * its reference `#12-3`, which must name this buy),
   * the member's @username, or their display name when only one matches.
   */
  async find(groupBuyId: number, who: string): Promise<OrderWithMember | undefined> {
    const include = { member: { select: { id: true, telegramId: true, firstName: true, lastName: true, username: true } } } as const;
    const s = who.trim();
    const ref = parseOrderRef(s);
    if (ref && ref.groupBuyId !== groupBuyId) return undefined;
    const number = ref ? [s, String(ref.position)] : /^#?(\d{1,9})$/.exec(s);
    if (number) return (await this.db.order.findFirst({ where: { groupBuyId, position: Number(number[1]), status: { not: "CANCELLED" } }, include })) ?? undefined;
    if (s.startsWith("@")) return (await this.db.order.findFirst({ where: { groupBuyId, member: { username: s.slice(1) } }, include })) ?? undefined;
    const all = await this.db.order.findMany({ where: { groupBuyId, status: "ACTIVE" }, include });
    const wanted = s.toLowerCase();
    const matches = all.filter((o) => [o.member.firstName, o.member.lastName].filter(Boolean).join(" ").toLowerCase() === wanted);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Every order of a buy in batches (keyset by id), so exports don't hold them all at once. */
  batchesForBuy(groupBuyId: number, batchSize = 500): AsyncGenerator<ExportOrder[]> {
    return exportBatches(this.db, groupBuyId, batchSize);
  }

  /**
   * Payment or pickup marks by an organizer; undefined when the order is not in
   * a state that allows it. `alreadyMarked`: it was so before (nothing recorded).
   */
  async mark(orderId: number, what: "PAID" | "UNPAID" | "PICKED_UP" | "NOT_PICKED_UP", actorId: number, now: Date): Promise<(Order & { alreadyMarked: boolean }) | undefined> {
    return this.db.$transaction(async (tx) => {
      const order = await tx.order.findUnique({ where: { id: orderId }, include: { groupBuy: { select: { status: true } } } });
      if (!order || order.status !== "ACTIVE") return undefined;
      const buyStatus = order.groupBuy.status;
      if (what === "PICKED_UP" || what === "NOT_PICKED_UP") {
        if (buyStatus !== "SUCCEEDED") return undefined;
      } else if (buyStatus !== "OPEN" && buyStatus !== "SUCCEEDED") return undefined;
      const data =
        what === "PAID" ? { paymentStatus: "PAID" as const, paidAt: now }
        : what === "UNPAID" ? { paymentStatus: "UNPAID" as const, paidAt: null }
        : what === "PICKED_UP" ? { pickupStatus: "PICKED_UP" as const, pickedUpAt: now, pickedUpById: actorId }
        : { pickupStatus: "PENDING" as const, pickedUpAt: null, pickedUpById: null };
      // already so (a press delivered twice, two organizers at once): nothing to record
      const already = "paymentStatus" in data ? order.paymentStatus === data.paymentStatus : order.pickupStatus === data.pickupStatus;
      if (already) {
        const { groupBuy: _buy, ...unchanged } = order;
        return { ...unchanged, alreadyMarked: true };
      }
      const updated = await tx.order.update({ where: { id: orderId }, data });
      await tx.orderEvent.create({ data: { orderId, kind: what, quantityOld: order.quantity, quantityNew: order.quantity, actorId, createdAt: now } });
      // payments and pickups move the buy's statement (collected / outstanding, picked up)
      await markStatementDirty(tx, order.groupBuyId);
      // feedback is asked a day after a pickup; a pickup taken back takes its unasked feedback along
      if (what === "PICKED_UP") await openFeedback(tx, orderId, now);
      if (what === "NOT_PICKED_UP") await dropUnpromptedFeedback(tx, orderId);
      return { ...updated, alreadyMarked: false };
    }, TX_OPTIONS);
  }
}
