// Feedback after pickup: 1–5 stars, their average as members read it, the
// rule that flags a product whose members are unhappy, and which due prompts
// go out now (at most one a member a day, whatever the number of orders).

export const MIN_RATING = 1;
export const MAX_RATING = 5;
/** A comment is at most this long (characters). */
export const MAX_COMMENT = 1000;
/** A prompt is due this long after the pickup. */
export const PROMPT_DELAY_MS = 24 * 3600_000;
/** A member is asked at most once in this long. */
export const PROMPT_GAP_MS = 24 * 3600_000;
/** Low: an average of at most 2.5 over at least 5 ratings. */
export const LOW_MAX_AVERAGE_HALVES = 5;
export const LOW_MIN_COUNT = 5;

/** A rating as typed or tapped: an integer 1–5, anything else undefined (a forged 7, "4.5", ""). */
export function parseRating(value: string): number | undefined {
  if (!/^\d$/.test(value)) return undefined;
  const n = Number(value);
  return n >= MIN_RATING && n <= MAX_RATING ? n : undefined;
}

/** Ratings summed and counted (what the database adds up). */
export type RatingTotals = { sum: number; count: number };

/** The average in tenths, rounded half up ("4.25" → 43), and how many ratings; 0 tenths with none. */
export type RatingSummary = { count: number; averageTenths: number };

export function totalsOf(ratings: readonly number[]): RatingTotals {
  return { sum: ratings.reduce((s, r) => s + r, 0), count: ratings.length };
}

/** Integer arithmetic only: round(10·sum/count) half up = ⌊(20·sum + count) / (2·count)⌋. */
export function summarize(totals: RatingTotals): RatingSummary {
  if (totals.count <= 0) return { count: 0, averageTenths: 0 };
  return { count: totals.count, averageTenths: Math.floor((20 * totals.sum + totals.count) / (2 * totals.count)) };
}

export function aggregate(ratings: readonly number[]): RatingSummary {
  return summarize(totalsOf(ratings));
}

/** "4.3": one decimal, always. */
export function formatAverage(averageTenths: number): string {
  return `${Math.floor(averageTenths / 10)}.${averageTenths % 10}`;
}

/** At most 2.5 exactly (2.54 is not low, though it reads "2.5"), over at least 5 ratings. */
export function isLow(totals: RatingTotals): boolean {
  return totals.count >= LOW_MIN_COUNT && 2 * totals.sum <= LOW_MAX_AVERAGE_HALVES * totals.count;
}

/** What a new rating did to the low flag: raise it (crossed into low), clear it (back above), or nothing. */
export function lowFlagChange(totals: RatingTotals, flagged: boolean): "raise" | "clear" | "none" {
  const low = isLow(totals);
  if (low && !flagged) return "raise";
  if (!low && flagged) return "clear";
  return "none";
}

export type DuePrompt = { id: number; memberId: number; dueAt: Date; lastPromptedAt: Date | null };

/** May this member be asked now, given when they were last asked? */
export function mayPrompt(lastPromptedAt: Date | null, now: Date): boolean {
  return lastPromptedAt === null || now.getTime() - lastPromptedAt.getTime() >= PROMPT_GAP_MS;
}

/**
 * The prompts to send now: for each member who may be asked, their oldest
 * due one (by due time, then id). The others wait for a later day.
 */
export function promptsToSend(due: readonly DuePrompt[], now: Date): DuePrompt[] {
  const chosen = new Map<number, DuePrompt>();
  for (const p of due) {
    if (p.dueAt.getTime() > now.getTime() || !mayPrompt(p.lastPromptedAt, now)) continue;
    const best = chosen.get(p.memberId);
    if (!best || p.dueAt.getTime() < best.dueAt.getTime() || (p.dueAt.getTime() === best.dueAt.getTime() && p.id < best.id)) chosen.set(p.memberId, p);
  }
  return [...chosen.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

/** A comment as written: trimmed; an error when empty or too long. */
export function parseComment(text: string): { ok: true; comment: string } | { ok: false; error: "empty" | "too-long"; length: number } {
  const comment = text.trim();
  if (comment.length === 0) return { ok: false, error: "empty", length: 0 };
  if ([...comment].length > MAX_COMMENT) return { ok: false, error: "too-long", length: [...comment].length };
  return { ok: true, comment };
}
