import type { Services } from "../../../bot/context";
import { memberLocale } from "../../../bot/i18n";
import { inTransaction } from "../../../db/client";
import { feedbackDetails, recordComment, recordConsent } from "../../../db/feedback";
import { memberById } from "../../../db/members";
import { commentNotice } from "../views";

/**
 * The member's comment on their rating: recorded once, with the
 * recommender's notice (outbox) in the same transaction. Run again (a
 * conversation replayed after a crash) it finds the comment there and
 * changes nothing; the notice's dedup key keeps it single too.
 * False when there is no rated feedback of this member to comment on.
 */
export async function saveComment(services: Services, input: { memberId: number; feedbackId: number; comment: string }): Promise<boolean> {
  const { db } = services;
  const feedback = await feedbackDetails(db, input.feedbackId);
  if (!feedback || feedback.memberId !== input.memberId || feedback.rating === null) return false;
  if (feedback.comment !== null) return true;
  const recommender = await memberById(db, feedback.recommenderId);
  return inTransaction(db, async (tx) => {
    if (!(await recordComment(tx, feedback.id, input.memberId, input.comment))) return (await feedbackDetails(tx, feedback.id))?.comment !== null;
    if (recommender) {
      const locale = memberLocale(recommender, services.config.defaultLocale);
      await services.outbox.enqueue([commentNotice(services.i18n, locale, { ...feedback, comment: input.comment }, input.comment, recommender.telegramId)], tx);
    }
    return true;
  });
}

/** The member's answer to "publish on the card?"; idempotent (the same answer again is the same state). */
export async function saveConsent(services: Services, input: { memberId: number; feedbackId: number; publishes: boolean }): Promise<boolean> {
  return inTransaction(services.db, (tx) => recordConsent(tx, input.feedbackId, input.memberId, input.publishes));
}
