import { Composer, InputFile } from "grammy";
import { changeSetting } from "../settings/use-cases";
import type { BotContext } from "../../bot/context";
import { escapeHtml, fitLines, truncate } from "../../domain/html";
import { ledgerCsv } from "./csv";
import type { CommunityChoice } from "../community-choice";
import { withNote } from "../community-choice";
import { deliverPrivately, ledgerOf } from "./shared";
import { htmlTranslate, localeOf, viewEnvOf } from "../../views/env";
import { lastReconciliation } from "../../db/reconciliation";
import { reconciliationLine } from "../books/statement-view";
import { ledgerLine } from "./views";

const RECENT_ENTRIES = 20;
const MAX_PROBLEMS_SHOWN = 5;

/**
 * Organizers' view of the ledger: /ledger, /export_ledger, and /self_referral
 * on|off; in the group for its community, in private for the organizer's (or
 * the one they choose).
 */
export function organizerComposer(choice: CommunityChoice): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const ledgerCommand = choice.define("ledger", async (ctx, scope) => {
    const { community } = scope;
    const ledger = ledgerOf(ctx.services);
    const [entries, total, problems] = await Promise.all([
      ledger.recent(community.id, RECENT_ENTRIES),
      ledger.count(community.id),
      ledger.verify(community.id),
    ]);
    const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
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
    // the last reconciliation of ledger, orders and statements (nightly, or /books check)
    lines.push(reconciliationLine(await lastReconciliation(ctx.services.db, community.id), await viewEnvOf(ctx)));
    lines.push(ctx.t("referrals-ledger-export-hint"));
    await deliverPrivately(ctx, { text: fitLines(withNote(scope, lines.join("\n")), (count) => ctx.t("text-more-lines", { count })) });
  });
  composer.command("ledger", (ctx) => ledgerCommand(ctx, ctx.match));

  const exportCommand = choice.define("export_ledger", async (ctx, scope) => {
    const { community } = scope;
    const ledger = ledgerOf(ctx.services);
    // the organizer's language for the header and words; a fresh stream if the upload is retried
    const t = ctx.t.bind(ctx) as (key: string, vars?: Record<string, string | number>) => string;
    const csv = () => ledgerCsv(ledger.all(community.id), community.currency, community.timezone, t);
    const day = ctx.services.clock.now().toISOString().slice(0, 10).replace(/-/g, "");
    const count = await ledger.count(community.id);
    await deliverPrivately(ctx, {
      document: new InputFile(csv, `ledger-${community.id}-${day}.csv`),
      caption: withNote(scope, htmlTranslate((key, vars) => ctx.t(key, vars))("referrals-export-caption", { community: truncate(community.title, 80), count })),
    });
  });
  composer.command("export_ledger", (ctx) => exportCommand(ctx, ctx.match));

  const selfReferralCommand = choice.define("self_referral", async (ctx, scope, args) => {
    const { community } = scope;
    const arg = args.trim().toLowerCase();
    const on = ["on", "yes", "开", "开启", "是"].includes(arg);
    const off = ["off", "no", "关", "关闭", "否"].includes(arg);
    if (!on && !off) {
      const state = ctx.t(community.selfReferralEarns ? "referrals-self-state-on" : "referrals-self-state-off");
      return void (await ctx.reply(withNote(scope, ctx.t("referrals-self-usage", { state })), { parse_mode: "HTML" }));
    }
    if (!ctx.member) return;
    // the settings' one use-case: logged in /settings like a change made there
    const result = await changeSetting(ctx.services, { communityId: community.id, member: ctx.member, change: { key: "selfReferral", value: on }, updateId: ctx.update.update_id });
    if (result.kind === "not-allowed") return void (await ctx.reply(ctx.t("error-organizers-only")));
    if (ctx.community?.id === result.community.id) ctx.community = result.community;
    await ctx.reply(withNote(scope, ctx.t(on ? "referrals-self-set-on" : "referrals-self-set-off")), { parse_mode: "HTML" });
  });
  composer.command("self_referral", (ctx) => selfReferralCommand(ctx, ctx.match));

  return composer;
}
