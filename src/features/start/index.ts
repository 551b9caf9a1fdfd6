import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { escapeHtml } from "../../domain/html";
import { commandsFor } from "../../bot/commands";
import type { GroupBuyModule } from "../group-buy";
import { startDispatcher } from "./dispatcher";
import { firstOrganizerHint } from "./welcome";

/**
 * /start (every deep link, and the welcome: dispatcher.ts), /help and /whoami.
 * /whoami tells a person setting up a fresh install their id (see welcome.ts).
 */
export function startFeature(groupBuys: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(startDispatcher(groupBuys));
  const privateChats = composer.chatType("private");

  privateChats.command("whoami", async (ctx) => {
    const lines = [ctx.t("whoami-id", { id: String(ctx.from.id) }), ...(await firstOrganizerHint(ctx, ctx.from.id))];
    await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  });

  composer.command("help", async (ctx) => {
    const where = ctx.chat.type === "private" ? "private" : "group";
    const organizer = ctx.member
      ? ctx.community
        ? await ctx.services.organizers.isOrganizer(ctx.community.id, ctx.member)
        : (await ctx.services.organizers.communityIdsOf(ctx.member)).length > 0
      : false;
    const lines = commandsFor(where, organizer).map((c) => `/${c.command} — ${escapeHtml(ctx.t(`cmd-${c.command}`))}`);
    const header = ctx.t(where === "private" ? "help-private-header" : "help-group-header");
    await ctx.reply([header, "", ...lines].join("\n"), { parse_mode: "HTML" });
  });

  return composer;
}
