// The one view environment: how a view learns the language, the time, the
// bot's name, and how it says money. Features build it once per update
// (viewEnvOf) or once per recipient outside updates (viewEnvFor).
import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import { isLocale } from "../domain/locale";
import type { Locale } from "../domain/money";
import { escapedVars, type HtmlValue } from "../domain/html";

/** A translation function bound to one locale (ctx.t, or i18n.t outside updates). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export type ViewEnv = {
  t: Translate;
  locale: Locale;
  now: Date;
  botUsername: string;
};

/** What an update's context offers the view environment (a bot context or a conversation's). */
type LocaleContext = Context & I18nFlavor;

/** The language this update is answered in: the member's choice, their Telegram language, else the default. */
export async function localeOf(ctx: LocaleContext, fallback: Locale): Promise<Locale> {
  const negotiated = await ctx.i18n.getLocale();
  return isLocale(negotiated) ? negotiated : fallback;
}

/** What the view environment reads from the bot's services (structurally: views don't import the bot). */
type EnvServices = { services: { config: { defaultLocale: Locale }; clock: { now(): Date } } };

/** The view environment of an update: the member's language, the bot's name, now. */
export async function viewEnvOf(ctx: LocaleContext & EnvServices): Promise<ViewEnv> {
  const { config, clock } = ctx.services;
  return { t: (key, vars) => ctx.t(key, vars), locale: await localeOf(ctx, config.defaultLocale), now: clock.now(), botUsername: ctx.me.username };
}

/** The view environment of a message sent outside an update (a notice, a scheduled edit). */
export function viewEnvFor(i18n: Pick<I18n, "t">, locale: Locale, now: Date, botUsername: string): ViewEnv {
  return { t: translator(i18n, locale), locale, now, botUsername };
}

/** i18n.t bound to one locale. */
export function translator(i18n: Pick<I18n, "t">, locale: Locale): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}

/**
 * A translation for an HTML message: every string variable is escaped, so a
 * member's name can't slip in as markup. Pass our own fragments as raw(…).
 */
export type HtmlTranslate = (key: string, vars?: Record<string, HtmlValue>) => string;

export function htmlTranslate(t: Translate): HtmlTranslate {
  return (key, vars) => t(key, vars && escapedVars(vars));
}
