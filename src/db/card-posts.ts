// Posting a product's card in its group, claim-safe: the approval commits
// first (cardMessageId null), then whoever claims the post — the organizer's
// tap right away, or the scheduler's job after a crash — sends and records it.
import type { Db, Tx } from "./client";

/**
 * True for one caller across instances while the card is unposted and
 * unclaimed since `staleBefore`. A claim stands after a card sent but not
 * recorded (killed in between), so nobody posts it again until it is stale.
 */
export async function claimCardPost(db: Db, productId: number, now: Date, staleBefore: Date): Promise<boolean> {
  const { count } = await db.product.updateMany({
    where: { id: productId, status: "APPROVED", cardMessageId: null, OR: [{ cardClaimedAt: null }, { cardClaimedAt: { lt: staleBefore } }] },
    data: { cardClaimedAt: now },
  });
  return count === 1;
}

/** Gives a claim back after a failed post, so the next try needn't wait for it to go stale. */
export async function releaseCardPost(db: Db, productId: number, claimedAt: Date): Promise<void> {
  await db.product.updateMany({ where: { id: productId, cardMessageId: null, cardClaimedAt: claimedAt }, data: { cardClaimedAt: null } });
}

const OWED = "card-owed:";

/** Written with an approval: the product's card is owed to its group until it is posted. */
export async function noteCardOwed(tx: Tx, productId: number): Promise<void> {
  const key = `${OWED}${productId}`;
  await tx.storedState.upsert({ where: { key }, update: {}, create: { key, value: "1" } });
}

/** Records the posted card, and that it is no longer owed. */
export async function recordCardPosted(db: Db, productId: number, messageId: number): Promise<void> {
  await db.$transaction([
    db.product.update({ where: { id: productId }, data: { cardMessageId: messageId } }),
    db.storedState.deleteMany({ where: { key: `${OWED}${productId}` } }),
  ]);
}

/**
 * Owed cards nobody is posting (unclaimed, or claimed before `staleBefore`)
 * of active communities. An owed card that is no longer owed (posted, or the
 * product withdrawn) is forgotten here.
 */
export async function unpostedCards(db: Db, staleBefore: Date, take: number): Promise<{ productId: number; communityId: number }[]> {
  const owed = await db.storedState.findMany({ where: { key: { startsWith: OWED } }, select: { key: true }, take: 500 });
  const ids = owed.map((o) => Number(o.key.slice(OWED.length)));
  if (ids.length === 0) return [];
  const rows = await db.product.findMany({ where: { id: { in: ids } }, include: { community: { select: { active: true, status: true } } } });
  const settled = rows.filter((r) => r.status !== "APPROVED" || r.cardMessageId !== null).map((r) => `${OWED}${r.id}`);
  const gone = ids.filter((id) => !rows.some((r) => r.id === id)).map((id) => `${OWED}${id}`);
  if (settled.length + gone.length > 0) await db.storedState.deleteMany({ where: { key: { in: [...settled, ...gone] } } });
  return rows
    .filter((r) => r.status === "APPROVED" && r.cardMessageId === null && r.community.active && r.community.status === "APPROVED")
    .filter((r) => r.cardClaimedAt === null || r.cardClaimedAt < staleBefore)
    .slice(0, take)
    .map((r) => ({ productId: r.id, communityId: r.communityId }));
}

const RETIRE = "card-retire:";

/** An outdated card whose button goes once the new card is posted (written with the approval). */
export async function noteCardToRetire(tx: Tx, productId: number, messageId: number): Promise<void> {
  const key = `${RETIRE}${productId}:${messageId}`;
  await tx.storedState.upsert({ where: { key }, update: {}, create: { key, value: "1" } });
}

export async function cardsToRetire(db: Db, productId: number): Promise<number[]> {
  const rows = await db.storedState.findMany({ where: { key: { startsWith: `${RETIRE}${productId}:` } }, select: { key: true } });
  return rows.map((r) => Number(r.key.slice(r.key.lastIndexOf(":") + 1)));
}

export async function forgetCardToRetire(db: Db, productId: number, messageId: number): Promise<void> {
  await db.storedState.deleteMany({ where: { key: `${RETIRE}${productId}:${messageId}` } });
}
