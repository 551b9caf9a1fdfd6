import { Composer } from "grammy";
import type { BotContext, Services } from "../../bot/context";
import { enterDialog, inDialog } from "../../bot/dialog";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { loadApprovedProduct } from "../../db/products";
import { displayName, memberById } from "../../db/members";
import { askableProduct, publicQa, publicQaCount } from "../../db/questions";
import { localeOf } from "../../views/env";
import { communitiesOf } from "../products/member-communities";
import { renderProductCard } from "../products/product-card";
import { sendProductCard } from "../products/send-card";
import { cbAnswer, cbAsk, cbPublish } from "./callbacks";
import { ANSWER_DIALOG, answerConversation, ASK_DIALOG, askConversation, type AnswerArgs, type AskArgs } from "./dialogs";
import { answerable } from "./use-cases/answer";
import { setConsent } from "./use-cases/consent";
import { postNewQa } from "./use-cases/post-new-qa";
import { askUrl, publishKeyboard, publicQaText } from "./views";

export { unansweredSection } from "./my-questions";

export const QA_POSTS_JOB = "qa-posts";

/** The "新问答" posts: a scheduler job (at most one post per product an hour, coalesced). */
export function registerQaPosts(services: Services, botUsername: () => string): void {
  services.scheduler.register({ name: QA_POSTS_JOB, intervalMs: 60_000, run: async (signal) => void (await postNewQa(services, botUsername(), signal)) });
}

/**
 * A member asks a product's recommender (the card's ❓, `/start a<product>`):
 * a member of the product's community, not its recommender, not in another dialog.
 */
export async function startAsking(ctx: BotContext, productId: number): Promise<void> {
  if (!ctx.member) return;
  const product = await askableProduct(ctx.services.db, productId);
  const mine = product ? await communitiesOf(ctx.services, ctx.member) : [];
  if (!product || !mine.some((c) => c.id === product.communityId)) return void (await ctx.reply(ctx.t("questions-not-found")));
  if (product.recommenderId === ctx.member.id) return void (await ctx.reply(ctx.t("questions-ask-own")));
  if (inDialog(ctx)) return void (await ctx.reply(ctx.t("questions-busy")));
  const recommender = await memberById(ctx.services.db, product.recommenderId);
  const args: AskArgs = { productId, productName: product.name, recommenderName: recommender ? displayName(recommender) : "—" };
  await enterDialog(ctx, ASK_DIALOG, args);
}

/** /card <product>: the card (with its ❓) and its public Q&A, newest first. */
async function showCard(ctx: BotContext): Promise<void> {
  const id = /^\s*#?(\d{1,9})\s*$/.exec(typeof ctx.match === "string" ? ctx.match : "")?.[1];
  if (!id) return void (await ctx.reply(ctx.t("questions-card-usage")));
  const productId = Number(id);
  const inGroup = ctx.chat?.type !== "private";
  const product = await loadApprovedProduct(ctx.services.db, productId);
  // in a group: its own community's products only
  if (!product || (inGroup && product.communityId !== ctx.community?.id)) return void (await ctx.reply(ctx.t("questions-not-found")));
  const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
  const card = await renderProductCard(ctx.services, productId, locale, { botUsername: ctx.me.username, inGroup });
  if (!card) return void (await ctx.reply(ctx.t("questions-not-found")));
  await sendProductCard(ctx.services, ctx.api, ctx.chat!.id, card);
  const [entries, total] = await Promise.all([publicQa(ctx.services.db, productId, 10), publicQaCount(ctx.services.db, productId)]);
  await ctx.reply(publicQaText((k, v) => ctx.t(k, v), product.name, entries, total), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
}

/** Questions to the recommender: the ❓ button, the Answer button, publish or keep private, /card. */
export function questionsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(askConversation());
  composer.use(answerConversation());

  composer.callbackQuery(cbAsk.filter, async (ctx) => {
    const data = cbAsk.unpack(ctx.callbackQuery.data);
    if (!data) return ctx.answerCallbackQuery();
    // the question is written in private: in a group the button opens the bot's chat
    if (ctx.chat?.type !== "private") return ctx.answerCallbackQuery({ url: askUrl(ctx.me.username, data.id) });
    await ctx.answerCallbackQuery();
    await startAsking(ctx, data.id);
  });

  composer.callbackQuery(cbAnswer.filter, async (ctx) => {
    const data = cbAnswer.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const check = await answerable(ctx.services, data.id, ctx.member.id);
    if (!check.ok) return ctx.answerCallbackQuery({ text: ctx.t(`questions-cannot-answer-${check.reason}`), show_alert: true });
    if (inDialog(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("questions-busy"), show_alert: true });
    await ctx.answerCallbackQuery();
    const q = check.question;
    const args: AnswerArgs = { questionId: q.id, productName: q.productName, askerName: q.askerName, question: q.text };
    await enterDialog(ctx, ANSWER_DIALOG, args);
  });

  composer.callbackQuery(cbPublish.filter, async (ctx) => {
    const data = cbPublish.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const outcome = await setConsent(ctx.services, { questionId: data.id, memberId: ctx.member.id, role: data.role, publish: data.yes === "1", updateId: ctx.update.update_id });
    if (!outcome.ok) return ctx.answerCallbackQuery({ text: ctx.t(`questions-cannot-answer-${outcome.reason}`), show_alert: true });
    const text = ctx.t(`questions-consent-${outcome.state}`, { name: outcome.otherName, id: String(outcome.productId) });
    await ctx.answerCallbackQuery();
    // the other choice stays, so either may change their mind
    const keyboard = publishKeyboard((k, v) => ctx.t(k, v), data.id, data.role);
    const other = keyboard.inline_keyboard[0]!.filter((_, i) => i === (data.yes === "1" ? 1 : 0));
    await ignoringHarmless(() => ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [other] } }));
    await ctx.reply(text);
  });

  composer.command("card", showCard);
  return composer;
}
