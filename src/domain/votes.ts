// Members' votes on a recommendation: one vote per community member, and the
// community's rule for approving it without an organizer.

/** The poll's options, in the order the poll shows them. */
export const VOTE_OPTIONS = ["support", "notNeeded", "question"] as const;
export type VoteOption = (typeof VOTE_OPTIONS)[number];

/** One person's current answer: `memberId` null is someone the bot has never seen in the community. */
export type Vote = { memberId: number | null; option: number };

export type Tally = { support: number; notNeeded: number; question: number; leftOut: number };

/** The rule: approve when at least `minSupport` members support and at most `maxObject` say "not needed" (minSupport null: organizers decide). */
export type ApprovalRule = { minSupport: number | null; maxObject: number };

/**
 * Counts the votes of eligible members, one each (a member's later vote
 * stands for them); the others — strangers, people no longer in the
 * community, answers that are no option — are left out, and counted as such.
 */
export function tally(votes: readonly Vote[], eligible: ReadonlySet<number>): Tally {
  const byMember = new Map<number, number>();
  let leftOut = 0;
  for (const vote of votes) {
    const option = VOTE_OPTIONS[vote.option];
    if (vote.memberId === null || !eligible.has(vote.memberId) || option === undefined) leftOut++;
    else byMember.set(vote.memberId, vote.option);
  }
  const result: Tally = { support: 0, notNeeded: 0, question: 0, leftOut };
  for (const option of byMember.values()) result[VOTE_OPTIONS[option]!]++;
  return result;
}

/** What the rule says at the poll's close: approve, or keep it for the organizers. */
export function autoApproval(t: Tally, rule: ApprovalRule): "approve" | "keep" {
  if (rule.minSupport === null) return "keep";
  return t.support >= rule.minSupport && t.notNeeded <= rule.maxObject ? "approve" : "keep";
}

/** The option a poll answer chose: null when it was retracted (or chose none). */
export function chosenOption(optionIds: readonly number[]): number | null {
  const first = optionIds[0];
  return first !== undefined && first >= 0 && first < VOTE_OPTIONS.length ? first : null;
}
