// A member's answer to a recommendation's poll (a poll_answer update): their
// vote replaces the one before, a retraction removes it. Idempotent by
// (poll, user), and committed with the update's handled mark.
import type { BotContext } from "../../bot/context";
import { inTransaction } from "../../db/client";
import { markUpdateHandled } from "../../db/processed-updates";
import { isCommunityMember, pollByTelegramId, recordVote } from "../../db/revision-polls";
import { chosenOption } from "../../domain/votes";

export type VoteRecorded = "counted" | "stranger" | "retracted" | "unknown-poll" | "closed" | "anonymous";

export async function recordPollAnswer(ctx: BotContext): Promise<VoteRecorded> {
  const answer = ctx.pollAnswer!;
  const { db } = ctx.services;
  // polls are non-anonymous: a user always answers (voter_chat is for anonymous admins of channels)
  const voter = answer.user;
  // (ctx.from is not the voter in a poll_answer, so the member is looked up here; nobody new is created)
  const known = voter ? await ctx.services.members.byTelegramId(voter.id) : undefined;
  return inTransaction(db, async (tx) => {
    const poll = await pollByTelegramId(tx, answer.poll_id);
    let outcome: VoteRecorded;
    if (!poll) outcome = "unknown-poll"; // another bot's poll, or one whose post was never recorded
    else if (poll.closedAt) outcome = "closed";
    else if (!voter) outcome = "anonymous"; // an anonymous admin answering as a chat: no member to count
    else {
      const option = chosenOption(answer.option_ids);
      // someone the bot has seen in the community counts; anyone else is kept but left out of the tally
      const member = known && (await isCommunityMember(tx, poll.communityId, known.id)) ? known.id : null;
      await recordVote(tx, { pollId: poll.id, telegramUserId: voter.id, memberId: member, option });
      outcome = option === null ? "retracted" : member === null ? "stranger" : "counted";
    }
    await markUpdateHandled(tx, ctx.update.update_id);
    return outcome;
  });
}
