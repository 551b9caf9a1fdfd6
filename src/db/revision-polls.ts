// Members' polls on recommendations (RevisionPoll) and their votes (PollVote):
// opened with the submission, posted by a claim-safe job, counted from
// poll_answer updates, closed by a job at closesAt.
import type { Db, Tx } from "./client";
import { tally, type ApprovalRule, type Vote } from "../domain/votes";

export type VotingRule = ApprovalRule & { enabled: boolean; hours: number };

export type RevisionPollRecord = {
  id: number;
  revisionId: number;
  communityId: number;
  closesAt: Date;
  claimedAt: Date | null;
  cardMessageId: number | null;
  pollMessageId: number | null;
  telegramPollId: string | null;
  closedAt: Date | null;
  outcome: string | null;
};

/** How the poll ended: APPROVED by the rule, KEPT for the organizers, VETOED (rejected), WITHDRAWN (changed or replaced). */
export type PollOutcome = "APPROVED" | "KEPT" | "VETOED" | "WITHDRAWN";

export async function votingRuleOf(db: Db | Tx, communityId: number): Promise<VotingRule | undefined> {
  const row = await db.community.findUnique({
    where: { id: communityId },
    select: { votingEnabled: true, votingHours: true, autoApproveSupport: true, autoApproveMaxObject: true },
  });
  return row ? { enabled: row.votingEnabled, hours: row.votingHours, minSupport: row.autoApproveSupport, maxObject: row.autoApproveMaxObject } : undefined;
}

/** A submitted revision's poll (in the submission's transaction). */
export async function openRevisionPoll(tx: Tx, input: { revisionId: number; communityId: number; closesAt: Date }): Promise<void> {
  await tx.revisionPoll.create({ data: input });
}

export async function pollOfRevision(db: Db | Tx, revisionId: number): Promise<RevisionPollRecord | undefined> {
  return (await db.revisionPoll.findUnique({ where: { revisionId } })) ?? undefined;
}

export async function pollByTelegramId(db: Db | Tx, telegramPollId: string): Promise<RevisionPollRecord | undefined> {
  return (await db.revisionPoll.findUnique({ where: { telegramPollId } })) ?? undefined;
}

/** Polls still to post in their group (not closed, not posted, no fresh claim). */
export async function pollsToPost(db: Db, staleBefore: Date, take = 20): Promise<RevisionPollRecord[]> {
  return db.revisionPoll.findMany({
    where: { telegramPollId: null, closedAt: null, OR: [{ claimedAt: null }, { claimedAt: { lt: staleBefore } }] },
    orderBy: { id: "asc" },
    take,
  });
}

/**
 * Claims posting a poll: true for one caller across instances, while it is
 * unposted and unclaimed since `staleBefore`. A claim stands after a post
 * that was sent but not recorded (killed in between), so nobody posts it
 * again until it goes stale.
 */
export async function claimPollPost(db: Db, pollId: number, now: Date, staleBefore: Date): Promise<boolean> {
  const { count } = await db.revisionPoll.updateMany({
    where: { id: pollId, telegramPollId: null, closedAt: null, OR: [{ claimedAt: null }, { claimedAt: { lt: staleBefore } }] },
    data: { claimedAt: now },
  });
  return count === 1;
}

export async function releasePollPost(db: Db, pollId: number, claimedAt: Date): Promise<void> {
  await db.revisionPoll.updateMany({ where: { id: pollId, telegramPollId: null, claimedAt }, data: { claimedAt: null } });
}

export async function recordPollCard(db: Db, pollId: number, cardMessageId: number): Promise<void> {
  await db.revisionPoll.update({ where: { id: pollId }, data: { cardMessageId } });
}

export async function recordPollSent(db: Db, pollId: number, pollMessageId: number, telegramPollId: string): Promise<void> {
  await db.revisionPoll.update({ where: { id: pollId }, data: { pollMessageId, telegramPollId } });
}

/** Whether the member has been seen in the community (its group, or a private command there). */
export async function isCommunityMember(db: Db | Tx, communityId: number, memberId: number): Promise<boolean> {
  return (await db.communityMember.findUnique({ where: { communityId_memberId: { communityId, memberId } }, select: { memberId: true } })) !== null;
}

/** A voter's current answer: a revote replaces it, null (retracted) deletes it. Idempotent by (poll, user). */
export async function recordVote(tx: Tx, input: { pollId: number; telegramUserId: number; memberId: number | null; option: number | null }): Promise<void> {
  const key = { pollId_telegramUserId: { pollId: input.pollId, telegramUserId: BigInt(input.telegramUserId) } };
  if (input.option === null) {
    await tx.pollVote.deleteMany({ where: { pollId: input.pollId, telegramUserId: BigInt(input.telegramUserId) } });
    return;
  }
  const data = { memberId: input.memberId, option: input.option };
  await tx.pollVote.upsert({ where: key, update: data, create: { pollId: input.pollId, telegramUserId: BigInt(input.telegramUserId), ...data } });
}

/** A poll's votes, and which of its voters count: members of the poll's community. */
export async function votesOf(db: Db | Tx, pollId: number, communityId: number): Promise<{ votes: Vote[]; eligible: Set<number> }> {
  const rows = await db.pollVote.findMany({ where: { pollId }, select: { memberId: true, option: true } });
  const ids = [...new Set(rows.flatMap((r) => (r.memberId === null ? [] : [r.memberId])))];
  const members = ids.length
    ? await db.communityMember.findMany({ where: { communityId, memberId: { in: ids } }, select: { memberId: true } })
    : [];
  return { votes: rows, eligible: new Set(members.map((m) => m.memberId)) };
}

/** Open polls whose time is up. */
export async function pollsDueToClose(db: Db, now: Date, take = 20): Promise<RevisionPollRecord[]> {
  return db.revisionPoll.findMany({ where: { closedAt: null, closesAt: { lte: now } }, orderBy: { closesAt: "asc" }, take });
}

/** Closes a poll: true for the one caller that did (a conditional update). */
export async function closePoll(tx: Tx, pollId: number, outcome: PollOutcome, at: Date): Promise<boolean> {
  const { count } = await tx.revisionPoll.updateMany({ where: { id: pollId, closedAt: null }, data: { closedAt: at, outcome } });
  return count === 1;
}

/**
 * An organizer decided before the close: the poll closes at the next pass
 * (closesAt moved to now); a veto after the close is recorded as its outcome.
 */
export async function endPollEarly(tx: Tx, revisionId: number, now: Date, vetoed: boolean): Promise<RevisionPollRecord | undefined> {
  await tx.revisionPoll.updateMany({ where: { revisionId, closedAt: null, closesAt: { gt: now } }, data: { closesAt: now } });
  if (vetoed) await tx.revisionPoll.updateMany({ where: { revisionId, closedAt: { not: null } }, data: { outcome: "VETOED" } });
  return pollOfRevision(tx, revisionId);
}

/** The members supporting a product's approved revision (undefined: it had no poll). */
export async function supportOfRevision(db: Db | Tx, revisionId: number): Promise<number | undefined> {
  const poll = await pollOfRevision(db, revisionId);
  if (!poll) return undefined;
  const { votes, eligible } = await votesOf(db, poll.id, poll.communityId);
  return tally(votes, eligible).support;
}

/** A new revision replaces the one members were voting on: that poll ends at the next pass. */
export async function endOtherPolls(tx: Tx, productId: number, revisionId: number, now: Date): Promise<void> {
  await tx.revisionPoll.updateMany({ where: { revision: { productId }, revisionId: { not: revisionId }, closedAt: null, closesAt: { gt: now } }, data: { closesAt: now } });
}
