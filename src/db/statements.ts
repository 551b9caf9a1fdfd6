// What a buy's settlement statement reads (orders summed in the database,
// the ledger's commissions per recommender) and the statement message's
// bookkeeping in the group: dirty marks, the posting claim, hash and id.
import type { Db, Tx } from "./client";
import { breakdownOfBuy } from "./breakdowns";
import { displayName } from "./members";
import type { StatementInput, StatementOrder } from "../domain/statement";

export type StatementBuy = {
  id: number;
  communityId: number;
  chatId: number;
  locale: string;
  currency: string;
  status: string;
  closedAt: Date | null;
  productName: string;
  statementMessageId: number | null;
  statementHash: string | null;
};

export type StatementData = { buy: StatementBuy; input: StatementInput; pickedUp: { orders: number; of: number } };

/** Buys that have a statement: those that went ahead (a cancelled one that had, too: its refunds). */
const SETTLED = ["SUCCEEDED", "CANCELLED"] as const;

/** Everything a buy's statement is made of, or undefined when the buy is unknown or has no statement (open, failed). */
export async function statementData(db: Tx, groupBuyId: number): Promise<StatementData | undefined> {
  const buy = await db.groupBuy.findUnique({
    where: { id: groupBuyId },
    select: {
      id: true,
      communityId: true,
      status: true,
      closedAt: true,
      currency: true,
      statementMessageId: true,
      statementHash: true,
      community: { select: { telegramChatId: true, locale: true } },
      product: { select: { producer: { select: { name: true } } } },
      revision: { select: { name: true } },
    },
  });
  if (!buy || !(SETTLED as readonly string[]).includes(buy.status) || buy.closedAt === null) return undefined;
  const breakdown = (await breakdownOfBuy(db, groupBuyId))!;
  const groups = await db.order.groupBy({
    by: ["status", "paymentStatus", "pickupStatus"],
    where: { groupBuyId },
    _sum: { quantity: true, amountFen: true },
    _count: { _all: true },
  });
  const orders: StatementOrder[] = groups.map((g) => ({
    status: g.status,
    paid: g.paymentStatus === "PAID",
    quantity: g._sum.quantity ?? 0,
    amountFen: g._sum.amountFen ?? 0,
    count: g._count._all,
  }));
  const active = groups.filter((g) => g.status === "ACTIVE");
  const pickedUp = {
    orders: active.filter((g) => g.pickupStatus === "PICKED_UP").reduce((s, g) => s + g._count._all, 0),
    of: active.reduce((s, g) => s + g._count._all, 0),
  };
  return {
    buy: {
      id: buy.id,
      communityId: buy.communityId,
      chatId: Number(buy.community.telegramChatId),
      locale: buy.community.locale,
      currency: buy.currency,
      status: buy.status,
      closedAt: buy.closedAt,
      productName: buy.revision.name,
      statementMessageId: buy.statementMessageId,
      statementHash: buy.statementHash,
    },
    input: { breakdown, producers: [{ name: buy.product.producer.name }], orders, commissions: await buyCommissions(db, groupBuyId) },
    pickedUp,
  };
}

/** The ledger's net commission (accruals − reversals) per recommender for a buy, named when they are on the thanks board. */
export async function buyCommissions(db: Tx, groupBuyId: number): Promise<StatementInput["commissions"]> {
  const sums = await db.ledgerEntry.groupBy({
    by: ["recommenderId"],
    where: { groupBuyId, kind: { in: ["ACCRUAL", "REVERSAL"] } },
    _sum: { amountFen: true },
    orderBy: { recommenderId: "asc" },
  });
  const members = await db.member.findMany({
    where: { id: { in: sums.map((s) => s.recommenderId) } },
    select: { id: true, firstName: true, lastName: true, hideFromRecommenders: true },
  });
  const byId = new Map(members.map((m) => [m.id, m]));
  return sums.map((s) => {
    const m = byId.get(s.recommenderId);
    return { recommenderId: s.recommenderId, name: m && !m.hideFromRecommenders ? displayName(m) : null, amountFen: s._sum.amountFen ?? 0 };
  });
}

