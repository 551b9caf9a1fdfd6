import type { Api } from "grammy";
import { memberLocale } from "../../bot/i18n";
import { ignoringHarmless, isBlockedError } from "../../bot/telegram-errors";
import { closesInProgress, finishCloseProgress, recordProgressMessage, type CloseProgress } from "../../db/close-progress";
import { progressOf } from "../../db/outbox-messages";
import { escapeHtml, truncate } from "../../domain/html";
import { translator } from "../../views/env";
import type { GroupBuyModule } from "../group-buy/module";

// A big close's progress, for whoever closed it (closeBuy records who, for
// closes of CLOSE_PROGRESS_MIN_NOTICES or more): one private message, "notified
// 3,000 / 10,000", edited as the outbox sends the members' notices, and at the
// end "all 10,000 notified". The outbox sends in passes (create-bot.ts); this
// job runs between them, at most every PROGRESS_EVERY_MS. Its own sends go
// straight to Telegram, not through the outbox, whose queue holds the very
// notices being counted; they take their turn from the shared pacer.

/** How often the progress message is edited at most. */
export const PROGRESS_EVERY_MS = 5_000;

/**
 * How many of a buy's members' close notices (closeBuy's keys `gb<id>:closed:o<order>`)
 * are handled. The opener's notice, `gb<id>:closed:opener`, shares the prefix: it is taken out.
 */
async function membersNotified(m: GroupBuyModule, groupBuyId: number): Promise<{ done: number; total: number }> {
  const [all, opener] = await Promise.all([progressOf(m.services.db, `gb${groupBuyId}:closed:o`), progressOf(m.services.db, `gb${groupBuyId}:closed:opener`)]);
  return { done: all.done - opener.done, total: all.total - opener.total };
}

export function registerCloseProgress(m: GroupBuyModule, api: Api): void {
  // what each message shows now (this process): an unchanged count is not edited again
  const shown = new Map<number, string>();
  m.services.scheduler.register({
    name: "buy-close-progress",
    intervalMs: PROGRESS_EVERY_MS,
    run: async (signal) => {
      for (const progress of await closesInProgress(m.services.db)) {
        if (signal.aborted) return;
        try {
          await showProgress(m, api, progress, shown);
        } catch (error) {
          m.services.logger.warn("could not show a close's progress", { group_buy_id: progress.groupBuyId, error: String(error) });
        }
      }
    },
  });
}

async function showProgress(m: GroupBuyModule, api: Api, progress: CloseProgress, shown: Map<number, string>): Promise<void> {
  const { services } = m;
  const { groupBuyId, chatId, messageId } = progress;
  const buy = await m.buys.details(groupBuyId);
  if (!buy) return;
  const { done, total } = await membersNotified(m, groupBuyId);
  const finished = done >= total;
  const watcher = await services.members.byTelegramId(chatId);
  const t = translator(services.i18n, memberLocale(watcher ?? { locale: null, telegramLanguage: null }, buy.community.locale));
  const text = t(finished ? "gba-progress-done" : "gba-progress", { id: String(groupBuyId), name: escapeHtml(truncate(buy.productName, 60)), done, total });
  if (messageId === null || shown.get(groupBuyId) !== text) {
    const answered = await services.pacer.take(chatId);
    try {
      if (messageId === null) {
        const sent = await api.sendMessage(chatId, text, { parse_mode: "HTML" });
        await recordProgressMessage(services.db, groupBuyId, sent.message_id);
      } else {
        await ignoringHarmless(() => api.editMessageText(chatId, messageId, text, { parse_mode: "HTML" }));
      }
    } catch (error) {
      if (!isBlockedError(error)) throw error;
      // they blocked the bot (or never started it): nobody to show it to
      await finishCloseProgress(services.db, groupBuyId, services.clock.now());
      shown.delete(groupBuyId);
      return;
    } finally {
      answered();
    }
    shown.set(groupBuyId, text);
  }
  if (finished) {
    await finishCloseProgress(services.db, groupBuyId, services.clock.now());
    shown.delete(groupBuyId);
  }
}
