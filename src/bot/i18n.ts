import { join } from "node:path";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { BotContext } from "./context";
import { localeFromTelegram } from "../domain/locale";
import type { Locale } from "../domain/money";
import { projectRoot } from "../project-root";

export const localesDir = join(projectRoot, "locales");

/**
 * One I18n instance per bot. The locale is the member's choice (/language),
 * else their Telegram language, else the default. `readStoredLocale` is used
 * where the member record is not on the context (inside conversations).
 */
export function createI18n<C extends Context = BotContext>(
  defaultLocale: Locale,
  readStoredLocale?: (telegramUserId: number) => Promise<Locale | null | undefined>,
): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: localesDir,
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: async (ctx) => {
      const member = (ctx as unknown as Partial<BotContext>).member;
      if (member?.locale) return member.locale;
      if (!member && ctx.from && readStoredLocale) {
        const stored = await readStoredLocale(ctx.from.id);
        if (stored) return stored;
      }
      return localeFromTelegram(ctx.from?.language_code) ?? defaultLocale;
    },
  });
}

/** Locale for messages sent outside an update (notifications, schedules). */
export function memberLocale(member: { locale: Locale | null; telegramLanguage: string | null }, fallback: Locale): Locale {
  return member.locale ?? localeFromTelegram(member.telegramLanguage ?? undefined) ?? fallback;
}
