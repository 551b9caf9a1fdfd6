import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context";
import { escapeHtml, fitLines, truncate } from "../../domain/html";
import { ledgerCsv } from "./csv";
import { deliverPrivately, ledgerOf, organizerCommunity, readerLocale } from "./shared";
import { ledgerLine } from "./views";

const RECENT_ENTRIES = 20;
const MAX_PROBLEMS_SHOWN = 5;

/** Organizers' view of the ledger: /ledger, /export_ledger, and /self_referral on|off. */
export function organizerComposer(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("ledger", async (ctx) => {
    const community = await organizerCommunity(ctx);
    if (!community) return;
    const ledger = ledgerOf(ctx.services);
    const [entries, total, problems] = await Promise.all([
      ledger.recent(community.id, RECENT_ENTRIES),
      ledger.count(community.id),
      ledger.verify(community.id),
    ]);
    const locale = await readerLocale(ctx);
    const title = escapeHtml(truncate(community.title, 80));
    const lines = [ctx.t("referrals-ledger-title", { community: title, shown: entries.length, total })];
    if (entries.length === 0) lines.push(ctx.t("referrals-ledger-empty"));
    for (const e of entries) lines.push(ledgerLine(ctx.t.bind(ctx), locale, community.currency, community.timezone, e));
    lines.push("");
    if (problems.length === 0) lines.push(ctx.t("referrals-ledger-verified"));
    else {
      ctx.log.error("ledger does not reconcile", { community_id: community.id, problems });
      lines.push(ctx.t("referrals-ledger-problems", { count: problems.length }));
      for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) lines.push(`• ${escapeHtml(p)}`);
    }
    lines.push(ctx.t("referrals-ledger-export-hint"));
    await deliverPrivately(ctx, { text: fitLines(lines.join("\n"), (count) => ctx.t("text-more-lines", { count })) });
  });

  composer.command("export_ledger", async (ctx) => {
    const community = await organizerCommunity(ctx);
    if (!community) return;
    const ledger = ledgerOf(ctx.services);
    const csv = await ledgerCsv(ledger.all(community.id), community.currency, community.timezone);
    const day = ctx.services.clock.now().toISOString().slice(0, 10).replace(/-/g, "");
    const count = await ledger.count(community.id);
    await deliverPrivately(ctx, {
      document: new InputFile(csv, `ledger-${community.id}-${day}.csv`),
      caption: ctx.t("referrals-export-caption", { community: escapeHtml(truncate(community.title, 80)), count }),
    });
  });

  composer.chatType(["group", "supergroup"]).command("self_referral", async (ctx) => {
    const community = await organizerCommunity(ctx);
    if (!community) return;
    const arg = ctx.match.trim().toLowerCase();
    const on = ["on", "yes", "开", "开启", "是"].includes(arg);
    const off = ["off", "no", "关", "关闭", "否"].includes(arg);
    if (!on && !off) {
      const state = ctx.t(community.selfReferralEarns ? "referrals-self-state-on" : "referrals-self-state-off");
      return void (await ctx.reply(ctx.t("referrals-self-usage", { state })));
    }
    const updated = await ctx.services.communities.update(community.id, { selfReferralEarns: on });
    ctx.community = updated;
    ctx.log.info("self-referral setting changed", { community_id: community.id, self_referral_earns: on });
    await ctx.reply(ctx.t(on ? "referrals-self-set-on" : "referrals-self-set-off"));
  });

  return composer;
}
