import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { createCallbackData } from "../../bot/callback-data";
import { LOCALES } from "../../domain/locale";
import { z } from "zod";
import { ignoringHarmless } from "../../bot/telegram-errors";

// both in the member's private chat only
const chooseLanguage = createCallbackData("lang", { locale: z.enum(["zh", "en"]) });
/** /start's "Language" button */
export const openLanguageMenu = createCallbackData("lang_menu", {});

function languageKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) keyboard.text(ctx.t(`language-name-${locale}`), chooseLanguage.pack({ locale }));
  return keyboard;
}

/** /language: a member picks zh or en; stored on the member, used everywhere. */
export function languageFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const privateChats = composer.chatType("private");

  privateChats.command("language", (ctx) => ctx.reply(ctx.t("language-choose"), { reply_markup: languageKeyboard(ctx) }));
  privateChats.callbackQuery(openLanguageMenu.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language-choose"), { reply_markup: languageKeyboard(ctx) });
  });

  composer.callbackQuery(chooseLanguage.filter, async (ctx) => {
    const choice = chooseLanguage.unpack(ctx.callbackQuery.data);
    if (!choice || !ctx.member) return ctx.answerCallbackQuery();
    ctx.member = await ctx.services.members.setLocale(ctx.member.id, choice.locale);
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ignoringHarmless(() => ctx.editMessageText(ctx.t("language-set")));
    // an organizer's own menus are worded in their language (nothing is sent for anyone else)
    await ctx.services.organizerMenus.refreshAll([ctx.member]);
  });

  return composer;
}
