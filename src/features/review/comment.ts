// The comment (or reason) an organizer writes after "Ask for changes" or
// "Reject": a side dialog, so it can be written in the middle of their own
// recommendation, and is never taken as an answer there (it is registered
// before the other dialogs, so it sees their member's text first).
import type { BotContext, ConversationContext } from "../../bot/context";
import { Dialog, dialogConversation, type Convo } from "../../bot/dialog";
import { loadRevision } from "../../db/products";
import { LIMITS } from "../../domain/product-draft";
import { decide, removeButtons } from "./decide";

export const REVIEW_COMMENT = "review-comment";
/** A comment not written within this long is not waited for any more. */
export const COMMENT_WAIT_MS = 30 * 60_000;

/** JSON: conversations store their arguments. */
export type CommentArgs = {
  revisionId: number;
  decision: "REQUEST_CHANGES" | "REJECT";
  /** the review request whose buttons go once decided */
  messageId: number | null;
  startedAt: string;
  expiresAt: string;
};

const STATUS_OF = { REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" } as const;

/**
 * Records the decision with the comment; the text to show, or undefined when
 * this comment's decision was recorded already (the dialog's end was lost to
 * a crash: the decision and its update's mark were committed, the dialog's
 * state not), so the message is not a comment.
 */
async function commentDecision(ctx: BotContext, args: CommentArgs, comment: string): Promise<string | undefined> {
  const revision = await loadRevision(ctx.services.db, args.revisionId);
  const startedAt = new Date(args.startedAt).getTime();
  if (revision && ctx.member && revision.reviewerId === ctx.member.id && revision.status === STATUS_OF[args.decision] && (revision.reviewedAt?.getTime() ?? 0) >= startedAt) {
    return undefined;
  }
  const outcome = await decide(ctx, args.revisionId, args.decision, comment);
  await removeButtons(ctx, ctx.chat!.id, args.messageId); // also when nothing was decided (the revision is gone, or not theirs)
  return outcome.text;
}

/**
 * Waits for the organizer's text: /cancel drops the comment, other commands
 * and everything else pass on (the comment still waits), a text too long is
 * asked again. After 30 minutes the next text is no comment any more.
 */
async function reviewComment(conversation: Convo, ctx: ConversationContext, args: CommentArgs): Promise<void> {
  const dialog = new Dialog(conversation, ctx, { takes: ["text"], rest: "pass" });
  for (;;) {
    const answer = await dialog.input("comment");
    const now = await conversation.external((octx) => octx.services.clock.now().getTime());
    if (new Date(args.expiresAt).getTime() < now) await conversation.halt({ next: true });
    if (answer.kind === "cancel") {
      await ctx.reply(ctx.t("review-comment-cancelled"));
      return;
    }
    if (answer.kind !== "text") continue;
    const comment = answer.text.trim();
    if (comment.length > LIMITS.comment) {
      await ctx.reply(ctx.t("review-comment-too-long", { max: String(LIMITS.comment), length: String(comment.length) }), {
        reply_markup: { force_reply: true },
      });
      continue;
    }
    const text = await conversation.external((octx) => commentDecision(octx, args, comment));
    if (text === undefined) await conversation.halt({ next: true });
    await ctx.reply(text!, { parse_mode: "HTML" });
    return;
  }
}

export const reviewCommentConversation = () => dialogConversation(reviewComment, { id: REVIEW_COMMENT, side: true });
