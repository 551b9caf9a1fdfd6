import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { I18n } from "@grammyjs/i18n";
import { LOCALES } from "../domain/locale";

/**
 * Every command the bot knows, where it can be used and by whom.
 * /help and the Telegram command menu are both built from this list.
 */
export type CommandSpec = {
  command: string;
  where: "private" | "group" | "both";
  who: "member" | "organizer";
};

export const COMMANDS: CommandSpec[] = [
  { command: "start", where: "private", who: "member" },
  { command: "help", where: "both", who: "member" },
  { command: "language", where: "private", who: "member" },
  { command: "whoami", where: "private", who: "member" },
  { command: "organizers", where: "group", who: "member" },
  { command: "add_organizer", where: "group", who: "organizer" },
  { command: "remove_organizer", where: "group", who: "organizer" },
  { command: "admins_organize", where: "group", who: "organizer" },
  { command: "share", where: "both", who: "member" },
  { command: "earnings", where: "both", who: "member" },
  { command: "recommenders", where: "both", who: "member" },
  { command: "recommenders_optout", where: "private", who: "member" },
  { command: "recommenders_optin", where: "private", who: "member" },
  { command: "payout", where: "both", who: "organizer" },
  { command: "ledger", where: "both", who: "organizer" },
  { command: "export_ledger", where: "both", who: "organizer" },
  { command: "books", where: "both", who: "member" },
  { command: "my_books", where: "private", who: "member" },
  { command: "settings", where: "both", who: "organizer" },
  { command: "self_referral", where: "both", who: "organizer" },
  { command: "community", where: "private", who: "organizer" },
  { command: "recommend", where: "private", who: "member" },
  { command: "import_dfc", where: "private", who: "member" },
  { command: "products", where: "both", who: "member" },
  { command: "my_products", where: "private", who: "member" },
  { command: "card", where: "both", who: "member" },
  { command: "review", where: "private", who: "organizer" },
  // organizers and recommenders; listed for every member, who learn it's theirs once they recommend
  { command: "feedback", where: "private", who: "member" },
  { command: "open", where: "both", who: "member" },
  { command: "my_orders", where: "private", who: "member" },
  { command: "buys", where: "both", who: "organizer" },
  { command: "orders", where: "both", who: "organizer" },
  { command: "close", where: "both", who: "organizer" },
  { command: "extend", where: "both", who: "organizer" },
  { command: "cancel_buy", where: "both", who: "organizer" },
  { command: "export", where: "both", who: "organizer" },
  { command: "export_dfc", where: "both", who: "organizer" },
  { command: "paid", where: "both", who: "organizer" },
  { command: "picked_up", where: "both", who: "organizer" },
  // helpers an organizer names may use /pickup too; the menu and /help list it for organizers
  { command: "pickup", where: "private", who: "organizer" },
  { command: "pickup_helper", where: "group", who: "organizer" },
];

export function commandsFor(where: "private" | "group", isOrganizer: boolean): CommandSpec[] {
  return COMMANDS.filter((c) => (c.where === where || c.where === "both") && (c.who === "member" || isOrganizer));
}

/**
 * A command menu: member commands for everyone (set per language below);
 * with organizer commands for an organizer's own menus (organizer-menus.ts).
 */
export function commandMenu(i18n: I18n<never>, locale: string, where: "private" | "group", organizer = false): BotCommand[] {
  return commandsFor(where, organizer).map((c) => ({ command: c.command, description: i18n.t(locale, `cmd-${c.command}`) }));
}

/** Registers the member command menu per language and per scope (private chats vs groups), all at once. */
export async function registerCommandMenus(api: Api, i18n: I18n<never>, defaultLocale: string): Promise<void> {
  const calls: Promise<true>[] = [];
  for (const where of ["private", "group"] as const) {
    const scope = { type: where === "private" ? "all_private_chats" : "all_group_chats" } as const;
    for (const locale of LOCALES) calls.push(api.setMyCommands(commandMenu(i18n, locale, where), { scope, language_code: locale }));
    calls.push(api.setMyCommands(commandMenu(i18n, defaultLocale, where), { scope }));
  }
  await Promise.all(calls);
}
