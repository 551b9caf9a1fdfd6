import { InputFile, type Api } from "grammy";
import type { Logger } from "../../logger";
import type { GroupBuys } from "../../db/group-buys";
import type { SendPacer } from "../../services/send-pacer";

/** The chart posted above a buy's announcement: its price breakdown as a PNG. */
export type AnnouncementChart = { png: Buffer; caption?: string };

/**
 * The chart above the announcement, under the announcement's claim (so one
 * instance posts it) and recorded before the announcement goes (so a retry
 * after a failed announcement doesn't post it again). Any failure — no
 * breakdown, a render error, Telegram refusing the photo — is logged and the
 * announcement goes as text alone: members can join without the picture.
 */
export async function postAnnouncementChart(
  deps: { api: Api; pacer: SendPacer; buys: GroupBuys; logger: Logger },
  chartOf: (groupBuyId: number) => Promise<AnnouncementChart | undefined>,
  groupBuyId: number,
  chatId: number,
): Promise<void> {
  try {
    const chart = await chartOf(groupBuyId);
    if (!chart) return;
    const answered = await deps.pacer.take(chatId, true);
    const photo = await deps.api
      .sendPhoto(chatId, new InputFile(chart.png, `buy-${groupBuyId}-chart.png`), chart.caption ? { caption: chart.caption, parse_mode: "HTML" } : {})
      .finally(answered);
    await deps.buys.setChartMessage(groupBuyId, photo.message_id);
  } catch (error) {
    deps.logger.warn("could not post a group buy's chart; announcing with text only", { group_buy_id: groupBuyId, error: String(error) });
  }
}
