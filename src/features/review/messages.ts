import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { Services } from "../../bot/context";
import { createCallbackData, idField } from "../../bot/callback-data";
import { memberLocale } from "../../bot/i18n";
import { displayName, type MemberRecord } from "../../db/members";
import type { RevisionWithProduct } from "../../db/products";
import type { Decision } from "../../db/product-revisions";
import { escapeHtml, truncate } from "../../domain/html";
import type { Locale } from "../../domain/money";
import type { OutgoingMessage } from "../../services/outbox";
import { renderCardText } from "../products/card";
import { revisionCardData } from "../products/product-card";
import { translator, type Translate } from "../../views/env";
import { editProduct } from "../recommend/callbacks";

/** a: approve, c: ask for changes, r: reject, ph: show photos, s: show the request again */
/** Review buttons: sent to each organizer in private. */
export const reviewAction = createCallbackData("rv", { action: z.enum(["a", "c", "r", "ph", "s", "t"]), id: idField }, { chats: ["private"], audience: "organizer" });

type ReviewServices = Pick<Services, "i18n" | "config">;

export function recommenderLabel(member: MemberRecord): string {
  return escapeHtml(displayName(member)) + (member.username ? ` (@${escapeHtml(member.username)})` : "");
}

/** What an organizer gets to review: the card as it would be published, plus the private contact. */
export function reviewRequest(
  services: ReviewServices,
  locale: Locale,
  revision: RevisionWithProduct,
  community: { title: string; timezone: string },
  recommender: MemberRecord,
  /** the members' vote on it, if it has one (votes/views.ts reviewVoteLine), in the reviewer's language */
  options: { vote?: (t: Translate) => string } = {},
): { text: string; keyboard: InlineKeyboard } {
  const t = translator(services.i18n, locale);
  const firstVersion = revision.product.approvedRevisionId === null;
  const header = t(firstVersion ? "review-request-header" : "review-request-header-change", {
    community: escapeHtml(community.title),
    recommender: recommenderLabel(recommender),
    version: String(revision.version),
  });
  const footer = [
    t("review-request-contact", { contact: escapeHtml(revision.producer.contact) }),
    t("review-request-photos", { count: revision.photoFileIds.length }),
  ].join("\n");
  const data = revisionCardData(revision, displayName(recommender), community.timezone);
  const vote = options.vote?.(t);
  const text = renderCardText(t, locale, { ...data, version: null, revisedAt: null }, { header, footer: vote ? `${footer}\n\n${vote}` : footer });
  const keyboard = reviewKeyboard(t, revision);
  if (revision.photoFileIds.length > 0) keyboard.row().text(t("review-button-photos"), reviewAction.pack({ action: "ph", id: revision.id }));
  // the members' tally as it is now: this request edited in place
  if (vote) keyboard.row().text(t("vote-review-refresh"), reviewAction.pack({ action: "t", id: revision.id }));
  return { text, keyboard };
}

/** Approve, Ask for changes, Reject. */
export function reviewKeyboard(t: Translate, revision: { id: number }): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("review-button-approve"), reviewAction.pack({ action: "a", id: revision.id }))
    .row()
    .text(t("review-button-changes"), reviewAction.pack({ action: "c", id: revision.id }))
    .text(t("review-button-reject"), reviewAction.pack({ action: "r", id: revision.id }));
}

/** One review request per organizer, for the outbox. */
export function reviewRequestMessages(
  services: ReviewServices,
  revision: RevisionWithProduct,
  community: { title: string; timezone: string },
  recommender: MemberRecord,
  reviewers: MemberRecord[],
  options: { vote?: (t: Translate) => string } = {},
): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  for (const reviewer of reviewers) {
    const locale = memberLocale(reviewer, services.config.defaultLocale);
    const { text, keyboard } = reviewRequest(services, locale, revision, community, recommender, options);
    messages.push({ dedupKey: `review-request:${revision.id}:${reviewer.id}`, chatId: reviewer.telegramId, text, replyMarkup: keyboard });
  }
  return messages;
}

/** The recommender learns the organizers' decision. */
export function outcomeMessage(
  services: ReviewServices,
  revision: RevisionWithProduct,
  decision: Decision,
  comment: string | null,
  community: { title: string },
  recommender: MemberRecord,
): OutgoingMessage {
  const locale = memberLocale(recommender, services.config.defaultLocale);
  const t = translator(services.i18n, locale);
  const vars = {
    name: escapeHtml(revision.name),
    community: escapeHtml(community.title),
    version: String(revision.version),
    comment: escapeHtml(truncate(comment ?? "", 1000)),
  };
  const key = { APPROVE: "review-outcome-approved", REQUEST_CHANGES: "review-outcome-changes", REJECT: "review-outcome-rejected" }[decision];
  const message: OutgoingMessage = { dedupKey: `review-outcome:${revision.id}`, chatId: recommender.telegramId, text: t(key, vars) };
  if (decision === "REQUEST_CHANGES") {
    message.replyMarkup = new InlineKeyboard().text(t("review-outcome-edit-button"), editProduct.pack({ id: revision.productId }));
  }
  return message;
}
