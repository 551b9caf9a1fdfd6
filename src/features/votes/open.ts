// A submitted recommendation in a community that votes gets its poll, in the
// submission's transaction; the "votes-post" job posts it in the group.
import type { Tx } from "../../db/client";
import type { Db } from "../../db/client";
import { endOtherPolls, openRevisionPoll, pollOfRevision, votesOf, votingRuleOf } from "../../db/revision-polls";
import { tally } from "../../domain/votes";
import { reviewVoteLine } from "./views";
import { formatMinute } from "../../domain/dates";
import type { Translate } from "../../views/env";

/** Opens the revision's poll when the community votes; returns the review request's vote line then. */
export async function openVoteOnSubmission(
  tx: Tx,
  input: { revisionId: number; productId: number; communityId: number; timezone: string; at: Date },
): Promise<((t: Translate) => string) | undefined> {
  await endOtherPolls(tx, input.productId, input.revisionId, input.at);
  const rule = await votingRuleOf(tx, input.communityId);
  if (!rule?.enabled) return undefined;
  const closesAt = new Date(input.at.getTime() + Math.max(1, rule.hours) * 3600_000);
  await openRevisionPoll(tx, { revisionId: input.revisionId, communityId: input.communityId, closesAt });
  const closes = formatMinute(closesAt, input.timezone);
  return (t) => t("vote-review-waiting", { closes });
}

/** The vote line of a review request shown now (live tally), if the revision has a poll. */
export async function currentVoteLine(db: Db, revisionId: number, timezone: string): Promise<((t: Translate) => string) | undefined> {
  const poll = await pollOfRevision(db, revisionId);
  if (!poll) return undefined;
  const { votes, eligible } = await votesOf(db, poll.id, poll.communityId);
  const now = tally(votes, eligible);
  return (t) => reviewVoteLine(t, poll, now, timezone);
}
