import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../../bot/context";
import { refuse } from "../../bot/refuse";
import { createCallbackData, idField } from "../../bot/callback-data";
import { ignoringHarmless } from "../../bot/telegram-errors";
import type { CommunityRecord } from "../../db/communities";
import { CommunityChoices } from "../../db/community-choices";
import { truncate } from "../../domain/html";
import { htmlTranslate } from "../../views/env";

/** The community an organizer command acts on; `note` (HTML) says so when it was the organizer's choice. */
export type Scope = { community: CommunityRecord; note?: string };

/** An organizer command's body, once its community is known. `args` is what followed the command. */
export type ScopedCommand = (ctx: BotContext, scope: Scope, args: string) => Promise<unknown>;

/** A command's body with its note put first, so a long text cut to fit keeps it. */
export function withNote(scope: Scope, text: string): string {
  return scope.note ? `${scope.note}\n${text}` : text;
}

// private, organizers: the member's pending command (by nonce) in community c
const pick = createCallbackData("cpick", { c: idField, n: z.string().regex(/^[0-9a-f]{12}$/) }, { chats: ["private"], audience: "organizer" });

/** Telegram shows at most 100 buttons under a message. */
const MAX_BUTTONS = 100;
/** The pending command of `/community` itself: a pick only switches. */
const SWITCH = "community";

const choicesOf = (ctx: BotContext) => new CommunityChoices(ctx.services.db);

/**
 * Organizer commands in private, for organizers of several communities: the
 * command asks "which community?" with a button per community, keeps what was
 * sent (with its arguments) until one is pressed, then runs it there. The
 * choice is remembered for the next commands (each says so, with the way to
 * switch: /community). In a group a command acts on that group's community;
 * an organizer of one community is never asked.
 *
 * Features define their commands through `define`, so the press can run them.
 */
export class CommunityChoice {
  private commands = new Map<string, ScopedCommand>();

  constructor() {
    this.commands.set(SWITCH, async (ctx, scope) =>
      ctx.reply(htmlTranslate((key, vars) => ctx.t(key, vars))("community-choice-switched", { community: truncate(scope.community.title, 80) }), { parse_mode: "HTML" }),
    );
  }

  /** `/command`'s entry point: finds (or asks for) the community, then runs `run` there. */
  define(command: string, run: ScopedCommand): (ctx: BotContext, args: string) => Promise<void> {
    if (this.commands.has(command)) throw new Error(`community command ${command} defined twice`);
    this.commands.set(command, run);
    return async (ctx, args) => {
      const scope = await this.resolve(ctx, command, args);
      if (scope) await run(ctx, scope, args);
    };
  }

  /**
   * The community for `command` here: the group's (organizers only), or in
   * private the member's only one, or the one they chose. Otherwise answers
   * (refusal, or the picker) and returns undefined.
   */
  private async resolve(ctx: BotContext, command: string, args: string): Promise<Scope | undefined> {
    const member = ctx.member;
    if (!member) return undefined;
    const { organizers, communities } = ctx.services;
    if (ctx.community) {
      if (await organizers.isOrganizer(ctx.community.id, member)) return { community: ctx.community };
      await refuse(ctx, ctx.t("error-organizers-only"));
      return undefined;
    }
    const ids = await organizers.communityIdsOf(member);
    if (ids.length === 0) {
      await ctx.reply(ctx.t("error-organizers-only"));
      return undefined;
    }
    if (ids.length === 1) {
      const only = await communities.byId(ids[0]!);
      return only && { community: only };
    }
    // several: the picker shows community titles, so it is only shown in private
    if (ctx.chat?.type !== "private") {
      await ctx.reply(ctx.t("community-choice-use-private"));
      return undefined;
    }
    const choices = choicesOf(ctx);
    const chosen = await choices.remembered(member.id);
    const community = chosen !== undefined && ids.includes(chosen) ? await communities.byId(chosen) : undefined;
    if (community) return { community, note: noteFor(ctx, community) };
    await this.ask(ctx, ids, command, args, ctx.t("community-choice-ask", { count: ids.length, command: `/${command}` }));
    return undefined;
  }

  private async ask(ctx: BotContext, ids: number[], command: string, args: string, text: string): Promise<void> {
    const nonce = await choicesOf(ctx).ask(ctx.member!.id, command, args);
    const listed = (await Promise.all(ids.map((id) => ctx.services.communities.byId(id)))).filter((c) => c !== undefined);
    listed.sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
    if (listed.length > MAX_BUTTONS) ctx.log.warn("more communities than buttons: the picker shows the first", { count: listed.length });
    const keyboard = InlineKeyboard.from(listed.slice(0, MAX_BUTTONS).map((c) => [InlineKeyboard.text(truncate(c.title, 60), pick.pack({ c: c.id, n: nonce }))]));
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
  }

  /** The picker's buttons and /community. Register before the conversations: a press is never an answer in a flow. */
  feature(): Composer<BotContext> {
    const composer = new Composer<BotContext>();

    composer.chatType("private").command("community", async (ctx) => {
      if (!ctx.member) return;
      const ids = await ctx.services.organizers.communityIdsOf(ctx.member);
      if (ids.length === 0) return void (await ctx.reply(ctx.t("error-organizers-only")));
      if (ids.length === 1) {
        const only = await ctx.services.communities.byId(ids[0]!);
        if (only) await ctx.reply(htmlTranslate((key, vars) => ctx.t(key, vars))("community-choice-only-one", { community: truncate(only.title, 80) }), { parse_mode: "HTML" });
        return;
      }
      const chosen = await choicesOf(ctx).remembered(ctx.member.id);
      const current = chosen !== undefined && ids.includes(chosen) ? await ctx.services.communities.byId(chosen) : undefined;
      const text = current
        ? htmlTranslate((key, vars) => ctx.t(key, vars))("community-choice-switch", { community: truncate(current.title, 80) })
        : ctx.t("community-choice-first");
      await this.ask(ctx, ids, SWITCH, "", text);
    });

    composer.callbackQuery(pick.filter, async (ctx) => {
      const data = pick.unpack(ctx.callbackQuery.data);
      const member = ctx.member;
      if (!data || !member || ctx.chat?.type !== "private") return void (await ctx.answerCallbackQuery({ text: ctx.t("community-choice-stale") }));
      // callback data can be forged: the presser must organize the community now
      const ids = await ctx.services.organizers.communityIdsOf(member);
      const community = ids.includes(data.c) ? await ctx.services.communities.byId(data.c) : undefined;
      if (!community) return void (await ctx.answerCallbackQuery({ text: ctx.t("community-choice-not-yours"), show_alert: true }));
      const pending = await choicesOf(ctx).pick(member.id, data.n, community.id);
      const run = pending && this.commands.get(pending.command);
      if (!pending || !run) return void (await ctx.answerCallbackQuery({ text: ctx.t("community-choice-stale") }));
      ctx.log.info("community chosen", { community_id: community.id, command: pending.command });
      await ctx.answerCallbackQuery();
      const text = htmlTranslate((key, vars) => ctx.t(key, vars))("community-choice-picked", { community: truncate(community.title, 80) });
      await ignoringHarmless(() => ctx.editMessageText(text, { parse_mode: "HTML" }));
      await run(ctx, { community, note: pending.command === SWITCH ? undefined : noteFor(ctx, community) }, pending.args);
    });

    return composer;
  }
}

function noteFor(ctx: BotContext, community: CommunityRecord): string {
  return htmlTranslate((key, vars) => ctx.t(key, vars))("community-choice-note", { community: truncate(community.title, 60) });
}
