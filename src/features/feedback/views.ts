// What feedback says: the prompt, the recommender's notice of a comment, the
// organizers' low-average flag, and the /feedback list.
import { InlineKeyboard } from "grammy";
import type { I18n } from "@grammyjs/i18n";
import { displayName } from "../../db/members";
import type { CommentListed, FeedbackDetails } from "../../db/feedback";
import { escapeHtml, truncate } from "../../domain/html";
import { formatAverage, MAX_RATING, MIN_RATING, summarize, type RatingTotals } from "../../domain/ratings";
import type { OutgoingMessage } from "../../services/outbox";
import { htmlTranslate, translator, type Translate } from "../../views/env";
import { cbRate } from "./callbacks";

type I18nT = Pick<I18n, "t">;

export function promptKeyboard(t: Translate, feedbackId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let r = MIN_RATING; r <= MAX_RATING; r++) keyboard.text(`${"⭐".repeat(r)}`, cbRate.pack({ id: feedbackId, v: String(r) as "1" }));
  return keyboard.row().text(t("feedback-button-skip"), cbRate.pack({ id: feedbackId, v: "s" }));
}

/** The prompt a day after the pickup, in the member's language; one per feedback row (its dedup key). */
export function promptMessage(i18n: I18nT, locale: "zh" | "en", f: FeedbackDetails): OutgoingMessage {
  const t = translator(i18n, locale);
  return {
    dedupKey: `feedback-prompt:${f.id}`,
    chatId: f.member.telegramId,
    text: htmlTranslate(t)("feedback-prompt", { product: f.productName }),
    replyMarkup: { inline_keyboard: promptKeyboard(t, f.id).inline_keyboard },
  };
}

/** The recommender hears of every comment. */
export function commentNotice(i18n: I18nT, locale: "zh" | "en", f: FeedbackDetails, comment: string, recommenderChatId: number): OutgoingMessage {
  const t = translator(i18n, locale);
  return {
    dedupKey: `feedback-comment:${f.id}`,
    chatId: recommenderChatId,
    text: htmlTranslate(t)("feedback-comment-notice", { product: f.productName, rating: String(f.rating ?? "—"), name: displayName(f.member), comment }),
  };
}

/** Each organizer is told once the average crosses into low. */
export function lowNotice(i18n: I18nT, locale: "zh" | "en", f: FeedbackDetails, totals: RatingTotals, organizer: { id: number; telegramId: number }): OutgoingMessage {
  const t = translator(i18n, locale);
  return {
    // the count makes a later crossing (after a recovery) a new notice
    dedupKey: `feedback-low:${f.productId}:${totals.count}:${organizer.id}`,
    chatId: organizer.telegramId,
    text: htmlTranslate(t)("feedback-low-notice", {
      product: f.productName, average: formatAverage(summarize(totals).averageTenths), count: String(totals.count), id: String(f.productId),
    }),
  };
}

/** "⭐ 4.3 (12)" for a product line, empty when nobody rated it. */
export function ratingSuffix(t: Translate, totals: RatingTotals | undefined): string {
  if (!totals || totals.count === 0) return "";
  return ` · ${t("products-list-rating", { average: formatAverage(summarize(totals).averageTenths), count: totals.count })}`;
}

/** The /feedback list: newest first, each comment shortened so 15 fit one message. */
export function commentsText(t: Translate, comments: CommentListed[], productName?: string): string {
  const html = htmlTranslate(t);
  const header = productName === undefined ? t("feedback-list-header") : html("feedback-list-header-product", { product: productName });
  if (comments.length === 0) return `${header}\n\n${t("feedback-list-none")}`;
  const items = comments.map((c) =>
    t("feedback-list-item", {
      rating: String(c.rating ?? "—"),
      product: escapeHtml(truncate(c.productName, 40)),
      id: String(c.productId),
      name: escapeHtml(truncate(displayName(c.member), 30)),
      public: c.publishes ? ` ${t("feedback-list-public")}` : "",
      comment: escapeHtml(truncate(c.comment, 200)),
    }),
  );
  return [header, "", items.join("\n\n")].join("\n");
}
