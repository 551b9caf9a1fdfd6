// The two dialogs of a question: the member writes it, the recommender answers it.
// Both write once per update (the question's updateKey, the answer only while
// there is none), so a dialog replayed after a crash changes nothing twice.
import type { ConversationContext } from "../../bot/context";
import { Dialog, dialogConversation, type Answer, type Convo, type DialogRules, type Parsed } from "../../bot/dialog";
import { escapeHtml } from "../../domain/html";
import { checkQaText, MAX_QA_TEXT } from "../../domain/questions";
import { answerQuestion } from "./use-cases/answer";
import { askQuestion } from "./use-cases/ask";
import { cbAnswer, cbAsk } from "./callbacks";
import { publishKeyboard } from "./views";

export const ASK_DIALOG = "ask-question";
export const ANSWER_DIALOG = "answer-question";
/** A question or answer not written within a day is not waited for any more. */
const WAIT_MS = 24 * 3600_000;

/** JSON: conversations store their arguments. */
export type AskArgs = { productId: number; productName: string; recommenderName: string };
export type AnswerArgs = { questionId: number; productName: string; askerName: string; question: string };

/** A question's or an answer's text; null: /cancel. Another link or ❓ / Answer ends the dialog, then runs. */
async function parseText(conversation: Convo, ctx: ConversationContext, answer: Answer): Promise<Parsed<string | null>> {
  if (answer.kind === "cancel") return { value: null };
  if (answer.kind === "end") {
    await ctx.reply(ctx.t("questions-cancelled"));
    return conversation.halt({ next: true });
  }
  if (answer.kind !== "text") return answer.kind === "other" || answer.kind === "photo" ? { error: ctx.t("questions-error-not-text") } : { again: true };
  const checked = checkQaText(answer.text);
  if (checked.ok) return { value: checked.text };
  if (checked.reason === "empty") return { error: ctx.t("questions-error-empty") };
  return { error: ctx.t("questions-error-too-long", { max: String(MAX_QA_TEXT), length: String(checked.length) }) };
}

/** /start (a link) ends it, other commands (/help) pass and it stays; so do other features' buttons, but ❓ and Answer end it. */
const rules: DialogRules = {
  rest: "pass",
  errorPrefix: "⚠️ ",
  command: (command) => (command === "cancel" ? "cancel" : command === "start" ? "end" : "pass"),
  endsOn: (data) => cbAsk.filter.test(data) || cbAnswer.filter.test(data),
};

async function askDialog(conversation: Convo, ctx: ConversationContext, args: AskArgs): Promise<void> {
  const dialog = new Dialog(conversation, ctx, rules);
  const vars = { product: escapeHtml(args.productName), recommender: escapeHtml(args.recommenderName), max: String(MAX_QA_TEXT) };
  const text = await dialog.askUntil({ step: "question", prompt: ctx.t("questions-ask-prompt", vars), parse: (a) => parseText(conversation, ctx, a) });
  if (text === null) return void (await ctx.reply(ctx.t("questions-cancelled")));
  const outcome = await conversation.external(async (octx) => {
    const result = await askQuestion(octx.services, { productId: args.productId, askerId: octx.member!.id, text, updateId: octx.update.update_id });
    if (result.ok) await octx.services.outbox.sendSoon();
    return result.ok ? "asked" : result.reason;
  });
  if (outcome === "asked") await ctx.reply(ctx.t("questions-asked", { recommender: escapeHtml(args.recommenderName) }), { parse_mode: "HTML" });
  else await ctx.reply(ctx.t(outcome === "own" ? "questions-ask-own" : "questions-not-found"));
}

async function answerDialog(conversation: Convo, ctx: ConversationContext, args: AnswerArgs): Promise<void> {
  const dialog = new Dialog(conversation, ctx, rules);
  const vars = { product: escapeHtml(args.productName), asker: escapeHtml(args.askerName), question: escapeHtml(args.question), max: String(MAX_QA_TEXT) };
  const text = await dialog.askUntil({ step: "answer", prompt: ctx.t("questions-answer-prompt", vars), parse: (a) => parseText(conversation, ctx, a) });
  if (text === null) return void (await ctx.reply(ctx.t("questions-cancelled")));
  const outcome = await conversation.external(async (octx) => {
    const result = await answerQuestion(octx.services, { questionId: args.questionId, memberId: octx.member!.id, text });
    if (result.ok) await octx.services.outbox.sendSoon();
    return result.ok ? "answered" : result.reason;
  });
  if (outcome !== "answered") return void (await ctx.reply(ctx.t(`questions-cannot-answer-${outcome}`)));
  const t = (key: string, v?: Record<string, string | number>) => ctx.t(key, v);
  await ctx.reply(ctx.t("questions-answer-sent", { asker: escapeHtml(args.askerName) }), { parse_mode: "HTML", reply_markup: publishKeyboard(t, args.questionId, "r") });
}

export const askConversation = () => dialogConversation(askDialog, { id: ASK_DIALOG, maxMillisecondsToWait: WAIT_MS });
export const answerConversation = () => dialogConversation(answerDialog, { id: ANSWER_DIALOG, maxMillisecondsToWait: WAIT_MS });
