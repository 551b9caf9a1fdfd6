// The "votes-close" job: at a poll's closesAt the poll is stopped in the
// group, its tally made final, and the community's rule applied: approved
// (as an organizer's approval would be, with no reviewer), or kept for the
// organizers, who are told the final tally either way.
import { GrammyError, type Api } from "grammy";
import { inTransaction, type Tx } from "../../db/client";
import { memberLocale } from "../../bot/i18n";
import { loadRevision, type RevisionWithProduct } from "../../db/products";
import { decideRevision } from "../../db/product-revisions";
import { closePoll, pollsDueToClose, votesOf, votingRuleOf, type PollOutcome, type RevisionPollRecord } from "../../db/revision-polls";
import type { MemberRecord } from "../../db/members";
import { autoApproval, tally as countVotes, type Tally } from "../../domain/votes";
import { escapeHtml } from "../../domain/html";
import type { OutgoingMessage } from "../../services/outbox";
import { translator } from "../../views/env";
import { publishProductCard } from "../products/publish-card";
import { outcomeMessage, reviewKeyboard } from "../review/messages";
import { reviewersOf } from "../review/decide";
import type { VoteDeps } from "./post";
import { tallyLine } from "./views";

export async function closeDuePolls(deps: VoteDeps, api: Api, signal: AbortSignal, botUsername: () => string): Promise<void> {
  for (const poll of await pollsDueToClose(deps.db, deps.clock.now())) {
    if (signal.aborted) return;
    await closeOne(deps, api, poll, botUsername()).catch((error: unknown) =>
      deps.logger.error("could not close a recommendation's poll", { poll_id: poll.id, error: String(error) }),
    );
  }
}

/** Stops the poll in the group: one already closed, or a group the bot left, is no reason not to count. */
async function stopInGroup(deps: VoteDeps, api: Api, poll: RevisionPollRecord, chatId: number): Promise<void> {
  if (poll.pollMessageId === null) return;
  try {
    await api.stopPoll(chatId, poll.pollMessageId);
  } catch (error) {
    if (!(error instanceof GrammyError) || (error.error_code !== 400 && error.error_code !== 403)) throw error;
    deps.logger.info("a recommendation's poll could not be stopped in the group; counted as it is", { poll_id: poll.id, error: error.description });
  }
}

function outcomeOf(revision: RevisionWithProduct | undefined, decision: "approve" | "keep"): PollOutcome {
  if (!revision) return "WITHDRAWN";
  if (revision.status === "PENDING_REVIEW") return decision === "approve" ? "APPROVED" : "KEPT";
  if (revision.status === "REJECTED") return "VETOED";
  return revision.status === "APPROVED" ? "KEPT" : "WITHDRAWN"; // organizers approved it before the close; or changed, replaced
}

async function closeOne(deps: VoteDeps, api: Api, poll: RevisionPollRecord, botUsername: string): Promise<void> {
  const community = await deps.communities.byId(poll.communityId);
  const rule = await votingRuleOf(deps.db, poll.communityId);
  const before = await loadRevision(deps.db, poll.revisionId);
  if (community && (poll.pollMessageId === null || community.active)) await stopInGroup(deps, api, poll, community.telegramChatId);
  const recommender = before ? await deps.members.byId(before.product.recommenderId) : undefined;
  const reviewers = before ? await reviewersOf(deps, poll.communityId, before.product.recommenderId) : [];
  const now = deps.clock.now();
  const result = await inTransaction(deps.db, async (tx) => {
    const revision = await loadRevision(tx, poll.revisionId);
    const { votes, eligible } = await votesOf(tx, poll.id, poll.communityId);
    const final = countVotes(votes, eligible);
    const outcome = outcomeOf(revision, rule ? autoApproval(final, rule) : "keep");
    if (!(await closePoll(tx, poll.id, outcome, now))) return undefined; // closed by someone else meanwhile
    if (!revision || !community || (outcome !== "APPROVED" && outcome !== "KEPT") || revision.status === "APPROVED") return { outcome, final };
    if (outcome === "APPROVED") {
      const decided = await decideRevision(tx, { revisionId: revision.id, reviewerId: null, decision: "APPROVE", comment: null, at: now });
      if (!decided.ok) return { outcome, final };
      if (recommender) await deps.outbox.enqueue([outcomeMessage(deps, decided.revision, "APPROVE", null, community, recommender)], tx);
      await notifyOrganizers(deps, tx, poll, revision, community, reviewers, final, outcome);
      return { outcome, final, productId: revision.productId };
    }
    await notifyOrganizers(deps, tx, poll, revision, community, reviewers, final, outcome);
    return { outcome, final };
  });
  if (!result) return;
  deps.logger.info("recommendation's poll closed", { poll_id: poll.id, revision_id: poll.revisionId, outcome: result.outcome, ...result.final });
  // the approval marked the card owed: if this post never happens, the product-cards job makes it
  if (result.productId !== undefined) await publishProductCard(deps, api, result.productId, poll.communityId, botUsername);
}

/** Each organizer learns the final tally; a poll kept for them comes with the review buttons. */
async function notifyOrganizers(
  deps: VoteDeps,
  tx: Tx,
  poll: RevisionPollRecord,
  revision: RevisionWithProduct,
  community: { title: string },
  reviewers: MemberRecord[],
  final: Tally,
  outcome: "APPROVED" | "KEPT",
): Promise<void> {
  const messages: OutgoingMessage[] = reviewers.map((reviewer) => {
    const t = translator(deps.i18n, memberLocale(reviewer, deps.config.defaultLocale));
    const text = t(outcome === "APPROVED" ? "vote-result-approved" : "vote-result-kept", {
      name: escapeHtml(revision.name),
      community: escapeHtml(community.title),
      tally: tallyLine(t, final),
    });
    const message: OutgoingMessage = { dedupKey: `vote-result:${poll.id}:${reviewer.id}`, chatId: reviewer.telegramId, text };
    if (outcome === "KEPT") message.replyMarkup = reviewKeyboard(t, revision);
    return message;
  });
  await deps.outbox.enqueue(messages, tx);
}