/** The community's latest closed buy that has a statement. */
export async function latestSettledBuy(db: Tx, communityId: number): Promise<number | undefined> {
  const row = await db.groupBuy.findFirst({
    where: { communityId, status: { in: [...SETTLED] }, closedAt: { not: null } },
    orderBy: [{ closedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return row?.id;
}

/** A change to the buy's orders or ledger: its statement is brought up to date (in the change's transaction). */
export async function markStatementDirty(tx: Tx, groupBuyId: number): Promise<void> {
  await tx.groupBuy.updateMany({ where: { id: groupBuyId, status: { in: [...SETTLED] } }, data: { statementDirty: true } });
}

/** Dirty statements whose group close notice is out (posted after it), least recently changed first. */
export async function dirtyStatements(db: Db, take = 20): Promise<{ id: number; chatId: number; updatedAt: Date }[]> {
  const rows = await db.groupBuy.findMany({
    where: { statementDirty: true },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, updatedAt: true, community: { select: { telegramChatId: true } } },
  });
  if (rows.length === 0) return [];
  // the close's group notice first: a statement posted before it would read as out of order
  const waiting = await db.outboxMessage.findMany({
    where: { dedupKey: { in: rows.map((r) => `gb${r.id}:closed:group`) }, status: "PENDING" },
    select: { dedupKey: true },
  });
  const held = new Set(waiting.map((w) => w.dedupKey));
  return rows.filter((r) => !held.has(`gb${r.id}:closed:group`)).map((r) => ({ id: r.id, chatId: Number(r.community.telegramChatId), updatedAt: r.updatedAt }));
}

/** Takes the dirty mark before rendering, so a change made meanwhile marks it again. */
export async function takeStatementDirty(db: Db, groupBuyId: number): Promise<void> {
  await db.groupBuy.updateMany({ where: { id: groupBuyId, statementDirty: true }, data: { statementDirty: false } });
}

/**
 * Claims posting a buy's statement: true for one caller across instances,
 * while unposted and unclaimed since `staleBefore`. A claim stands after a
 * post that was sent but not recorded (killed in between), so no one posts
 * it again until it goes stale.
 */
export async function claimStatement(db: Db, groupBuyId: number, now: Date, staleBefore: Date): Promise<boolean> {
  const { count } = await db.groupBuy.updateMany({
    where: { id: groupBuyId, statementMessageId: null, OR: [{ statementClaimedAt: null }, { statementClaimedAt: { lt: staleBefore } }] },
    data: { statementClaimedAt: now },
  });
  return count === 1;
}

export async function releaseStatement(db: Db, groupBuyId: number, claimedAt: Date): Promise<void> {
  await db.groupBuy.updateMany({ where: { id: groupBuyId, statementMessageId: null, statementClaimedAt: claimedAt }, data: { statementClaimedAt: null } });
}

/** The community a buy belongs to (undefined: no such buy). */
export async function buyCommunityId(db: Tx, groupBuyId: number): Promise<number | undefined> {
  return (await db.groupBuy.findUnique({ where: { id: groupBuyId }, select: { communityId: true } }))?.communityId;
}

/** An order's change marks its buy's statement (in the change's transaction). */
export async function markOrderStatementDirty(tx: Tx, orderId: number): Promise<void> {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { groupBuyId: true } });
  if (order) await markStatementDirty(tx, order.groupBuyId);
}

/**
 * What the group shows of a buy's statement besides GroupBuy's message id and
 * hash (kept in StoredState, keyed by buy, so the schema stays): the main
 * message's form and the hash of its text or caption, the chart's hash, and
 * the follow-up text message (its claim while it is being posted) when the
 * statement is longer than a caption.
 */
export type StatementShown = {
  form: "text" | "photo";
  main: string;
  chart?: string;
  followUp?: { id?: number; claimedAt?: number; hash?: string };
};

const shownKey = (groupBuyId: number) => `statement-shown:${groupBuyId}`;

export async function statementShown(db: Db, groupBuyId: number): Promise<StatementShown | undefined> {
  const row = await db.storedState.findUnique({ where: { key: shownKey(groupBuyId) } });
  return row ? (JSON.parse(row.value) as StatementShown) : undefined;
}

/** Records what the group shows now; with `posted`, the main message's id too (the posting claim ends); `hash`: all of it is up to date. */
export async function recordStatementShown(db: Db, groupBuyId: number, shown: StatementShown, done: { posted?: number; hash?: string | null }): Promise<void> {
  const value = JSON.stringify(shown);
  await db.$transaction(async (tx) => {
    await tx.storedState.upsert({ where: { key: shownKey(groupBuyId) }, update: { value }, create: { key: shownKey(groupBuyId), value } });
    const data = {
      ...(done.hash !== undefined ? { statementHash: done.hash } : {}),
      ...(done.posted !== undefined ? { statementMessageId: done.posted, statementClaimedAt: null } : {}),
    };
    if (Object.keys(data).length > 0) await tx.groupBuy.update({ where: { id: groupBuyId }, data });
  });
}

/**
 * Claims posting the follow-up text: true for one caller, when what is
 * stored is still `seen` (compare-and-set on the stored value) and has no
 * follow-up claim newer than `staleBefore`. Killed after the send, the claim
 * stands and no one posts it again until it goes stale.
 */
export async function claimStatementFollowUp(db: Db, groupBuyId: number, seen: StatementShown, claimedAt: Date, staleBefore: Date): Promise<StatementShown | undefined> {
  if (seen.followUp?.id !== undefined) return undefined;
  if (seen.followUp?.claimedAt !== undefined && seen.followUp.claimedAt >= staleBefore.getTime()) return undefined;
  const claimed: StatementShown = { ...seen, followUp: { claimedAt: claimedAt.getTime() } };
  const { count } = await db.storedState.updateMany({ where: { key: shownKey(groupBuyId), value: JSON.stringify(seen) }, data: { value: JSON.stringify(claimed) } });
  return count === 1 ? claimed : undefined;
}
