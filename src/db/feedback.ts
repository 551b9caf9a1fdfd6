// Feedback after pickup (Feedback rows): opened with the pickup, prompted by
// the scheduler (claimed with the member's once-a-day mark), rated, commented
// and, with the member's consent, published on the product's card.
import type { Db, Tx } from "./client";
import { PROMPT_DELAY_MS, type DuePrompt, type RatingTotals } from "../domain/ratings";

const NAME = { select: { firstName: true, lastName: true } } as const;

/**
 * The order's feedback row, due a day after its pickup; written in the
 * pickup's own transaction. A second pickup mark of the order changes nothing.
 */
export async function openFeedback(tx: Tx, orderId: number, pickedUpAt: Date): Promise<void> {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { memberId: true, groupBuy: { select: { productId: true } } } });
  if (!order) return;
  await tx.feedback.upsert({
    where: { orderId },
    update: {},
    create: { orderId, memberId: order.memberId, productId: order.groupBuy.productId, dueAt: new Date(pickedUpAt.getTime() + PROMPT_DELAY_MS) },
  });
}

/** A pickup taken back: its feedback goes too, unless the member was asked already. */
export async function dropUnpromptedFeedback(tx: Tx, orderId: number): Promise<void> {
  await tx.feedback.deleteMany({ where: { orderId, promptedAt: null } });
}

/**
 * Due, unasked, unanswered feedback, oldest first, of members who have not
 * blocked the bot and were not asked since `gapStart` (those wait: they
 * would fill the page and hold up everyone else).
 */
export async function dueFeedback(db: Db, now: Date, gapStart: Date, take: number): Promise<DuePrompt[]> {
  const rows = await db.feedback.findMany({
    where: {
      promptedAt: null, ratedAt: null, dueAt: { lte: now },
      member: { blockedBotAt: null, OR: [{ feedbackPromptedAt: null }, { feedbackPromptedAt: { lte: gapStart } }] },
    },
    select: { id: true, memberId: true, dueAt: true, member: { select: { feedbackPromptedAt: true } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take,
  });
  return rows.map((r) => ({ id: r.id, memberId: r.memberId, dueAt: r.dueAt, lastPromptedAt: r.member.feedbackPromptedAt }));
}

class LostClaim extends Error {}

/**
 * Claims a prompt: the member's once-a-day mark (only if not asked since
 * `gapStart`) and the row's promptedAt, then `enqueue` (the outbox message),
 * all in this transaction. False when another instance claimed either first.
 */
export async function claimPrompt(db: Db, p: { id: number; memberId: number }, now: Date, gapStart: Date, enqueue: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      const member = await tx.member.updateMany({
        where: { id: p.memberId, OR: [{ feedbackPromptedAt: null }, { feedbackPromptedAt: { lte: gapStart } }] },
        data: { feedbackPromptedAt: now },
      });
      if (member.count === 0) throw new LostClaim();
      const row = await tx.feedback.updateMany({ where: { id: p.id, promptedAt: null, ratedAt: null }, data: { promptedAt: now } });
      if (row.count === 0) throw new LostClaim(); // rolls the member's mark back
      await enqueue(tx);
    });
    return true;
  } catch (error) {
    if (error instanceof LostClaim) return false;
    throw error;
  }
}

/** A feedback row with what its messages say: the member, the product (its buy's name) and the product's people. */
export type FeedbackDetails = {
  id: number; memberId: number; productId: number; rating: number | null; comment: string | null; publishes: boolean;
  promptedAt: Date | null; ratedAt: Date | null;
  member: { telegramId: number; firstName: string; lastName: string | null; locale: string | null; telegramLanguage: string | null };
  productName: string; communityId: number; recommenderId: number;
};

export async function feedbackDetails(db: Tx, id: number): Promise<FeedbackDetails | undefined> {
  const row = await db.feedback.findUnique({
    where: { id },
    include: {
      member: { select: { telegramId: true, firstName: true, lastName: true, locale: true, telegramLanguage: true } },
      product: { select: { communityId: true, recommenderId: true, approvedRevision: { select: { name: true } } } },
    },
  });
  if (!row) return undefined;
  const buy = await db.order.findUnique({ where: { id: row.orderId }, select: { groupBuy: { select: { revision: { select: { name: true } } } } } });
  return {
    id: row.id, memberId: row.memberId, productId: row.productId, rating: row.rating, comment: row.comment, publishes: row.publishes,
    promptedAt: row.promptedAt, ratedAt: row.ratedAt,
    member: { ...row.member, telegramId: Number(row.member.telegramId) },
    productName: buy?.groupBuy.revision.name ?? row.product.approvedRevision?.name ?? "—",
    communityId: row.product.communityId,
    recommenderId: row.product.recommenderId,
  };
}

