// An organizer's decision on a recommendation, and who may make it.
import { InlineKeyboard } from "grammy";
import type { BotContext, Services } from "../../bot/context";
import { inTransaction } from "../../db/client";
import { markUpdateHandled } from "../../db/processed-updates";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { displayName, type MemberRecord } from "../../db/members";
import { loadRevision, type RevisionWithProduct } from "../../db/products";
import { decideRevision, type Decision } from "../../db/product-revisions";
import { escapeHtml } from "../../domain/html";
import { publishProductCard } from "../products/publish-card";
import { outcomeMessage, reviewAction } from "./messages";

/** Who reviews a recommendation: the community's organizers, but not its recommender unless nobody else can. */
export async function reviewersOf(services: Pick<Services, "organizers">, communityId: number, recommenderId: number): Promise<MemberRecord[]> {
  const all = await services.organizers.listOf(communityId);
  const others = all.filter((o) => o.id !== recommenderId);
  return others.length > 0 ? others : all;
}

/** Callback data can be forged: only organizers of the product's own community review it. */
export async function refusal(ctx: BotContext, revision: RevisionWithProduct): Promise<string | undefined> {
  const member = ctx.member;
  if (!member || !(await ctx.services.organizers.isOrganizer(revision.product.communityId, member))) return ctx.t("review-not-organizer");
  if (revision.product.recommenderId === member.id) {
    const reviewers = await reviewersOf(ctx.services, revision.product.communityId, member.id);
    if (reviewers.some((r) => r.id !== member.id)) return ctx.t("review-own-recommendation");
  }
  return undefined;
}

export async function alreadyHandled(ctx: BotContext, status: string, reviewerId: number | null): Promise<string> {
  if (status === "SUPERSEDED") return ctx.t("review-superseded");
  const reviewer = reviewerId ? await ctx.services.members.byId(reviewerId) : undefined;
  return ctx.t("review-already-handled", {
    status: ctx.t(`revision-status-${status}`),
    reviewer: escapeHtml(reviewer ? displayName(reviewer) : "—"),
  });
}

/**
 * Records the decision (and the recommender's notification) in one
 * transaction; on approval posts the card in the group. Returns the text to
 * show the organizer.
 */
export type Reply = { text: string; keyboard?: InlineKeyboard };

/** The approval stands even when the card couldn't be posted; this button tries again. */
export function notPosted(ctx: BotContext, revisionId: number, vars: Record<string, string>): Reply {
  return {
    text: ctx.t("review-done-approved-not-posted", vars),
    keyboard: new InlineKeyboard().text(ctx.t("review-button-post-again"), reviewAction.pack({ action: "a", id: revisionId })),
  };
}

/**
 * The decision, its notice and the update's handled mark are one
 * transaction: a re-delivered tap or comment is skipped, never half-applied.
 */
export async function decide(ctx: BotContext, revisionId: number, decision: Decision, comment: string | null): Promise<Reply> {
  const { db, outbox, clock, communities, members } = ctx.services;
  const before = await loadRevision(db, revisionId);
  if (!before) return { text: ctx.t("review-not-found") };
  const refused = await refusal(ctx, before);
  if (refused) return { text: refused };
  const community = await communities.byId(before.product.communityId);
  const recommender = await members.byId(before.product.recommenderId);
  if (!community || !recommender) return { text: ctx.t("review-not-found") };
  const result = await inTransaction(db, async (tx) => {
    const decided = await decideRevision(tx, { revisionId, reviewerId: ctx.member!.id, decision, comment, at: clock.now() });
    if (decided.ok) await outbox.enqueue([outcomeMessage(ctx.services, decided.revision, decision, comment, community, recommender)], tx);
    await markUpdateHandled(tx, ctx.update.update_id);
    return decided;
  });
  if (!result.ok) return { text: result.reason === "not-found" ? ctx.t("review-not-found") : await alreadyHandled(ctx, result.status, result.reviewerId) };
  ctx.log.info("recommendation reviewed", { revision_id: revisionId, product_id: before.productId, decision });
  let posted = true;
  if (decision === "APPROVE") {
    posted = (await publishProductCard(ctx.services, ctx.api, before.productId, community.id, result.previousCardMessageId, ctx.me.username)) !== undefined;
  }
  await outbox.sendSoon();
  const vars = { name: escapeHtml(before.name), community: escapeHtml(community.title), recommender: escapeHtml(displayName(recommender)) };
  if (decision === "APPROVE") return posted ? { text: ctx.t("review-done-approved", vars) } : notPosted(ctx, revisionId, vars);
  return { text: ctx.t(decision === "REJECT" ? "review-done-rejected" : "review-done-changes", vars) };
}

export async function removeButtons(ctx: BotContext, chatId: number, messageId: number | null): Promise<void> {
  if (messageId === null) return;
  await ignoringHarmless(() => ctx.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }));
}

