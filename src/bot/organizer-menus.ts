import { createHash } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { BotCommandScope } from "grammy/types";
import type { I18n } from "@grammyjs/i18n";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { Db } from "../db/client";
import type { CommunityDirectory } from "../db/communities";
import type { MemberDirectory, MemberRecord } from "../db/members";
import type { Organizers } from "../db/organizers";
import { storedStateAdapter, type StoredStateAdapter } from "../db/stored-state";
import type { Locale } from "../domain/money";
import { commandMenu } from "./commands";
import { localeFromTelegram } from "../domain/locale";

/** What was set for one organizer, so a re-run (start-up, a role change) only sends what differs. */
type MenuRecord = { locale: Locale; version: string; private: boolean; groups: number[] };

export type MenuHolder = Pick<MemberRecord, "id" | "telegramId" | "locale" | "telegramLanguage">;

export type OrganizerMenuOptions = {
  /** at least this long between two setMyCommands/deleteMyCommands calls (Telegram limits them, undocumented) */
  gapMs: number;
  /** calls per scheduler pass, so the job never holds the others up for long */
  callsPerPass: number;
  /** how often every organizer's menus are checked again (role changes made while down, admins promoted on Telegram) */
  resyncMs: number;
};

const DEFAULTS: OrganizerMenuOptions = { gapMs: 100, callsPerPass: 30, resyncMs: 6 * 3600_000 };

type Deps = {
  db: Db;
  organizers: Organizers;
  communities: CommunityDirectory;
  members: MemberDirectory;
  i18n: I18n<never>;
  defaultLocale: Locale;
  clock: Clock;
  logger: Logger;
};

/**
 * Organizers' own command menus. Everyone gets the member menu (per language,
 * commands.ts); an organizer also gets one that lists organizer commands, in
 * each group they organize (scope chat_member) and in their private chat
 * (scope chat), worded in their language — a per-chat scope can't be combined
 * with the per-language ones, so the text is picked here. Role changes call
 * `refresh`; the `organizer-menus` job brings everyone up to date after a
 * start, a pass at a time. A record per organizer (StoredState) says what was
 * set, so only differences are sent.
 */
export class OrganizerMenus {
  private readonly records: StoredStateAdapter<MenuRecord>;
  private readonly chains = new Map<number, Promise<void>>();
  private nextCallAt = 0;
  private queue?: number[];
  private syncedAt?: number;
  private budget = Infinity;
  private armed = false;

  constructor(
    private api: Api,
    private deps: Deps,
    private options: OrganizerMenuOptions = DEFAULTS,
  ) {
    this.records = storedStateAdapter<MenuRecord>(deps.db, "organizer-menu");
  }

  /** Brings this member's menus in step with what they organize now (one refresh at a time per member). */
  refresh(member: MenuHolder): Promise<void> {
    const previous = this.chains.get(member.telegramId) ?? Promise.resolve();
    const next = previous.then(() => this.apply(member));
    const tail = next.catch(() => undefined);
    this.chains.set(member.telegramId, tail);
    void tail.then(() => {
      if (this.chains.get(member.telegramId) === tail) this.chains.delete(member.telegramId);
    });
    return next;
  }

  /** refresh for several members, never failing: a role change's reply has gone already. */
  async refreshAll(members: readonly MenuHolder[]): Promise<void> {
    for (const member of members) {
      await this.refresh(member).catch((error: unknown) =>
        this.deps.logger.warn("could not update an organizer's command menu", { member_id: member.id, error: String(error) }),
      );
    }
  }

  /** Everyone who organizes a community, as members. */
  async organizersOf(communityId: number): Promise<MemberRecord[]> {
    return this.deps.organizers.listOf(communityId);
  }

  /** The app started (app.ts): the job brings every organizer's menus up to date, then every `resyncMs`. */
  syncAfterStart(): void {
    this.armed = true;
  }

