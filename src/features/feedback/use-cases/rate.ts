import type { Services } from "../../../bot/context";
import { memberLocale } from "../../../bot/i18n";
import { inTransaction } from "../../../db/client";
import { feedbackDetails, lowFlagged, ratingTotals, recordRating, setLowFlag, type FeedbackDetails } from "../../../db/feedback";
import { lowFlagChange } from "../../../domain/ratings";
import { lowNotice } from "../views";

export type RateOutcome =
  | { kind: "rated" | "skipped"; feedback: FeedbackDetails }
  /** answered before (a second tap, a re-delivered update): what it says now */
  | { kind: "already"; feedback: FeedbackDetails }
  /** no such feedback, or not this member's */
  | { kind: "gone" };

/**
 * A member's stars (or Skip) on their prompt: recorded once (only while
 * unanswered, so a re-delivered tap changes nothing), and in the same
 * transaction the product's low flag: when the average crosses into low
 * (≤ 2.5 over at least 5), its organizers are told once; back above, the
 * mark goes, so a later crossing is told again.
 */
export async function rateFeedback(services: Services, input: { memberId: number; feedbackId: number; rating: number | null }): Promise<RateOutcome> {
  const { db, clock } = services;
  const feedback = await feedbackDetails(db, input.feedbackId);
  if (!feedback || feedback.memberId !== input.memberId) return { kind: "gone" };
  if (feedback.ratedAt !== null) return { kind: "already", feedback };
  // read on the Organizers' own connection, before the write's transaction (SQLite would wait on it)
  const organizers = input.rating === null ? [] : await services.organizers.listOf(feedback.communityId);
  const now = clock.now();
  const recorded = await inTransaction(db, async (tx) => {
    if (!(await recordRating(tx, feedback.id, input.memberId, input.rating, now))) return false;
    if (input.rating === null) return true;
    const totals = await ratingTotals(tx, feedback.productId);
    const change = lowFlagChange(totals, await lowFlagged(tx, feedback.productId));
    if (change === "clear") await setLowFlag(tx, feedback.productId, false, now);
    if (change === "raise") {
      await setLowFlag(tx, feedback.productId, true, now);
      const notices = organizers.map((o) => lowNotice(services.i18n, memberLocale(o, services.config.defaultLocale), feedback, totals, o));
      await services.outbox.enqueue(notices, tx);
    }
    return true;
  });
  const current = (await feedbackDetails(db, input.feedbackId)) ?? feedback;
  if (!recorded) return { kind: "already", feedback: current };
  return { kind: input.rating === null ? "skipped" : "rated", feedback: current };
}
