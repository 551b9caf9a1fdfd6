// After the stars: an optional comment, then consent to show it on the card.
// A side dialog (like an organizer's review comment): the member just tapped
// a star, so their next text is the comment, whatever other dialog they are in.
import type { ConversationContext } from "../../bot/context";
import { Dialog, dialogConversation, type Convo } from "../../bot/dialog";
import { MAX_COMMENT, parseComment } from "../../domain/ratings";
import { cbFeedbackDialog } from "./callbacks";
import { saveComment, saveConsent } from "./use-cases/comment";

export const FEEDBACK_COMMENT = "feedback-comment";
/** A comment not begun within this long is not waited for any more (the next text is no comment). */
export const FEEDBACK_COMMENT_WAIT_MS = 30 * 60_000;

/** JSON: conversations store their arguments. */
export type FeedbackCommentArgs = { feedbackId: number; memberId: number; expiresAt: string };

async function feedbackComment(conversation: Convo, ctx: ConversationContext, args: FeedbackCommentArgs): Promise<void> {
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  const asking = new Dialog(conversation, ctx, { buttons: cbFeedbackDialog, takes: ["text"], rest: "pass" });
  const comment = await asking.askUntil<string | undefined>({
    step: "comment",
    prompt: t("feedback-ask-comment", { max: String(MAX_COMMENT) }),
    buttons: [[t("feedback-button-skip"), "skip"]],
    parse: async (a) => {
      const now = await conversation.external((octx) => octx.services.clock.now().getTime());
      if (new Date(args.expiresAt).getTime() < now) await conversation.halt({ next: true });
      if (a.kind === "cancel") {
        await ctx.reply(t("feedback-cancelled"));
        await conversation.halt();
      }
      if (a.kind === "button") return a.value === "skip" ? { value: undefined } : { again: true };
      if (a.kind !== "text") return { again: true };
      const parsed = parseComment(a.text);
      if (parsed.ok) return { value: parsed.comment };
      return { error: parsed.error === "empty" ? t("feedback-comment-empty") : t("feedback-comment-too-long", { length: String(parsed.length), max: String(MAX_COMMENT) }) };
    },
  });
  if (comment === undefined) {
    await ctx.reply(t("feedback-no-comment"));
    return;
  }
  const saved = await conversation.external((octx) => saveComment(octx.services, { memberId: args.memberId, feedbackId: args.feedbackId, comment }));
  if (!saved) return;
  // the consent waits for its button only: texts meanwhile go to the rest of the bot
  const consenting = new Dialog(conversation, ctx, { buttons: cbFeedbackDialog, takes: [], rest: "pass" });
  const publishes = await consenting.askUntil<boolean>({
    step: "publish",
    prompt: t("feedback-ask-publish"),
    buttons: [[t("feedback-button-publish-yes"), "yes"], [t("feedback-button-publish-no"), "no"]],
    parse: (a) => (a.kind === "button" ? { value: a.value === "yes" } : a.kind === "cancel" ? { value: false } : { again: true }),
  });
  await conversation.external((octx) => saveConsent(octx.services, { memberId: args.memberId, feedbackId: args.feedbackId, publishes }));
  await ctx.reply(t(publishes ? "feedback-published" : "feedback-kept-private"));
}

export const feedbackCommentConversation = () => dialogConversation(feedbackComment, { id: FEEDBACK_COMMENT, side: true });
