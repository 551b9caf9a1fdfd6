import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { isBlockedError } from "../../bot/telegram-errors";
import { decodeDeepLink, deepLinkSecret, deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { formatCommissionRule } from "../../domain/commission";
import { escapeHtml, truncate } from "../../domain/html";
import { recordReferralVisit } from "../../db/referrals";
import { deliverPrivately, readerLocale } from "./shared";
import { cbShare as shareBuy } from "../group-buy/callbacks";

/** The 🔗 Share button on a buy's announcement: the group-buy feature's kind (one prefix, one registration). */
export { shareBuy };

/** `/start s<buyId>`: where a member who never started the bot lands from the Share button. */
const SHARE_START = /^s(\d{1,9})$/;

type ShareableBuy = {
  id: number;
  communityId: number;
  productName: string;
  currency: string;
  commissionKind: "PERCENT_BP" | "FIXED_PER_UNIT";
  commissionValue: number;
  selfReferralEarns: boolean;
};

/** The buy a member may share now, or why not (unknown to them, or no longer open). */
async function shareableBuy(ctx: BotContext, buyId: number): Promise<ShareableBuy | "missing" | "closed"> {
  const { db, organizers, clock } = ctx.services;
  const member = ctx.member;
  if (!member) return "missing";
  const buy = await db.groupBuy.findUnique({ where: { id: buyId }, include: { revision: { select: { name: true } } } });
  if (!buy) return "missing";
  if (ctx.community && ctx.community.id !== buy.communityId) return "missing";
  const belongs =
    (await db.communityMember.findUnique({ where: { communityId_memberId: { communityId: buy.communityId, memberId: member.id } } })) !== null ||
    (await organizers.isOrganizer(buy.communityId, member));
  if (!belongs) return "missing";
  if (buy.status !== "OPEN" || buy.deadlineAt <= clock.now()) return "closed";
  return { ...buy, productName: buy.revision.name };
}

/** The member's personal signed link for a buy. */
export function referralLink(ctx: BotContext, buyId: number, referralCode: string): string {
  const payload = encodeDeepLink({ kind: "referral", groupBuyId: buyId, referralCode }, deepLinkSecret(ctx.services.config.botToken));
  return deepLinkUrl(ctx.me.username, payload);
}

async function shareMessage(ctx: BotContext, buy: ShareableBuy): Promise<{ text: string; replyMarkup: InlineKeyboard }> {
  const link = referralLink(ctx, buy.id, ctx.member!.referralCode);
  const locale = await readerLocale(ctx);
  const text = [
    ctx.t("referrals-share-link", { id: String(buy.id), product: escapeHtml(truncate(buy.productName, 80)), link }),
    ctx.t("referrals-share-explain", { rule: formatCommissionRule(ctx.t.bind(ctx), { kind: buy.commissionKind, value: buy.commissionValue }, buy.currency, locale) }),
    ...(buy.selfReferralEarns ? [] : [ctx.t("referrals-share-self")]),
  ].join("\n\n");
  const shareUrl = `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(buy.productName.slice(0, 200))}`;
  return { text, replyMarkup: new InlineKeyboard().url(ctx.t("referrals-share-forward"), shareUrl) };
}

async function replyWithLink(ctx: BotContext, buyId: number): Promise<void> {
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
  const buys = await db.groupBuy.findMany({
    where: { communityId: { in: ids }, status: "OPEN", deadlineAt: { gt: clock.now() } },
    include: { revision: { select: { name: true } } },
    orderBy: { deadlineAt: "asc" },
    take: 10,
  });
  if (buys.length === 0) return void (await ctx.reply(ctx.t("referrals-share-none")));
  const keyboard = new InlineKeyboard();
  for (const b of buys) keyboard.text(`#${b.id} ${truncate(b.revision.name, 40)}`, shareBuy.pack({ id: b.id })).row();
  await ctx.reply(ctx.t("referrals-share-choose"), { reply_markup: keyboard });
}

/**
 * Share links: /share [buy], the 🔗 Share button, and what happens when a
 * member opens someone's link (the visit that attributes their order).
 */
export function shareComposer(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.chatType("private").command("start", async (ctx, next) => {
    const payload = ctx.match.trim();
    const own = SHARE_START.exec(payload);
    if (own) return replyWithLink(ctx, Number(own[1]));
    const link = decodeDeepLink(payload, deepLinkSecret(ctx.services.config.botToken));
    // Only a valid signature for an open buy and a known code counts; anything
    // else (forged, rotated, malformed, closed) just opens the buy, unattributed.
    if (link.kind === "referral" && ctx.member) {
      const { db, members, clock } = ctx.services;
      const [buy, referrer] = await Promise.all([
        db.groupBuy.findUnique({ where: { id: link.groupBuyId }, select: { id: true, status: true, deadlineAt: true } }),
        members.byReferralCode(link.referralCode),
      ]);
      if (buy && referrer && buy.status === "OPEN" && buy.deadlineAt > clock.now()) {
        const counts = await recordReferralVisit(db, { groupBuyId: buy.id, memberId: ctx.member.id, referrerId: referrer.id });
        ctx.log.info("referral visit", { group_buy_id: buy.id, referrer_id: referrer.id, counts });
      }
    }
    return next(); // the group-buy feature shows the buy
  });

  composer.command("share", async (ctx) => {
    if (!ctx.member) return;
    const arg = ctx.match.trim().replace(/^#/, "");
    if (arg === "") return listShareable(ctx);
    if (!/^\d{1,9}$/.test(arg)) return void (await ctx.reply(ctx.t("referrals-share-usage")));
    await replyWithLink(ctx, Number(arg));
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
      return void (await ctx.answerCallbackQuery({ url: `https://t.me/${ctx.me.username}?start=s${buy.id}` }));
    }
    await ctx.answerCallbackQuery(ctx.chat?.type === "private" ? undefined : { text: ctx.t("referrals-share-sent") });
  });

  return composer;
}