  /**
   * The scheduler job: every organizer (and everyone with a menu recorded) is
   * refreshed, `callsPerPass` calls at a time; "more" until all are done.
   * Idle until the app's start arms it (a bot built by tests doesn't sync).
   */
  async syncPass(signal: AbortSignal): Promise<void | "more"> {
    if (!this.armed) return;
    const now = this.deps.clock.now().getTime();
    if (!this.queue) {
      if (this.syncedAt !== undefined && now - this.syncedAt < this.options.resyncMs) return;
      this.queue = await this.everyone();
    }
    this.budget = this.options.callsPerPass;
    try {
      while (this.queue.length > 0 && this.budget > 0 && !signal.aborted) {
        const telegramId = this.queue[0]!;
        const member = await this.deps.members.byTelegramId(telegramId);
        // one organizer's failure (a network error past the retries) doesn't hold up the others: the next sync retries it
        if (member) await this.refreshAll([member]);
        else await this.records.delete(String(telegramId));
        this.queue.shift();
      }
    } finally {
      this.budget = Infinity;
    }
    if (this.queue.length > 0) return "more";
    this.queue = undefined;
    this.syncedAt = now;
  }

  private async everyone(): Promise<number[]> {
    const ids = new Set<number>();
    for (const community of await this.deps.communities.allActive()) {
      for (const m of await this.deps.organizers.listOf(community.id)) ids.add(m.telegramId);
    }
    for (const key of await this.records.keys()) ids.add(Number(key));
    return [...ids].sort((a, b) => a - b);
  }

  private async apply(member: MenuHolder): Promise<void> {
    const key = String(member.telegramId);
    const had = await this.records.read(key);
    const groups: number[] = [];
    for (const id of await this.deps.organizers.communityIdsOf(member)) {
      const community = await this.deps.communities.byId(id);
      if (community?.active) groups.push(community.telegramChatId);
    }
    // as memberLocale (./i18n) says it, which this file can't import (i18n.ts knows the context, the context this)
    const locale = member.locale ?? localeFromTelegram(member.telegramLanguage ?? undefined) ?? this.deps.defaultLocale;
    const version = menuVersion(this.deps.i18n, locale);
    // a new language or a changed command list: every scope is set again
    const current = had && had.locale === locale && had.version === version ? had : undefined;
    const next: MenuRecord = { locale, version, private: false, groups: [] };
    const user = member.telegramId;

    if (groups.length > 0) {
      next.private = current?.private || (await this.set({ type: "chat", chat_id: user }, "private", locale));
    } else if (had?.private && !(await this.remove({ type: "chat", chat_id: user }))) next.private = true;
    for (const chatId of groups) {
      const ok = current?.groups.includes(chatId) || (await this.set({ type: "chat_member", chat_id: chatId, user_id: user }, "group", locale));
      if (ok) next.groups.push(chatId);
    }
    for (const chatId of had?.groups ?? []) {
      if (groups.includes(chatId)) continue;
      if (!(await this.remove({ type: "chat_member", chat_id: chatId, user_id: user }))) next.groups.push(chatId);
    }
    if (!next.private && next.groups.length === 0) {
      if (had) await this.records.delete(key);
    } else await this.records.write(key, next);
  }

  /** True when set; false when Telegram refused it (a chat the bot can't reach, a user it doesn't know). */
  private async set(scope: BotCommandScope, where: "private" | "group", locale: Locale): Promise<boolean> {
    return this.call(() => this.api.setMyCommands(commandMenu(this.deps.i18n, locale, where, true), { scope }), scope);
  }

  /** True when gone (or Telegram no longer knows the chat: nothing is left to show). */
  private async remove(scope: BotCommandScope): Promise<boolean> {
    return this.call(() => this.api.deleteMyCommands({ scope }), scope, true);
  }

  private async call(send: () => Promise<unknown>, scope: BotCommandScope, refusedIsDone = false): Promise<boolean> {
    this.budget--;
    const wait = this.nextCallAt - Date.now();
    this.nextCallAt = Math.max(Date.now(), this.nextCallAt) + this.options.gapMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    try {
      await send();
      return true;
    } catch (error) {
      if (!(error instanceof GrammyError) || (error.error_code !== 400 && error.error_code !== 403)) throw error;
      this.deps.logger.info("Telegram refused an organizer command menu", { scope: JSON.stringify(scope), error: error.description });
      return refusedIsDone;
    }
  }
}

/** Changes when the organizer menus' commands or wording in this language change. */
function menuVersion(i18n: I18n<never>, locale: Locale): string {
  const menus = JSON.stringify([commandMenu(i18n, locale, "private", true), commandMenu(i18n, locale, "group", true)]);
  return createHash("sha256").update(menus).digest("base64url").slice(0, 16);
}
