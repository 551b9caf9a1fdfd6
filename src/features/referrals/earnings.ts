import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { fitLines } from "../../domain/html";
import { formatMoney } from "../../domain/money";
import type { CommunityRecord } from "../../db/communities";
import { displayName, type MemberRecord } from "../../db/members";
import { earningCommunityIds, earningsByBuy } from "../../db/referrals";
import { askPayout } from "./payout";
import { withNote, type CommunityChoice } from "../community-choice";
import { commandTarget, deliverPrivately, ledgerOf } from "./shared";
import { localeOf } from "../../views/env";
import { earningsText, MAX_BUY_LINES } from "./views";

/** A recommender's earnings in one community, as text, and their balance. */
export async function earningsFor(ctx: BotContext, community: CommunityRecord, member: MemberRecord): Promise<{ text: string; balanceFen: number }> {
  const ledger = ledgerOf(ctx.services);
  const [summary, perBuy] = await Promise.all([
    ledger.summaryOf(community.id, member.id),
    earningsByBuy(ctx.services.db, community.id, member.id, (ids) => ledger.netByBuy(community.id, member.id, ids), MAX_BUY_LINES),
  ]);
  const text = earningsText(ctx.t.bind(ctx), await localeOf(ctx, ctx.services.config.defaultLocale), {
    name: displayName(member),
    communityTitle: community.title,
    currency: community.currency,
    summary,
    pendingFen: perBuy.pendingFen,
    buys: perBuy.buys,
    totalBuys: perBuy.totalBuys,
  });
  return { text, balanceFen: summary.balanceFen };
}

/**
 * /earnings: a recommender's own balance, pending, earned and paid out, per
 * buy. Organizers: /earnings @member (or replying to them) — with a button to
 * pay the balance out. Always answered privately.
 */
export function earningsComposer(choice: CommunityChoice): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  // an organizer's /earnings @member (or replying to them in the group)
  const ofMember = choice.define("earnings", async (ctx, scope, args) => {
    const { community } = scope;
    const { target } = await commandTarget(ctx, args, 0);
    if (!target) return void (await ctx.reply(ctx.t("referrals-who")));
    const { text, balanceFen } = await earningsFor(ctx, community, target);
    const keyboard =
      balanceFen > 0
        ? new InlineKeyboard().text(
            ctx.t("referrals-payout-balance-button", { amount: formatMoney(balanceFen, community.currency, await localeOf(ctx, ctx.services.config.defaultLocale)) }),
            askPayout.pack({ c: community.id, r: target.id }),
          )
        : undefined;
    await deliverPrivately(ctx, { text: withNote(scope, text), replyMarkup: keyboard });
  });

  composer.command("earnings", async (ctx) => {
    const member = ctx.member;
    if (!member) return;
    const { target } = await commandTarget(ctx, ctx.match, 0);
    if (target || ctx.match.trim() !== "") return ofMember(ctx, ctx.match);
    const { communities } = ctx.services;
    const ids = ctx.community ? [ctx.community.id] : await earningCommunityIds(ctx.services.db, member.id);
    const texts: string[] = [];
    for (const id of ids) {
      const community = await communities.byId(id);
      if (community) texts.push((await earningsFor(ctx, community, member)).text);
    }
    // several communities can outgrow one message: keep whole lines (a cut tag is refused)
    const text = texts.length ? fitLines(texts.join("\n\n"), (count) => ctx.t("text-more-lines", { count })) : ctx.t("referrals-earnings-none");
    await deliverPrivately(ctx, { text });
  });

  return composer;
}
