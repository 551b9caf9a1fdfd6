import { Composer, type Api } from "grammy";
import { createTask } from "node-cron";
import type { BotContext, BuyLifecycleListener, Services } from "../../bot/context";
import { refuse } from "../../bot/refuse";
import { lastReconciliation } from "../../db/reconciliation";
import { buyCommunityId, latestSettledBuy, markOrderStatementDirty, markStatementDirty, statementData } from "../../db/statements";
import { escapeHtml, truncate } from "../../domain/html";
import { settle } from "../../domain/statement";
import { viewEnvFor, viewEnvOf } from "../../views/env";
import { reconcileNow } from "./reconcile";
import { publicPageButton } from "../open-data/page-button";
import { StatementPosts, type StatementRenderer } from "./statement-post";
import { reconciliationLine, statementChart, statementShortCaption, statementText } from "./statement-view";

export { reconciliationLine } from "./statement-view";

const STATEMENTS_JOB = "books-statements";
const RECONCILE_JOB = "books-reconciliation";
const DEFAULT_RECONCILE_CRON = "30 3 * * *";

export type BooksModule = { posts: StatementPosts; render: StatementRenderer };

/**
 * The statements' scheduler jobs: `books-statements` posts and edits the
 * dirty statements; `books-reconciliation` runs the check when RECONCILE_CRON
 * falls due (in business time, so a tick after downtime catches up once).
 */
export function createBooksModule(services: Services, api: Api, botUsername: () => string): BooksModule {
  const render: StatementRenderer = async (groupBuyId) => {
    const data = await statementData(services.db, groupBuyId);
    if (!data) return undefined;
    const env = viewEnvFor(services.i18n, data.buy.locale as "zh" | "en", services.clock.now(), botUsername());
    const s = settle(data.input);
    return {
      buy: { id: data.buy.id, statementMessageId: data.buy.statementMessageId, statementHash: data.buy.statementHash },
      rendered: { chatId: data.buy.chatId, text: statementText(data, s, env), shortCaption: statementShortCaption(data, s, env), chart: statementChart(data, s, env) },
    };
  };
  const posts = new StatementPosts({ db: services.db, api, clock: services.clock, logger: services.logger, pacer: services.pacer }, render);
  services.scheduler.register({ name: STATEMENTS_JOB, run: async (signal) => void (await posts.pass(signal)) });

  const schedule = createTask(services.config.reconcileCron ?? DEFAULT_RECONCILE_CRON, () => undefined, { timezone: services.config.timezone });
  let checkedUpTo = minuteOf(services.clock.now());
  services.scheduler.register({
    name: RECONCILE_JOB,
    run: async (signal) => {
      const now = minuteOf(services.clock.now());
      // a due minute since the last look (at most two days back: one catch-up run after downtime)
      let due = false;
      for (let m = Math.max(checkedUpTo + 60_000, now - 2 * 86_400_000); m <= now && !due; m += 60_000) due = schedule.match(new Date(m));
      checkedUpTo = now;
      if (due) await reconcileNow(services, undefined, signal);
    },
  });
  services.buyListeners.push(statementListener());
  return { posts, render };
}

function minuteOf(d: Date): number {
  return Math.floor(d.getTime() / 60_000) * 60_000;
}

/** The changes that come through the buy's lifecycle (close, refunds) mark its statement in their transaction. */
function statementListener(): BuyLifecycleListener {
  return {
    buySucceeded: (tx, groupBuyId) => markStatementDirty(tx, groupBuyId),
    orderReversed: (tx, orderId) => markOrderStatementDirty(tx, orderId),
  };
}

/**
 * /books <buy>: the buy's statement, for members of its community (in the
 * group or in private); /books alone: the community's latest closed buy;
 * /books check: organizers reconcile now. (/books month… is the period
 * books' feature, registered before this one.)
 */
export function booksFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("books", async (ctx) => {
    if (!ctx.member) return;
    const arg = ctx.match.trim().replace(/^#/, "");
    if (/^(check|对账)$/i.test(arg)) return reconcileCommand(ctx);
    // the period books' feature (before this one) has taken month, last and YYYY-MM
    if (arg !== "" && !/^\d{1,9}$/.test(arg)) return void (await ctx.reply(ctx.t("books-usage")));
    const communities = ctx.community ? [ctx.community] : await ctx.services.communities.ofMember(ctx.member.id);
    if (communities.length === 0) return void (await ctx.reply(ctx.t("books-no-community")));
    let id: number | undefined = arg === "" ? undefined : Number(arg);
    if (id === undefined) {
      if (communities.length > 1) return void (await ctx.reply(ctx.t("books-usage")));
      id = await latestSettledBuy(ctx.services.db, communities[0]!.id);
      if (id === undefined) return void (await ctx.reply(ctx.t("books-none-closed")));
    }
    const data = await statementData(ctx.services.db, id);
    const communityId = data ? data.buy.communityId : await buyCommunityId(ctx.services.db, id);
    if (communityId === undefined || !communities.some((c) => c.id === communityId)) return void (await ctx.reply(ctx.t("books-not-found", { id: String(id) })));
    if (!data) return void (await ctx.reply(ctx.t("books-no-statement", { id: String(id) })));
    const env = await viewEnvOf(ctx);
    const check = reconciliationLine(await lastReconciliation(ctx.services.db, communityId), env);
    const page = await publicPageButton(ctx.services, communityId, ctx.chat?.type, env);
    await ctx.reply(statementText(data, settle(data.input), env, check), { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(page ? { reply_markup: { inline_keyboard: [[page]] } } : {}) });
  });
  return composer;
}

async function reconcileCommand(ctx: BotContext): Promise<void> {
  const member = ctx.member!;
  const { organizers } = ctx.services;
  const ids = ctx.community ? ((await organizers.isOrganizer(ctx.community.id, member)) ? [ctx.community.id] : []) : await organizers.communityIdsOf(member);
  if (ids.length === 0) return refuse(ctx, ctx.t("books-check-organizer-only"));
  const env = await viewEnvOf(ctx);
  const results = await reconcileNow(ctx.services, ids);
  const lines = [];
  for (const [communityId, result] of results) {
    const title = ids.length > 1 ? `${escapeHtml(truncate((await ctx.services.communities.byId(communityId))?.title ?? String(communityId), 60))}: ` : "";
    lines.push(title + reconciliationLine(result, env));
  }
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
}
