import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { escapeHtml } from "../../domain/html";
import { displayName } from "../../db/members";
import { commandsFor } from "../../bot/commands";
import { START_RECOMMENDING } from "../recommend/callbacks";
import { openLanguageMenu } from "../language";

/**
 * /start, /help and /whoami. Deep-link payloads (`/start <payload>`) are
 * claimed by the features that own them; whatever reaches here is a plain start.
 *
 * A fresh install has no organizers (ORGANIZER_IDS is empty) and the person
 * setting it up rarely knows their numeric Telegram id: while nobody organizes
 * anything, /start and /whoami tell them their id and how to become the first
 * organizer. Only the person's own id is shown, and only in private.
 */
export function startFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("start", async (ctx) => {
    const name = ctx.member ? displayName(ctx.member) : ctx.from.first_name;
    const keyboard = new InlineKeyboard()
      .text(ctx.t("recommend-start-button"), START_RECOMMENDING.pack({}))
      .row()
      .text(ctx.t("start-button-language"), openLanguageMenu.pack({}));
    const welcome = ctx.t("start-welcome", { name: escapeHtml(name) });
    const bootstrap = (await ctx.services.organizers.anyOrganizer()) ? [] : ["", ctx.t("start-first-organizer", { id: String(ctx.from.id) })];
    await ctx.reply([welcome, ...bootstrap].join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
  });

  privateChats.command("whoami", async (ctx) => {
    const lines = [ctx.t("whoami-id", { id: String(ctx.from.id) })];
    if (!(await ctx.services.organizers.anyOrganizer())) lines.push("", ctx.t("start-first-organizer", { id: String(ctx.from.id) }));
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
