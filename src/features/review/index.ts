import { Composer, InlineKeyboard } from "grammy";
import { ignoringHarmless } from "../../bot/telegram-errors";
import type { BotContext } from "../../bot/context";
import { loadRevision, pendingRevisions, type RevisionWithProduct } from "../../db/products";
import { escapeHtml, truncate } from "../../domain/html";
import { publishProductCard } from "../products/publish-card";
import { localeOf } from "../../views/env";
import { enterDialog } from "../../bot/dialog";
import { reviewAction, reviewRequest } from "./messages";
import { currentVoteLine } from "../votes/open";
import { alreadyHandled, decide, notPosted, refusal, removeButtons, type Reply } from "./decide";
import { COMMENT_WAIT_MS, REVIEW_COMMENT, reviewCommentConversation, type CommentArgs } from "./comment";

export { reviewRequestMessages } from "./messages";
export { reviewersOf } from "./decide";

/**
 * An approval whose card never reached the group (a crash between the two, or
 * Telegram refused) is posted when an organizer presses a button of it again.
 */
async function publishIfMissing(ctx: BotContext, revision: RevisionWithProduct): Promise<Reply | undefined> {
  const { product } = revision;
  if (revision.status !== "APPROVED" || product.approvedRevisionId !== revision.id || product.cardMessageId !== null) return undefined;
  const community = await ctx.services.communities.byId(product.communityId);
  const vars = { name: escapeHtml(revision.name), community: escapeHtml(community?.title ?? ""), recommender: "" };
  const posted = await publishProductCard(ctx.services, ctx.api, product.id, product.communityId, ctx.me.username);
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
 * other dialogs, so that a comment being written (a side dialog, comment.ts)
 * is never taken as an answer in the organizer's own recommendation flow.
 */
export function reviewFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(reviewCommentConversation());
  const privateChats = composer.chatType("private");

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
    if (data.action === "s" || data.action === "t") {
      await ctx.answerCallbackQuery();
      const community = await ctx.services.communities.byId(revision.product.communityId);
      const recommender = await ctx.services.members.byId(revision.product.recommenderId);
      if (!community || !recommender) return;
      const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
      const vote = await currentVoteLine(ctx.services.db, revision.id, community.timezone);
      const { text, keyboard } = reviewRequest(ctx.services, locale, revision, community, recommender, { vote });
      const options = { parse_mode: "HTML" as const, reply_markup: keyboard, link_preview_options: { is_disabled: true } };
      // the tally's refresh edits the request it is on (unchanged: Telegram says "not modified", harmless)
      if (data.action === "t" && messageId !== null) await ignoringHarmless(() => ctx.api.editMessageText(ctx.chat!.id, messageId, text, options));
      else await ctx.reply(text, options);
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
    const now = ctx.services.clock.now();
    const args: CommentArgs = { revisionId: revision.id, decision, messageId, startedAt: now.toISOString(), expiresAt: new Date(now.getTime() + COMMENT_WAIT_MS).toISOString() };
    // a comment begun for another request is replaced by this one
    if ((await ctx.conversation.active(REVIEW_COMMENT)) > 0) await ctx.conversation.exit(REVIEW_COMMENT);
    await enterDialog(ctx, REVIEW_COMMENT, args);
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
