import { Composer } from "grammy";
import { z } from "zod";
import type { BotContext } from "../../bot/context";
import { settingsOf, setPatronageShare } from "../../db/community-settings";
import { escapeHtml, truncate } from "../../domain/html";
import { formatShare, parseSharePercent } from "../../domain/patronage";
import { withNote, type CommunityChoice } from "../community-choice";

/** "20%" → 2000 bp; 0–100 %, at most two decimals. */
const shareSchema = z.string().transform((s, ctx) => {
  const bp = parseSharePercent(s);
  if (bp === undefined) {
    ctx.addIssue({ code: "custom", message: "not a share" });
    return z.NEVER;
  }
  return bp;
}).pipe(z.number().int().min(0).max(10_000));

/** /settings: the community's settings; /settings patronage 20% sets the patronage share. (Organizers; a menu later.) */
export function settingsComposer(choice: CommunityChoice): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const settingsCommand = choice.define("settings", async (ctx, scope, args) => {
    const { community } = scope;
    const [what, ...rest] = args.trim().split(/\s+/).filter(Boolean);
    if (what && ["patronage", "返还", "惠顾返还"].includes(what.toLowerCase())) {
      const parsed = shareSchema.safeParse(rest.join(""));
      if (!parsed.success) return void (await ctx.reply(withNote(scope, ctx.t("settings-patronage-bad")), { parse_mode: "HTML" }));
      await setPatronageShare(ctx.services.db, community.id, parsed.data);
      ctx.log.info("patronage share changed", { community_id: community.id, patronage_share_bp: parsed.data, by_member_id: ctx.member?.id, at: ctx.services.clock.now().toISOString() });
      return void (await ctx.reply(withNote(scope, ctx.t("settings-patronage-set", { share: formatShare(parsed.data) })), { parse_mode: "HTML" }));
    }
    if (what) return void (await ctx.reply(withNote(scope, ctx.t("settings-usage")), { parse_mode: "HTML" }));
    const s = await settingsOf(ctx.services.db, community.id);
    if (!s) return;
    const text = ctx.t("settings-show", {
      community: escapeHtml(truncate(community.title, 80)),
      patronage: formatShare(s.patronageShareBp),
      self: ctx.t(s.selfReferralEarns ? "referrals-self-state-on" : "referrals-self-state-off"),
      timezone: escapeHtml(s.timezone),
      currency: escapeHtml(s.currency),
      locale: escapeHtml(s.locale),
    });
    await ctx.reply(withNote(scope, text), { parse_mode: "HTML" });
  });
  composer.command("settings", (ctx) => settingsCommand(ctx, ctx.match));
  return composer;
}
