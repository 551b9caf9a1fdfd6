// What members and organizers see of a vote: the card up for a vote, the
// poll's question and options, the tally.
import type { Tally } from "../../domain/votes";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMinute } from "../../domain/dates";
import type { Locale } from "../../domain/money";
import type { RevisionWithProduct } from "../../db/products";
import type { VotingRule } from "../../db/revision-polls";
import { renderCardText } from "../products/card";
import { revisionCardData } from "../products/product-card";
import type { Translate } from "../../views/env";

/** The tally in one line (HTML), with how many were left out when any were. */
export function tallyLine(t: Translate, tally: Tally): string {
  const line = t("vote-tally", { support: tally.support, notNeeded: tally.notNeeded, question: tally.question });
  return tally.leftOut > 0 ? `${line}\n${t("vote-tally-left-out", { count: tally.leftOut })}` : line;
}

/** The poll's question (≤ 300 characters) and its options, in VOTE_OPTIONS' order. */
export function pollTexts(t: Translate, name: string): { question: string; options: string[] } {
  return {
    question: truncate(t("vote-poll-question", { name: truncate(name, 200) }), 300),
    options: [t("vote-option-support"), t("vote-option-not-needed"), t("vote-option-question")],
  };
}

/**
 * The revision's card as the group sees it while members vote: marked as up
 * for a vote, when it closes and the community's rule; no button (there is
 * nothing to buy yet).
 */
export function voteCardText(
  t: Translate,
  locale: Locale,
  revision: RevisionWithProduct,
  recommenderName: string,
  community: { timezone: string },
  rule: Pick<VotingRule, "minSupport" | "maxObject">,
  closesAt: Date,
): string {
  const closes = formatMinute(closesAt, community.timezone);
  const footer =
    rule.minSupport === null
      ? t("vote-card-footer", { closes })
      : t("vote-card-footer-rule", { closes, support: rule.minSupport, object: rule.maxObject });
  const data = revisionCardData(revision, recommenderName, community.timezone);
  return renderCardText(t, locale, { ...data, version: null, revisedAt: null }, { header: t("vote-card-header"), footer });
}

/** What the organizers' review request says of the vote: waiting to be posted, open, or closed, with the tally. */
export function reviewVoteLine(t: Translate, poll: { closesAt: Date; closedAt: Date | null; telegramPollId: string | null }, tally: Tally, timezone: string): string {
  const closes = formatMinute(poll.closesAt, timezone);
  if (poll.closedAt) return `${t("vote-review-closed")}\n${tallyLine(t, tally)}`;
  if (!poll.telegramPollId) return t("vote-review-waiting", { closes });
  return `${t("vote-review-open", { closes })}\n${tallyLine(t, tally)}`;
}

export const escapeReason = (reason: string) => escapeHtml(truncate(reason, 1000));
