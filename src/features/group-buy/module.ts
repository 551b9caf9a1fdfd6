import type { Api } from "grammy";
import type { Services } from "../../bot/context";
import { GroupBuys, type BuyDetails } from "../../db/group-buys";
import { Orders } from "../../db/orders";
import { Announcements, type RenderedAnnouncement } from "../../services/announcements";
import { deepLinkSecret } from "../../domain/deep-link";
import { BuyLifecycle } from "./lifecycle";
import { ANNOUNCEMENT_ROSTER_LINES, announcementText, buyKeyboard, rosterEntries } from "./views";
import type { Locale } from "../../domain/money";
import { type Translate, type ViewEnv } from "../../views/env";

/** Everything the group-buy and buy-admin features share, built once per bot. */
export type GroupBuyModule = {
  services: Services;
  buys: GroupBuys;
  orders: Orders;
  announcements: Announcements;
  lifecycle: BuyLifecycle;
  /** signs referral links (same derivation as the referral feature) */
  secret: Buffer;
  botUsername: () => string;
  /** a view environment for a locale outside an update (group messages, notifications) */
  envFor(locale: Locale): ViewEnv;
  renderAnnouncement(groupBuyId: number): Promise<RenderedAnnouncement | undefined>;
};

/**
 * Builds the group-buy services and registers their scheduler jobs:
 * `group-buy-deadlines` (closes due buys, catching up after downtime, and
 * sends reminders) and `group-buy-announcements` (coalesced edits).
 */
export function createGroupBuyModule(services: Services, api: Api, botUsername: () => string): GroupBuyModule {
  const buys = new GroupBuys(services.db);
  const orders = new Orders(services.db);
  const secret = deepLinkSecret(services.config.botToken);

  const envFor = (locale: Locale): ViewEnv => {
    const t: Translate = (key, vars) => services.i18n.t(locale, key, vars);
    return { t, locale, now: services.clock.now(), botUsername: botUsername() };
  };

  const renderAnnouncement = async (groupBuyId: number): Promise<RenderedAnnouncement | undefined> => {
    const buy: BuyDetails | undefined = await buys.details(groupBuyId);
    if (!buy) return undefined;
    const env = envFor(buy.community.locale);
    const roster = await buys.roster(groupBuyId, ANNOUNCEMENT_ROSTER_LINES);
    return {
      chatId: buy.community.telegramChatId,
      text: announcementText(buy, rosterEntries(roster.rows), env, roster.total),
      replyMarkup: { inline_keyboard: buyKeyboard(buy, env, secret).inline_keyboard },
    };
  };

  const announcements = new Announcements(buys, api, services.clock, services.logger, renderAnnouncement, services.pacer);
  const lifecycle = new BuyLifecycle(services, buys, botUsername, secret);

  services.scheduler.register({
    name: "group-buy-deadlines",
    run: async () => {
      const closed = await lifecycle.closeDue();
      if (closed > 0) services.logger.info("group buys closed at their deadline", { count: closed });
      await lifecycle.sendReminders();
    },
  });
  services.scheduler.register({ name: "group-buy-announcements", run: async () => void (await announcements.flush()) });

  return { services, buys, orders, announcements, lifecycle, secret, botUsername, envFor, renderAnnouncement };
}
