import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { fitLines, truncate } from "../../domain/html";
import { htmlTranslate } from "../../views/env";
import type { CommunityRecord } from "../../db/communities";
import { displayName } from "../../db/members";
import { recommendersOf } from "../../db/referrals";

const MAX_LISTED = 40;

async function recommendersText(ctx: BotContext, community: CommunityRecord): Promise<string> {
  const { listed, hidden } = await recommendersOf(ctx.services.db, community.id);
  const html = htmlTranslate((key, vars) => ctx.t(key, vars));
  const lines = [html("referrals-recommenders-title", { community: truncate(community.title, 80) })];
  if (listed.length === 0 && hidden === 0) lines.push(ctx.t("referrals-recommenders-none"));
  for (const r of listed.slice(0, MAX_LISTED)) {
    lines.push(
      html("referrals-recommenders-line", {
        name: truncate(displayName(r.member), 40),
        products: r.products,
        buys: r.buys,
        orders: r.orders,
      }),
    );
  }
  const unnamed = hidden + Math.max(0, listed.length - MAX_LISTED);
  if (unnamed > 0) lines.push(ctx.t("referrals-recommenders-others", { count: unnamed }));
  if (listed.length > 0 || hidden > 0) lines.push("", ctx.t("referrals-recommenders-thanks"));
  return lines.join("\n");
}

/**
 * /recommenders: the community's recommenders and what they brought — the
 * co-op's thanks made visible. Display names only; a member can opt out.
 */
export function recommendersComposer(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("recommenders", async (ctx) => {
    if (!ctx.member) return;
    const communities = ctx.community ? [ctx.community] : await ctx.services.communities.ofMember(ctx.member.id);
    if (communities.length === 0) return void (await ctx.reply(ctx.t("referrals-recommenders-no-community")));
    const texts = await Promise.all(communities.map((c) => recommendersText(ctx, c)));
    await ctx.reply(fitLines(texts.join("\n\n"), (count) => ctx.t("text-more-lines", { count })), { parse_mode: "HTML" });
  });

  composer.command(["recommenders_optout", "recommenders_optin"], async (ctx) => {
    if (!ctx.member) return;
    const hide = ctx.msg.text.startsWith("/recommenders_optout");
    await ctx.services.members.setHidden(ctx.member.id, hide);
    ctx.member = { ...ctx.member, hideFromRecommenders: hide };
    await ctx.reply(ctx.t(hide ? "referrals-recommenders-hidden" : "referrals-recommenders-shown"));
  });

  return composer;
}
