import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, Services } from "../../bot/context";
import type { Tx } from "../../db/client";
import { markUpdateHandled } from "../../db/processed-updates";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { storedStateAdapter } from "../../db/stored-state";
import { displayName, type MemberRecord } from "../../db/members";
import { loadRevision, pendingRevisions, type RevisionWithProduct } from "../../db/products";
import { decideRevision, type Decision } from "../../db/product-revisions";
import { escapeHtml, truncate } from "../../domain/html";
import { LIMITS } from "../../domain/product-draft";
import { publishProductCard } from "../products/publish-card";
import { localeOf } from "../../views/env";
import { outcomeMessage, reviewAction, reviewRequest } from "./messages";

export { reviewRequestMessages } from "./messages";

/** An organizer pressed "Ask for changes" or "Reject" and we wait for their text. */
type PendingComment = { revisionId: number; decision: "REQUEST_CHANGES" | "REJECT"; messageId: number | null; expiresAt: string };
const COMMENT_WAIT_MS = 30 * 60_000;

const pendingStore = (services: Pick<Services, "db">) => storedStateAdapter<PendingComment>(services.db, "review-comment");

/** Who reviews a recommendation: the community's organizers, but not its recommender unless nobody else can. */
export async function reviewersOf(services: Pick<Services, "organizers">, communityId: number, recommenderId: number): Promise<MemberRecord[]> {
  const all = await services.organizers.listOf(communityId);
  const others = all.filter((o) => o.id !== recommenderId);
  return others.length > 0 ? others : all;
}

/** Callback data can be forged: only organizers of the product's own community review it. */
async function refusal(ctx: BotContext, revision: RevisionWithProduct): Promise<string | undefined> {
  const member = ctx.member;
  if (!member || !(await ctx.services.organizers.isOrganizer(revision.product.communityId, member))) return ctx.t("review-not-organizer");
  if (revision.product.recommenderId === member.id) {
    const reviewers = await reviewersOf(ctx.services, revision.product.communityId, member.id);
    if (reviewers.some((r) => r.id !== member.id)) return ctx.t("review-own-recommendation");
  }
  return undefined;
}

async function alreadyHandled(ctx: BotContext, status: string, reviewerId: number | null): Promise<string> {
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
type Reply = { text: string; keyboard?: InlineKeyboard };

/** The approval stands even when the card couldn't be posted; this button tries again. */
function notPosted(ctx: BotContext, revisionId: number, vars: Record<string, string>): Reply {
  return {
    text: ctx.t("review-done-approved-not-posted", vars),
    keyboard: new InlineKeyboard().text(ctx.t("review-button-post-again"), reviewAction.pack({ action: "a", id: revisionId })),
  };
}

/**
 * The decision, its notice, whatever `within` adds (the pending comment's
 * removal) and the update's handled mark are one transaction: a re-delivered
 * tap or comment is skipped, never half-applied.
 */
async function decide(ctx: BotContext, revisionId: number, decision: Decision, comment: string | null, within?: (tx: Tx) => Promise<void>): Promise<Reply> {
  const { db, outbox, clock, communities, members } = ctx.services;
  const before = await loadRevision(db, revisionId);
  if (!before) return { text: ctx.t("review-not-found") };
  const refused = await refusal(ctx, before);
  if (refused) return { text: refused };
  const community = await communities.byId(before.product.communityId);
  const recommender = await members.byId(before.product.recommenderId);
  if (!community || !recommender) return { text: ctx.t("review-not-found") };
  const result = await db.$transaction(async (tx) => {
    const decided = await decideRevision(tx, { revisionId, reviewerId: ctx.member!.id, decision, comment, at: clock.now() });
    if (decided.ok) await outbox.enqueue([outcomeMessage(ctx.services, decided.revision, decision, comment, community, recommender)], tx);
    await within?.(tx);
    await markUpdateHandled(tx, ctx.update.update_id);
    return decided;
  });
  if (!result.ok) return { text: result.reason === "not-found" ? ctx.t("review-not-found") : await alreadyHandled(ctx, result.status, result.reviewerId) };
  ctx.log.info("recommendation reviewed", { revision_id: revisionId, product_id: before.productId, decision });
  let posted = true;
  if (decision === "APPROVE") {
    posted = (await publishProductCard(ctx.services, ctx.api, before.productId, community.id, result.previousCardMessageId)) !== undefined;
  }
  await outbox.sendSoon();
  const vars = { name: escapeHtml(before.name), community: escapeHtml(community.title), recommender: escapeHtml(displayName(recommender)) };
  if (decision === "APPROVE") return posted ? { text: ctx.t("review-done-approved", vars) } : notPosted(ctx, revisionId, vars);
  return { text: ctx.t(decision === "REJECT" ? "review-done-rejected" : "review-done-changes", vars) };
}

async function removeButtons(ctx: BotContext, chatId: number, messageId: number | null): Promise<void> {
  if (messageId === null) return;
  await ignoringHarmless(() => ctx.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }));
}

/**
 * An approval whose card never reached the group (a crash between the two, or
 * Telegram refused) is posted when an organizer presses a button of it again.
 */
async function publishIfMissing(ctx: BotContext, revision: RevisionWithProduct): Promise<Reply | undefined> {
  const { product } = revision;
  if (revision.status !== "APPROVED" || product.approvedRevisionId !== revision.id || product.cardMessageId !== null) return undefined;
  const community = await ctx.services.communities.byId(product.communityId);
  const vars = { name: escapeHtml(revision.name), community: escapeHtml(community?.title ?? ""), recommender: "" };
  const posted = await publishProductCard(ctx.services, ctx.api, product.id, product.communityId, null);
  return posted === undefined ? notPosted(ctx, revision.id, vars) : { text: ctx.t("review-card-posted", vars) };
}