/** Records the member's stars (null: they skipped), once: false when it was answered already. */
export async function recordRating(tx: Tx, id: number, memberId: number, rating: number | null, now: Date): Promise<boolean> {
  const { count } = await tx.feedback.updateMany({ where: { id, memberId, ratedAt: null }, data: { rating, ratedAt: now } });
  return count === 1;
}

/** Records the comment, once (a replay of the same comment is no change): false when there was one already. */
export async function recordComment(tx: Tx, id: number, memberId: number, comment: string): Promise<boolean> {
  const { count } = await tx.feedback.updateMany({ where: { id, memberId, rating: { not: null }, comment: null }, data: { comment } });
  return count === 1;
}

/** The member's consent to show the comment on the card (or not). */
export async function recordConsent(tx: Tx, id: number, memberId: number, publishes: boolean): Promise<boolean> {
  const { count } = await tx.feedback.updateMany({ where: { id, memberId, comment: { not: null } }, data: { publishes } });
  return count === 1;
}

export async function ratingTotals(db: Tx, productId: number): Promise<RatingTotals> {
  const r = await db.feedback.aggregate({ where: { productId, rating: { not: null } }, _sum: { rating: true }, _count: { rating: true } });
  return { sum: r._sum.rating ?? 0, count: r._count.rating };
}

/** Each product's totals (products with no rating are left out). */
export async function ratingTotalsOf(db: Tx, productIds: number[]): Promise<Map<number, RatingTotals>> {
  if (productIds.length === 0) return new Map();
  const rows = await db.feedback.groupBy({ by: ["productId"], where: { productId: { in: productIds }, rating: { not: null } }, _sum: { rating: true }, _count: { rating: true } });
  return new Map(rows.map((r) => [r.productId, { sum: r._sum.rating ?? 0, count: r._count.rating }]));
}

/** The latest comments the members agreed to publish, with their display names. */
export async function publishedComments(db: Tx, productId: number, take: number): Promise<{ firstName: string; lastName: string | null; comment: string }[]> {
  const rows = await db.feedback.findMany({
    where: { productId, publishes: true, comment: { not: null } },
    select: { comment: true, member: NAME },
    orderBy: [{ ratedAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({ ...r.member, comment: r.comment! }));
}

export type CommentListed = {
  productId: number; productName: string; rating: number | null; comment: string; publishes: boolean; ratedAt: Date | null;
  member: { firstName: string; lastName: string | null };
};

/** The latest comments on products of these communities, or recommended by this member (one product if given). */
export async function commentsFor(db: Tx, scope: { communityIds: number[]; recommenderId: number; productId?: number }, take: number): Promise<CommentListed[]> {
  const rows = await db.feedback.findMany({
    where: {
      comment: { not: null },
      ...(scope.productId !== undefined ? { productId: scope.productId } : {}),
      product: { OR: [{ communityId: { in: scope.communityIds } }, { recommenderId: scope.recommenderId }] },
    },
    select: { productId: true, rating: true, comment: true, publishes: true, ratedAt: true, member: NAME, product: { select: { approvedRevision: { select: { name: true } } } } },
    orderBy: [{ ratedAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({
    productId: r.productId, productName: r.product.approvedRevision?.name ?? "—", rating: r.rating, comment: r.comment!, publishes: r.publishes, ratedAt: r.ratedAt, member: r.member,
  }));
}

const lowKey = (productId: number) => `feedback-low:${productId}`;

/** Whether organizers were told the product's average is low (and it has not recovered since). */
export async function lowFlagged(tx: Tx, productId: number): Promise<boolean> {
  return (await tx.storedState.findUnique({ where: { key: lowKey(productId) }, select: { key: true } })) !== null;
}

export async function setLowFlag(tx: Tx, productId: number, flagged: boolean, at: Date): Promise<void> {
  if (!flagged) await tx.storedState.deleteMany({ where: { key: lowKey(productId) } });
  else await tx.storedState.upsert({ where: { key: lowKey(productId) }, update: {}, create: { key: lowKey(productId), value: at.toISOString() } });
}
