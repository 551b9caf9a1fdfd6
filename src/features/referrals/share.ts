import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { isBlockedError } from "../../bot/telegram-errors";
import { deepLinkSecret, deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { formatCommissionRule } from "../../domain/commission";
import { escapeHtml, truncate } from "../../domain/html";
import { buyForSharing, openBuysIn, type ShareableBuy } from "../../db/buy-summaries";
import { isCommunityMember } from "../../db/communities";
import { htmlTranslate, localeOf, type Translate } from "../../views/env";
import { deliverPrivately } from "./shared";
import { recordVisit } from "./use-cases/record-visit";
import { cbShare as shareBuy } from "../group-buy/callbacks";

/** The 🔗 Share button on a buy's announcement: the group-buy feature's kind (one prefix, one registration). */
export { shareBuy };

/** The buy a member may share now, or why not (unknown to them, or no longer open). */
async function shareableBuy(ctx: BotContext, buyId: number): Promise<ShareableBuy | "missing" | "closed"> {
  const { db, organizers, clock } = ctx.services;
  const member = ctx.member;
  if (!member) return "missing";
  const buy = await buyForSharing(db, buyId);
  if (!buy) return "missing";
  if (ctx.community && ctx.community.id !== buy.communityId) return "missing";
  const belongs = (await isCommunityMember(db, buy.communityId, member.id)) || (await organizers.isOrganizer(buy.communityId, member));
  if (!belongs) return "missing";
  if (buy.status !== "OPEN" || buy.deadlineAt <= clock.now()) return "closed";
  return buy;
}

/** The member's personal signed link for a buy. */
export function referralLink(ctx: BotContext, buyId: number, referralCode: string): string {
  const payload = encodeDeepLink({ kind: "referral", groupBuyId: buyId, referralCode }, deepLinkSecret(ctx.services.config.botToken));
  return deepLinkUrl(ctx.me.username, payload);
}

async function shareMessage(ctx: BotContext, buy: ShareableBuy): Promise<{ text: string; replyMarkup: InlineKeyboard }> {
  const link = referralLink(ctx, buy.id, ctx.member!.referralCode);
  const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
  const t: Translate = (key, vars) => ctx.t(key, vars);
  const text = [
    htmlTranslate(t)("referrals-share-link", { id: String(buy.id), product: truncate(buy.productName, 80), link }),
    // a fixed amount is per the buy's unit: "每袋 ¥0.55", not "每件"
    ctx.t("referrals-share-explain", { rule: formatCommissionRule(t, { kind: buy.commissionKind, value: buy.commissionValue }, buy.currency, locale, escapeHtml(truncate(buy.unit, 20))) }),
    ...(buy.selfReferralEarns ? [] : [ctx.t("referrals-share-self")]),
  ].join("\n\n");
  const shareUrl = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(buy.productName.slice(0, 200))}`;
  return { text, replyMarkup: new InlineKeyboard().url(ctx.t("referrals-share-forward"), shareUrl) };
}

/** A member's share link for a buy, privately (`/share <buy>`, and `/start s<buy>` from the Share button). */
export async function sendShareLink(ctx: BotContext, buyId: number): Promise<void> {
  const buy = await shareableBuy(ctx, buyId);
  if (buy === "missing") return void (await ctx.reply(ctx.t("referrals-share-missing")));
  if (buy === "closed") return void (await ctx.reply(ctx.t("referrals-share-closed")));
  const message = await shareMessage(ctx, buy);
  await deliverPrivately(ctx, message);
}

/** Open buys in the member's communities, as Share buttons. */
async function listShareable(ctx: BotContext): Promise<void> {
  const { db, clock, communities } = ctx.services;
  const ids = ctx.community ? [ctx.community.id] : (await communities.ofMember(ctx.member!.id)).map((c) => c.id);
  const buys = await openBuysIn(db, ids, clock.now(), 10);
  if (buys.length === 0) return void (await ctx.reply(ctx.t("referrals-share-none")));
  const keyboard = new InlineKeyboard();
  for (const b of buys) keyboard.text(`#${b.id} ${truncate(b.productName, 40)}`, shareBuy.pack({ id: b.id })).row();
  await ctx.reply(ctx.t("referrals-share-choose"), { reply_markup: keyboard });
}

/**
 * A member opened someone's signed link (`/start b<buy>_<code>_<sig>`): the
 * visit that attributes their order. The start dispatcher shows the buy next.
 */
export async function recordVisitFromLink(ctx: BotContext, link: { groupBuyId: number; referralCode: string }): Promise<void> {
  if (!ctx.member) return;
  const visit = await recordVisit(ctx.services, { ...link, memberId: ctx.member.id });
  if (visit) ctx.log.info("referral visit", { group_buy_id: visit.groupBuyId, referrer_id: visit.referrerId, counts: visit.counts });
}

/** Share links: /share [buy] and the 🔗 Share button. */
export function shareComposer(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("share", async (ctx) => {
    if (!ctx.member) return;
    const arg = ctx.match.trim().replace(/^#/, "");
    if (arg === "") return listShareable(ctx);
    if (!/^\d{1,9}$/.test(arg)) return void (await ctx.reply(ctx.t("referrals-share-usage")));
    await sendShareLink(ctx, Number(arg));
  });

  composer.callbackQuery(shareBuy.filter, async (ctx) => {
    const data = shareBuy.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return void (await ctx.answerCallbackQuery());
    const buy = await shareableBuy(ctx, data.id);
    if (buy === "missing" || buy === "closed") {
      return void (await ctx.answerCallbackQuery({ text: ctx.t(`referrals-share-${buy}`), show_alert: true }));
    }
    const message = await shareMessage(ctx, buy);
    try {
      await ctx.api.sendMessage(ctx.from.id, message.text, {
        parse_mode: "HTML",
        reply_markup: message.replyMarkup,
        link_preview_options: { is_disabled: true },
      });
    } catch (error) {
      if (!isBlockedError(error)) throw error;
      // never started the bot: Telegram opens our private chat, which sends the link on Start
      return void (await ctx.answerCallbackQuery({ url: deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "share", groupBuyId: buy.id })) }));
    }
    await ctx.answerCallbackQuery(ctx.chat?.type === "private" ? undefined : { text: ctx.t("referrals-share-sent") });
  });

  return composer;
}
