// What questions and answers look like: the notices, a card's public Q&A, the group's "新问答" post.
import { InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { PublicQa, QuestionRecord } from "../../db/questions";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { escapeHtml, MESSAGE_LIMIT, truncate } from "../../domain/html";
import { latestThatFit } from "../../domain/questions";
import { htmlTranslate, type Translate } from "../../views/env";
import { cbAnswer, cbAsk, cbPublish } from "./callbacks";

/** The t.me link that opens the private chat on a question about the product. */
export function askUrl(botUsername: string, productId: number): string {
  return deepLinkUrl(botUsername, encodeDeepLink({ kind: "ask", productId }));
}

/** "❓ 提问": a link to the private chat when `botUsername` is given (groups), else a button (private chats). */
export function addAskButton(keyboard: InlineKeyboard, t: Translate, productId: number, botUsername?: string): InlineKeyboard {
  const label = t("questions-ask-button");
  return botUsername ? keyboard.url(label, askUrl(botUsername, productId)) : keyboard.text(label, cbAsk.pack({ id: productId }));
}

/** The recommender's notice of a new question, with its Answer button. */
export function askedNotice(t: Translate, q: QuestionRecord): { text: string; replyMarkup: InlineKeyboardMarkup } {
  const text = htmlTranslate(t)("questions-notice-asked", { asker: q.askerName, product: q.productName, question: q.text, id: String(q.productId) });
  return { text, replyMarkup: new InlineKeyboard().text(t("questions-answer-button"), cbAnswer.pack({ id: q.id })) };
}

export function publishKeyboard(t: Translate, questionId: number, role: "a" | "r"): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(role === "a" ? "questions-publish-question" : "questions-publish-answer"), cbPublish.pack({ id: questionId, role, yes: "1" }))
    .text(t("questions-keep-private"), cbPublish.pack({ id: questionId, role, yes: "0" }));
}

/** The asker's notice of the answer, with publish / keep private. */
export function answeredNotice(t: Translate, q: QuestionRecord): { text: string; replyMarkup: InlineKeyboardMarkup } {
  const text = htmlTranslate(t)("questions-notice-answered", { recommender: q.recommenderName, product: q.productName, question: q.text, answer: q.answer ?? "" });
  return { text, replyMarkup: publishKeyboard(t, q.id, "a") };
}

function entryHtml(t: Translate, qa: PublicQa, max: number): string {
  return htmlTranslate(t)("questions-qa-entry", {
    asker: qa.askerName,
    question: truncate(qa.question, max),
    recommender: qa.recommenderName,
    answer: truncate(qa.answer, max),
  });
}

/** A card's public Q&A, newest first, as many as fit one message. */
export function publicQaText(t: Translate, productName: string, entries: PublicQa[], total: number): string {
  const header = htmlTranslate(t)("questions-qa-header", { product: productName, count: String(total) });
  if (entries.length === 0) return `${header}\n\n${t("questions-qa-none")}`;
  const rendered = entries.map((e) => entryHtml(t, e, 1000));
  const kept = latestThatFit(rendered, (s) => s.length + 1, MESSAGE_LIMIT - header.length - 200);
  const more = total > kept.length ? [t("questions-qa-more", { count: String(total - kept.length) })] : [];
  return [header, "", kept.join("\n\n"), ...more.map((m) => `\n${m}`)].join("\n");
}

/** The group's short post: what was made public since the last one (each shortened), and where to read all. */
export function newQaPost(t: Translate, productId: number, productName: string, entries: PublicQa[], total: number, botUsername: string): { text: string; replyMarkup: InlineKeyboardMarkup } {
  const header = htmlTranslate(t)("questions-new-post", { product: productName, count: String(total), id: String(productId) });
  const kept = latestThatFit(entries.map((e) => entryHtml(t, e, 120)), (s) => s.length + 1, 3000, 3);
  const more = total > kept.length ? [t("questions-qa-more", { count: String(total - kept.length) })] : [];
  const text = [header, "", kept.join("\n\n"), ...more.map((m) => `\n${m}`)].join("\n");
  const keyboard = addAskButton(new InlineKeyboard(), t, productId, botUsername);
  return { text, replyMarkup: keyboard };
}

/** /my_products' section: questions waiting for the recommender's answer, each with its button. */
export function unansweredLines(t: Translate, items: { id: number; productName: string; text: string }[], total: number, keyboard: InlineKeyboard): string[] {
  if (total === 0) return [];
  const lines = items.map((q, i) => {
    keyboard.text(t("questions-my-answer", { n: String(i + 1) }), cbAnswer.pack({ id: q.id }));
    if (i % 3 === 2) keyboard.row();
    return `${i + 1}. <b>${escapeHtml(truncate(q.productName, 40))}</b>: ${escapeHtml(truncate(q.text, 80))}`;
  });
  keyboard.row();
  const more = total > items.length ? [t("questions-qa-more", { count: String(total - items.length) })] : [];
  return [t("questions-my-header", { count: String(total) }), ...lines, ...more];
}
