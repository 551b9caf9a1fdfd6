import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { enterDialog } from "../../bot/dialog";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { commentsFor } from "../../db/feedback";
import { productsOfRecommender } from "../../db/products";
import { parseRating } from "../../domain/ratings";
import { htmlTranslate } from "../../views/env";
import { cbFeedbackDialog, cbRate } from "./callbacks";
import { FEEDBACK_COMMENT, FEEDBACK_COMMENT_WAIT_MS, feedbackCommentConversation, type FeedbackCommentArgs } from "./comment-dialog";
import { rateFeedback } from "./use-cases/rate";
import { commentsText } from "./views";

export { registerFeedbackPrompts } from "./prompts";
export { ratingSuffix } from "./views";

/** The latest comments /feedback lists: 15 shortened ones fit one message. */
const LIST_SIZE = 15;

/**
 * Feedback after pickup: the prompt's stars (the member's own, in private),
 * then the comment dialog; /feedback lists members' comments for organizers
 * (their communities' products) and recommenders (their own products).
 * Installed right after the review feature: the comment is a side dialog.
 */
export function feedbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(feedbackCommentConversation());
  const privateChats = composer.chatType("private");

  composer.callbackQuery(cbRate.filter, async (ctx) => {
    const data = cbRate.unpack(ctx.callbackQuery.data);
    const rating = data && data.v !== "s" ? parseRating(data.v) : null;
    if (!data || rating === undefined || !ctx.member || ctx.chat?.type !== "private") return ctx.answerCallbackQuery({ text: ctx.t("feedback-toast-gone") });
    const outcome = await rateFeedback(ctx.services, { memberId: ctx.member.id, feedbackId: data.id, rating });
    if (outcome.kind === "gone") return ctx.answerCallbackQuery({ text: ctx.t("feedback-toast-gone") });
    const f = outcome.feedback;
    const html = htmlTranslate((k, v) => ctx.t(k, v));
    await ctx.answerCallbackQuery({
      text: outcome.kind === "already" ? ctx.t("feedback-toast-already") : f.rating === null ? ctx.t("feedback-toast-skipped") : ctx.t("feedback-toast-rated", { rating: f.rating }),
    });
    // the prompt reads as answered, without its buttons
    const answered = f.rating === null ? html("feedback-skipped", { product: f.productName }) : html("feedback-rated", { rating: String(f.rating), product: f.productName });
    await ignoringHarmless(() => ctx.editMessageText(answered, { parse_mode: "HTML" }));
    // a comment is asked for after stars (again after a re-delivered tap, while there is none)
    if (f.rating === null || f.comment !== null) return;
    if ((await ctx.conversation.active(FEEDBACK_COMMENT)) > 0) await ctx.conversation.exit(FEEDBACK_COMMENT);
    const expiresAt = new Date(ctx.services.clock.now().getTime() + FEEDBACK_COMMENT_WAIT_MS).toISOString();
    const args: FeedbackCommentArgs = { feedbackId: f.id, memberId: ctx.member.id, expiresAt };
    await enterDialog(ctx, FEEDBACK_COMMENT, args);
  });

  // a button of a comment dialog that is over (expired, or answered)
  composer.callbackQuery(cbFeedbackDialog.filter, (ctx) => ctx.answerCallbackQuery({ text: ctx.t("feedback-toast-gone") }));

  privateChats.command("feedback", async (ctx) => {
    if (!ctx.member) return;
    const arg = ctx.match.trim();
    const productId = arg === "" ? undefined : /^#?\d{1,9}$/.test(arg) ? Number(arg.replace("#", "")) : NaN;
    if (Number.isNaN(productId)) return ctx.reply(ctx.t("feedback-list-usage"));
    const { db, organizers } = ctx.services;
    const communityIds = await organizers.communityIdsOf(ctx.member);
    if (communityIds.length === 0 && (await productsOfRecommender(db, ctx.member.id, 1)).length === 0) return ctx.reply(ctx.t("feedback-list-not-allowed"));
    const comments = await commentsFor(db, { communityIds, recommenderId: ctx.member.id, productId }, LIST_SIZE);
    const productName = productId === undefined ? undefined : (comments[0]?.productName ?? `#${productId}`);
    await ctx.reply(commentsText((k, v) => ctx.t(k, v), comments, productName), { parse_mode: "HTML" });
  });

  return composer;
}
