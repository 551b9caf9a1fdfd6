import type { Services } from "../../../bot/context";
import { buyState } from "../../../db/buy-summaries";
import { recordReferralVisit } from "../../../db/referrals";

export type RecordVisitInput = { groupBuyId: number; referralCode: string; memberId: number };
export type RecordedVisit = { groupBuyId: number; referrerId: number; counts: boolean };

/**
 * A member opened a recommender's signed link. Only an open buy and a known
 * code count (forged, rotated, malformed or closed links just open the buy,
 * unattributed); the first link a member opens for a buy keeps the referral.
 * undefined: nothing was recorded.
 */
export async function recordVisit(services: Pick<Services, "db" | "members" | "clock">, input: RecordVisitInput): Promise<RecordedVisit | undefined> {
  const { db, members, clock } = services;
  const [buy, referrer] = await Promise.all([buyState(db, input.groupBuyId), members.byReferralCode(input.referralCode)]);
  if (!buy || !referrer || buy.status !== "OPEN" || buy.deadlineAt <= clock.now()) return undefined;
  // one statement (an upsert): its own transaction
  const counts = await recordReferralVisit(db, { groupBuyId: buy.id, memberId: input.memberId, referrerId: referrer.id });
  return { groupBuyId: buy.id, referrerId: referrer.id, counts };
}
