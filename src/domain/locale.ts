import type { Locale } from "./money";

export const LOCALES: readonly Locale[] = ["zh", "en"];

/** Maps a Telegram language_code (zh-hans, en-GB…) to one we speak. */
export function localeFromTelegram(code: string | undefined): Locale | undefined {
  if (!code) return undefined;
  const base = code.toLowerCase().split(/[-_]/)[0];
  return base === "zh" || base === "en" ? base : undefined;
}

export function isLocale(value: unknown): value is Locale {
  return value === "zh" || value === "en";
}
