// The "votes-post" job: a submitted recommendation's card and native poll in
// its group. Claim first, then the card (recorded), then the poll (recorded
// with its Telegram id, which poll_answer updates carry). A kill after a send
// and before its record leaves the claim: nobody posts again until it goes
// stale, and whoever does then logs that an earlier copy may be in the group.
import { InlineKeyboard, type Api } from "grammy";
import type { Services } from "../../bot/context";
import { crashPoint } from "../../bot/crash-point";
import { displayName } from "../../db/members";
import { loadRevision } from "../../db/products";
import {
  claimPollPost,
  pollsToPost,
  recordPollCard,
  recordPollSent,
  releasePollPost,
  votingRuleOf,
  type RevisionPollRecord,
} from "../../db/revision-polls";
import { translator } from "../../views/env";
import { pollTexts, voteCardText } from "./views";
import { addAskButton } from "../questions/views";

export type VoteDeps = Pick<Services, "db" | "i18n" | "communities" | "members" | "logger" | "clock" | "pacer" | "outbox" | "config" | "organizers">;

/** A posting claim older than this was left by an instance that died mid-post (as announcements'). */
export const CLAIM_STALE_MS = 5 * 60_000;

export async function postPendingPolls(deps: VoteDeps, api: Api, signal: AbortSignal, botUsername: () => string): Promise<void> {
  const now = deps.clock.now();
  for (const poll of await pollsToPost(deps.db, new Date(now.getTime() - CLAIM_STALE_MS))) {
    if (signal.aborted) return;
    await postPoll(deps, api, poll, botUsername()).catch((error: unknown) =>
      deps.logger.error("could not post a recommendation's poll", { poll_id: poll.id, error: String(error) }),
    );
  }
}

async function postPoll(deps: VoteDeps, api: Api, poll: RevisionPollRecord, botUsername: string): Promise<void> {
  const claimedAt = deps.clock.now();
  if (!(await claimPollPost(deps.db, poll.id, claimedAt, new Date(claimedAt.getTime() - CLAIM_STALE_MS)))) return;
  if (poll.claimedAt) {
    // not silent: the earlier claimant may have posted before it died
    deps.logger.warn("posting a recommendation's poll again after a stale claim: an earlier copy may be in the group", { poll_id: poll.id, card_posted: poll.cardMessageId !== null });
  }
  const revision = await loadRevision(deps.db, poll.revisionId);
  const community = await deps.communities.byId(poll.communityId);
  const rule = await votingRuleOf(deps.db, poll.communityId);
  // withdrawn or decided meanwhile, or the group is gone: nothing to post (the close job ends it)
  if (!revision || revision.status !== "PENDING_REVIEW" || !community?.active || !rule) return;
  const t = translator(deps.i18n, community.locale);
  const chatId = community.telegramChatId;
  let cardMessageId = poll.cardMessageId;
  // sent but not recorded: the claim must stand (releasing it would post a second copy at once)
  let unrecorded = false;
  try {
    if (cardMessageId === null) {
      const recommender = await deps.members.byId(revision.product.recommenderId);
      const text = voteCardText(t, community.locale, revision, recommender ? displayName(recommender) : "—", community, rule, poll.closesAt);
      const answered = await deps.pacer.take(chatId, true);
      // ❓: a member with a question (the poll's third answer) asks the recommender before the close
      const reply_markup = addAskButton(new InlineKeyboard(), t, revision.productId, botUsername);
      cardMessageId = (await api.sendMessage(chatId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup }).finally(answered)).message_id;
      unrecorded = true;
      await recordPollCard(deps.db, poll.id, cardMessageId);
      unrecorded = false;
    }
    const { question, options } = pollTexts(t, revision.name);
    const answered = await deps.pacer.take(chatId, true);
    const sent = await api
      .sendPoll(chatId, question, options.map((text) => ({ text })), {
        is_anonymous: false,
        allows_multiple_answers: false,
        reply_parameters: { message_id: cardMessageId, allow_sending_without_reply: true },
      })
      .finally(answered);
    unrecorded = true;
    crashPoint("after-vote-poll-sent");
    await recordPollSent(deps.db, poll.id, sent.message_id, sent.poll!.id);
    deps.logger.info("recommendation's poll posted", { poll_id: poll.id, revision_id: poll.revisionId, message_id: sent.message_id });
  } catch (error) {
    if (unrecorded) {
      deps.logger.error("a recommendation's card or poll was posted but not recorded; the claim stands until it goes stale", { poll_id: poll.id, error: String(error) });
      return;
    }
    deps.logger.warn("could not post a recommendation's card and poll; tried again later", { poll_id: poll.id, error: String(error) });
    await releasePollPost(deps.db, poll.id, claimedAt).catch(() => undefined);
  }
}
