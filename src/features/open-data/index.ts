import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context";
import { refuse } from "../../bot/refuse";
import { isBlockedError } from "../../bot/telegram-errors";
import { escapeHtml, truncate } from "../../domain/html";
import type { GroupBuyModule } from "../group-buy/module";
import { organizedBuy, organizesHere } from "../group-buy/use-cases/organizer-access";
import { replyBuyRefusal } from "../group-buy/refusals";
import { buyExportDocument, documentBaseUrl, type DfcServices } from "./dfc-documents";
import { importFeature } from "./import";

export { catalogDocument, saleSessionDocument, ordersDocument, buyExportDocument, DFC_MEDIA_TYPE, type DfcServices } from "./dfc-documents";

/** The buy's DFC document as bytes; a fresh read each time Telegram's upload is retried. */
async function* documentBytes(services: DfcServices, buyId: number, baseUrl: string): AsyncGenerator<Uint8Array> {
  const doc = await buyExportDocument(services, buyId, baseUrl);
  if (!doc) return;
  for await (const chunk of doc) yield Buffer.from(chunk, "utf8");
}

/**
 * /export_dfc <buy>: an organizer of the buy's community gets the buy (its
 * SaleSession and Offer, then its orders with members as opaque IRIs) as a
 * DFC JSON-LD file, privately, as /export sends its CSV. And /import_dfc:
 * a DFC catalogue file sent in private becomes a recommendation draft.
 */
export function openDataFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(importFeature());

  composer.command("export_dfc", async (ctx) => {
    if (!ctx.member) return;
    if (!(await organizesHere(m, ctx.member, ctx.community?.id))) return refuse(ctx, ctx.t("error-organizers-only"));
    const match = /^#?(\d{1,9})$/.exec(ctx.match.trim().split(/\s+/)[0] ?? "");
    if (!match) return ctx.reply(ctx.t("dfc-usage-export"));
    const found = await organizedBuy(m, { groupBuyId: Number(match[1]), actor: ctx.member, inCommunityId: ctx.community?.id });
    if (!found.ok) return replyBuyRefusal(ctx, found, match[1]!);
    const { buy } = found.organized;
    const services = m.services;
    const file = new InputFile(() => documentBytes(services, buy.id, documentBaseUrl(services.config)), `groupbuy-${buy.id}.jsonld`);
    const caption = ctx.t("dfc-export-caption", { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 60)) });
    let sent = true;
    try {
      await ctx.api.sendChatAction(ctx.from!.id, "upload_document");
      await ctx.api.sendDocument(ctx.from!.id, file, { caption, parse_mode: "HTML" });
    } catch (error) {
      if (!isBlockedError(error)) throw error;
      sent = false; // never started a private chat with the bot, or blocked it
    }
    ctx.log.info("buy exported as DFC", { group_buy_id: buy.id, sent });
    if (ctx.chat.type !== "private") await ctx.reply(ctx.t(sent ? "dfc-export-sent" : "dfc-export-start-private", { id: String(buy.id) }));
    else if (!sent) await ctx.reply(ctx.t("dfc-export-start-private"));
  });

  return composer;
}
