// Questions to a product's recommender (共学): what a question or an answer
// may be, and when a Q&A is public. Pure: no grammY, no Prisma.

/** A question or an answer: at most this many characters (Telegram counts UTF-16 units). */
export const MAX_QA_TEXT = 1000;

/** The group hears of new Q&A about a product at most once in this long. */
export const QA_POST_INTERVAL_MS = 3600_000;

export type TextCheck = { ok: true; text: string } | { ok: false; reason: "empty" } | { ok: false; reason: "too-long"; length: number };

/** A member's question or a recommender's answer, trimmed; empty or too long is refused with why. */
export function checkQaText(raw: string): TextCheck {
  const text = raw.trim();
  if (text === "") return { ok: false, reason: "empty" };
  if (text.length > MAX_QA_TEXT) return { ok: false, reason: "too-long", length: text.length };
  return { ok: true, text };
}

export type Consent = { answered: boolean; askerPublishes: boolean; answerPublishes: boolean };

/** Public only with an answer, and both the asker and the recommender agreeing: each text is its author's. */
export function isPublishable(q: Consent): boolean {
  return q.answered && q.askerPublishes && q.answerPublishes;
}

/**
 * When the Q&A is public after a consent changed: kept as it was while both
 * still agree (a repeated tap doesn't make it new again), now when it has
 * just become publishable, none when either took their consent back.
 */
export function publishedAtAfter(q: Consent, publishedAt: Date | null, now: Date): Date | null {
  if (!isPublishable(q)) return null;
  return publishedAt ?? now;
}

/** May the group hear of new Q&A now? Once an hour per product at most; the first at once. */
export function qaPostDue(lastPostedAt: Date | null, now: Date): boolean {
  return lastPostedAt === null || now.getTime() - lastPostedAt.getTime() >= QA_POST_INTERVAL_MS;
}

/**
 * The newest entries whose rendered lengths fit in `budget`, newest first:
 * a card's Q&A shows the latest few within one message.
 */
export function latestThatFit<T>(entries: readonly T[], length: (entry: T) => number, budget: number, max = 5): T[] {
  const kept: T[] = [];
  let used = 0;
  for (const entry of entries) {
    if (kept.length >= max) break;
    const l = length(entry) + 1;
    if (used + l > budget) break;
    kept.push(entry);
    used += l;
  }
  return kept;
}
