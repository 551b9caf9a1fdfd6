import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { displayName } from "../../db/members";
import { htmlTranslate } from "../../views/env";
import { START_RECOMMENDING } from "../recommend/callbacks";
import { openLanguageMenu } from "../language";

/**
 * A plain /start (or a payload that is not ours). A fresh install has no
 * organizers (ORGANIZER_IDS is empty) and the person setting it up rarely
 * knows their numeric Telegram id: while nobody organizes anything, /start
 * tells them their id and how to become the first organizer. Only the
 * person's own id is shown, and only in private.
 */
export async function welcome(ctx: BotContext & { from: NonNullable<BotContext["from"]> }): Promise<void> {
  const name = ctx.member ? displayName(ctx.member) : ctx.from.first_name;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("recommend-start-button"), START_RECOMMENDING.pack({}))
    .row()
    .text(ctx.t("start-button-language"), openLanguageMenu.pack({}));
  const welcomeText = htmlTranslate((key, vars) => ctx.t(key, vars))("start-welcome", { name });
  const bootstrap = await firstOrganizerHint(ctx, ctx.from.id);
  await ctx.reply([welcomeText, ...bootstrap].join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

/** How to become the first organizer, while nobody organizes anything (see welcome); else nothing. */
export async function firstOrganizerHint(ctx: BotContext, telegramId: number): Promise<string[]> {
  return (await ctx.services.organizers.anyOrganizer()) ? [] : ["", ctx.t("start-first-organizer", { id: String(telegramId) })];
}
