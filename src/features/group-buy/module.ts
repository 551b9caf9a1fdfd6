import type { Api } from "grammy";
import type { Services } from "../../bot/context";
import { GroupBuys } from "../../db/group-buys";
import { Orders } from "../../db/orders";
import { deepLinkSecret } from "../../domain/deep-link";
import { viewEnvFor } from "../../views/env";
import { Announcements, DEFAULT_ANNOUNCEMENT_OPTIONS, type RenderedAnnouncement } from "./announcements";
import type { AnnouncementChart } from "./announcement-chart";
import { breakdownOfBuy } from "../../db/breakdowns";
import { renderMoneyChart } from "../../views/money-chart";
import { slicesByKind } from "../../views/money-chart-slices";
import { closeDueBuys, type DeadlineState } from "./use-cases/close-buy";
import { sendReminders } from "./use-cases/send-reminders";
import { paidRefusalNotices } from "./paid-refusals";
import type { BuyDeps } from "./use-cases/deps";
import { withPublicPageRow } from "../open-data/page-button";
import { ANNOUNCEMENT_ROSTER_LINES, announcementText, buyKeyboard, rosterEntries } from "./views";

const ANNOUNCEMENTS_JOB = "group-buy-announcements";

/** Everything the group-buy and buy-admin features share, built once per bot (the use-cases' BuyDeps and the announcements). */
export type GroupBuyModule = BuyDeps & {
  services: Services;
  announcements: Announcements;
  /** the bot's API, for the features' own scheduler jobs (buy-admin's close progress) */
  api: Api;
};

/** A buy's group announcement as it should read now, in the community's language. */
async function renderAnnouncement(deps: BuyDeps, groupBuyId: number): Promise<RenderedAnnouncement | undefined> {
  const buy = await deps.buys.details(groupBuyId);
  if (!buy) return undefined;
  const env = viewEnvFor(deps.services.i18n, buy.community.locale, deps.services.clock.now(), deps.botUsername());
  const roster = await deps.buys.roster(groupBuyId, ANNOUNCEMENT_ROSTER_LINES);
  return {
    chatId: buy.community.telegramChatId,
    text: announcementText(buy, rosterEntries(roster.rows), env, roster.total),
    replyMarkup: { inline_keyboard: await withPublicPageRow(deps.services, buy.community.id, "supergroup", env, buyKeyboard(buy, env, deps.secret).inline_keyboard) },
  };
}

/**
 * Builds the group-buy services and registers their scheduler jobs:
 * `group-buy-deadlines` (closes due buys, catching up after downtime; urgent),
 * `group-buy-reminders` and `group-buy-announcements` (the edits' fallback:
 * taps nudge the announcements at once on the instance holding its lease).
 */
/** A buy's price breakdown (the one it was opened with) as a chart, in the community's language. */
async function renderBuyChart(deps: BuyDeps, groupBuyId: number): Promise<AnnouncementChart | undefined> {
  const buy = await deps.buys.details(groupBuyId);
  const breakdown = await breakdownOfBuy(deps.services.db, groupBuyId);
  if (!buy || !breakdown || breakdown.lines.length === 0) return undefined;
  const env = viewEnvFor(deps.services.i18n, buy.community.locale, deps.services.clock.now(), deps.botUsername());
  const png = await renderMoneyChart({
    title: env.t("chart-title-product", { product: buy.productName }),
    slices: slicesByKind(breakdown.lines, env.t),
    currency: breakdown.currency,
    locale: env.locale,
  });
  return { png };
}

/** How often (business time) the reminders are looked for. */
export const REMINDERS_EVERY_MS = 15_000;

export function createGroupBuyModule(services: Services, api: Api, botUsername: () => string): GroupBuyModule {
  const deps: BuyDeps = {
    services,
    buys: new GroupBuys(services.db),
    orders: new Orders(services.db),
    botUsername,
    secret: deepLinkSecret(services.config.botToken),
  };
  const render = (groupBuyId: number) => renderAnnouncement(deps, groupBuyId);
  // edits between ticks only on the instance that holds the job's lease
  const mayEdit = () => services.scheduler.holds(ANNOUNCEMENTS_JOB);
  const chart = (groupBuyId: number) => renderBuyChart(deps, groupBuyId);
  const announcements = new Announcements(deps.buys, api, services.clock, services.logger, render, services.pacer, DEFAULT_ANNOUNCEMENT_OPTIONS, mayEdit, chart);

  // urgent: a deadline's claim never waits behind the other jobs' passes (scheduler.ts)
  const deadlines: DeadlineState = { lastLeftoverCheck: -Infinity };
  services.scheduler.register({
    name: "group-buy-deadlines",
    urgent: true,
    run: async (signal) => {
      const { closed, more } = await closeDueBuys(deps, deadlines, signal);
      if (closed > 0) services.logger.info("group buys closed at their deadline", { count: closed });
      return more ? "more" : undefined;
    },
  });
  // a paid close whose Stars run out: its organizers are told, once
  services.outbox.whenPaidRefused(paidRefusalNotices(deps));
  // reminders are minutes to days ahead of a deadline: 15 s late is on time, and a look reads up to 200 buys
  services.scheduler.register({ name: "group-buy-reminders", intervalMs: REMINDERS_EVERY_MS, run: async () => void (await sendReminders(deps)) });
  services.scheduler.register({ name: ANNOUNCEMENTS_JOB, run: async () => void (await announcements.flush()) });

  return { ...deps, services, announcements, api };
}
