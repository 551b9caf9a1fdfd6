import { progressOf } from "../../db/outbox-messages";
import { broadcastEstimate, durationParts, formatCount } from "../../domain/broadcast-estimate";
import { escapeHtml, truncate } from "../../domain/html";
import type { PaidRefusalHook } from "../../services/paid-sends";
import { translator } from "../../views/env";
import { recipientLocale } from "./notices";
import type { BuyDeps } from "./use-cases/deps";

// A paid close whose sends Telegram refuses (the bot's Stars ran out) goes on
// at the free rate by itself; its community's organizers are told so, once per
// close, in private: how long the rest takes, and what they can do about it.

/** a member's close notice (close-buy.ts): the kind of message that is sent paid */
const CLOSE_NOTICE = /^gb(\d+):closed:o\d+$/;

type Deps = Pick<BuyDeps, "services" | "buys">;

export function paidRefusalNotices(deps: Deps): PaidRefusalHook {
  return (dedupKey) => {
    const match = CLOSE_NOTICE.exec(dedupKey);
    if (!match) return undefined;
    const buyId = Number(match[1]);
    return { once: `gb${buyId}:paid-refused`, tell: () => tellOrganizers(deps, buyId) };
  };
}

async function tellOrganizers(deps: Deps, buyId: number): Promise<void> {
  const { services } = deps;
  const buy = await deps.buys.details(buyId);
  if (!buy) return;
  // what is still to go (those in flight now among them): all at the free rate from here
  const { done, total } = await progressOf(services.db, `gb${buyId}:closed:o`);
  const left = Math.max(1, total - done);
  const seconds = broadcastEstimate(left).freeSeconds;
  const organizers = await services.organizers.listOf(buy.community.id);
  await services.outbox.enqueue(
    organizers.map((o) => {
      const locale = recipientLocale(o, buy.community.locale);
      const t = translator(services.i18n, locale);
      return {
        // one per organizer and close, whichever instance or restart gets here
        dedupKey: `gb${buyId}:paid-refused:m${o.id}`,
        chatId: o.telegramId,
        text: t("gb-paid-ran-out", {
          id: String(buyId),
          name: escapeHtml(truncate(buy.productName, 80)),
          left: formatCount(left, locale),
          free: t("paid-duration", durationParts(seconds)),
        }),
      };
    }),
  );
  services.logger.warn("paid broadcasts refused mid-close; organizers told", { group_buy_id: buyId, organizers: organizers.length, left });
}
