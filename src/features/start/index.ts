import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { escapeHtml } from "../../domain/html";
import { displayName } from "../../db/members";
import { commandsFor } from "../../bot/commands";
import { START_RECOMMENDING } from "../recommend/callbacks";

/**
 * /start and /help. Deep-link payloads (`/start <payload>`) are claimed by the
 * features that own them; whatever reaches here is a plain start.
 */
export function startFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("start", async (ctx) => {
    const name = ctx.member ? displayName(ctx.member) : ctx.from.first_name;
    const keyboard = new InlineKeyboard()
      .text(ctx.t("recommend-start-button"), START_RECOMMENDING)
      .row()
      .text(ctx.t("start-button-language"), "lang_menu");
    await ctx.reply(ctx.t("start-welcome", { name: escapeHtml(name) }), { parse_mode: "HTML", reply_markup: keyboard });
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