async function sendPhotos(ctx: BotContext, revision: RevisionWithProduct): Promise<void> {
  const chatId = ctx.chat!.id;
  const ids = revision.photoFileIds;
  if (ids.length === 1) await ctx.api.sendPhoto(chatId, ids[0]!);
  else if (ids.length > 1) await ctx.api.sendMediaGroup(chatId, ids.map((media) => ({ type: "photo" as const, media })));
}

/**
 * Organizers' review of recommendations: Approve, Ask for changes (with a
 * comment) or Reject (with a reason), from the request each organizer gets
 * in private, and /review for what is still waiting. Installed before the
 * conversations so that a comment being written is never taken as an answer
 * in the organizer's own recommendation flow.
 */
export function reviewFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.on("message:text", async (ctx, next) => {
    const store = pendingStore(ctx.services);
    const key = String(ctx.from.id);
    const pending = await store.read(key);
    if (!pending) return next();
    if (new Date(pending.expiresAt).getTime() < ctx.services.clock.now().getTime()) {
      await store.delete(key);
      return next();
    }
    const text = ctx.message.text;
    if (text.startsWith("/")) {
      if (!/^\/cancel(@\w+)?(\s|$)/i.test(text)) return next();
      await store.delete(key);
      await ctx.reply(ctx.t("review-comment-cancelled"));
      return;
    }
    const comment = text.trim();
    if (comment.length > LIMITS.comment) {
      await ctx.reply(ctx.t("review-comment-too-long", { max: String(LIMITS.comment), length: String(comment.length) }), {
        reply_markup: { force_reply: true },
      });
      return;
    }
    const outcome = await decide(ctx, pending.revisionId, pending.decision, comment, (tx) => store.deleteIn(tx, key));
    await store.delete(key); // also when nothing was decided (the revision is gone, or not theirs)
    await removeButtons(ctx, ctx.chat.id, pending.messageId);
    await ctx.reply(outcome.text, { parse_mode: "HTML" });
  });

  composer.callbackQuery(reviewAction.filter, async (ctx) => {
    const data = reviewAction.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member || ctx.chat?.type !== "private") return ctx.answerCallbackQuery();
    const revision = await loadRevision(ctx.services.db, data.id);
    if (!revision) return ctx.answerCallbackQuery({ text: ctx.t("review-not-found"), show_alert: true });
    const refused = await refusal(ctx, revision);
    if (refused) return ctx.answerCallbackQuery({ text: refused, show_alert: true });
    const messageId = ctx.callbackQuery.message?.message_id ?? null;

    if (data.action === "ph") {
      await ctx.answerCallbackQuery();
      await sendPhotos(ctx, revision);
      return;
    }
    if (revision.status !== "PENDING_REVIEW") {
      await ctx.answerCallbackQuery();
      await removeButtons(ctx, ctx.chat.id, messageId);
      const reply = (data.action === "a" && (await publishIfMissing(ctx, revision))) || {
        text: await alreadyHandled(ctx, revision.status, revision.reviewerId),
      };
      await ctx.reply(reply.text, { parse_mode: "HTML", reply_markup: reply.keyboard });
      return;
    }
    if (data.action === "s") {
      await ctx.answerCallbackQuery();
      const community = await ctx.services.communities.byId(revision.product.communityId);
      const recommender = await ctx.services.members.byId(revision.product.recommenderId);
      if (!community || !recommender) return;
      const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
      const { text, keyboard } = reviewRequest(ctx.services, locale, revision, community, recommender);
      await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
      return;
    }
    if (data.action === "a") {
      await ctx.answerCallbackQuery();
      const outcome = await decide(ctx, revision.id, "APPROVE", null);
      await removeButtons(ctx, ctx.chat.id, messageId);
      await ctx.reply(outcome.text, { parse_mode: "HTML", reply_markup: outcome.keyboard });
      return;
    }
    const decision = data.action === "c" ? "REQUEST_CHANGES" : "REJECT";
    const expiresAt = new Date(ctx.services.clock.now().getTime() + COMMENT_WAIT_MS).toISOString();
    await pendingStore(ctx.services).write(String(ctx.from.id), { revisionId: revision.id, decision, messageId, expiresAt });
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(decision === "REJECT" ? "review-ask-reason" : "review-ask-changes", { name: escapeHtml(revision.name) }), {
      parse_mode: "HTML",
      reply_markup: { force_reply: true, input_field_placeholder: truncate(ctx.t("review-comment-placeholder"), 64) },
    });
  });

  privateChats.command("review", async (ctx) => {
    if (!ctx.member) return;
    const communityIds = await ctx.services.organizers.communityIdsOf(ctx.member);
    if (communityIds.length === 0) return ctx.reply(ctx.t("error-organizers-only"));
    const pending = await pendingRevisions(ctx.services.db, communityIds);
    if (pending.length === 0) return ctx.reply(ctx.t("review-nothing-pending"));
    const keyboard = new InlineKeyboard();
    for (const p of pending) keyboard.text(ctx.t("review-pending-button", { name: truncate(p.name, 40), version: String(p.version) }), reviewAction.pack({ action: "s", id: p.id })).row();
    await ctx.reply(ctx.t("review-pending-header", { count: pending.length }), { reply_markup: keyboard });
  });

  return composer;
}
