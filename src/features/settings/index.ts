import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { enterDialog, inDialog } from "../../bot/dialog";
import { ignoringHarmless } from "../../bot/telegram-errors";
import type { CommunityRecord } from "../../db/communities";
import { latestSettingChanges, settingsState } from "../../db/community-settings";
import { parsePatronage, parseTimeZone, type SettingValue } from "../../domain/community-settings";
import { formatShare } from "../../domain/patronage";
import { withNote, type CommunityChoice, type Scope } from "../community-choice";
import { adminsConfirmView, isTypedKey, logView, menuView, revokeConfirmView, settingsButton, timeZoneView, type MenuPage, type MenuView, type TypedKey } from "./menu";
import { tokenPress } from "./token-press";
import { liveTokenCount } from "./read-tokens";
import { SETTINGS_DIALOG, typedSettingConversation, type TypedArgs } from "./typed";
import { changeSetting } from "./use-cases";

export { changeSetting } from "./use-cases";

/** How many changes the log shows (newest first): they fit one message. */
const LOG_SIZE = 15;


export async function viewOf(ctx: BotContext, community: CommunityRecord, page: MenuPage): Promise<MenuView | undefined> {
  const t = ctx.t.bind(ctx);
  const where = { inGroup: ctx.chat?.type !== "private", botUsername: ctx.me.username };
  if (page === "log") return logView(t, community, await latestSettingChanges(ctx.services.db, community.id, LOG_SIZE));
  if (page === "adm") return adminsConfirmView(t, community);
  const tokens = await liveTokenCount(ctx.services, community.id);
  if (page === "rvk") return revokeConfirmView(t, community, tokens);
  const state = await settingsState(ctx.services.db, community.id);
  if (!state) return undefined;
  return page === "tzs" ? timeZoneView(t, community, state, where) : menuView(t, community, state, where, tokens);
}

async function sendMenu(ctx: BotContext, scope: Scope): Promise<void> {
  const view = await viewOf(ctx, scope.community, "menu");
  if (view) await ctx.reply(withNote(scope, view.text), { parse_mode: "HTML", reply_markup: view.keyboard });
}

/** Asks for a typed value in private (the menu's message is edited once it is set). */
async function askTyped(ctx: BotContext, community: CommunityRecord, key: TypedKey, menuMessageId: number | null): Promise<"asked" | "busy"> {
  if ((await ctx.conversation.active(SETTINGS_DIALOG)) > 0) await ctx.conversation.exit(SETTINGS_DIALOG);
  if (inDialog(ctx)) return "busy";
  const args: TypedArgs = { communityId: community.id, key, chatId: ctx.chat!.id, menuMessageId };
  await enterDialog(ctx, SETTINGS_DIALOG, args);
  return "asked";
}

/** What a press asks for: a change, or another page of the menu. */
function changeOf(action: string, v: string): SettingValue | undefined {
  switch (action) {
    case "lang":
      return v === "zh" || v === "en" ? { key: "locale", value: v } : undefined;
    case "tz": {
      const zone = parseTimeZone(v);
      return zone.ok ? { key: "timezone", value: zone.value } : undefined;
    }
    case "self":
      return { key: "selfReferral", value: v === "1" };
    case "vote":
      return { key: "voting", value: v === "1" };
    case "adm":
      return v === "y" || v === "0" ? { key: "adminsOrganize", value: v === "y" } : undefined;
    case "page":
      return { key: "publicPage", value: v === "1" };
    case "paid":
      return { key: "paidBroadcast", value: v === "1" };
  }
  return undefined;
}

/**
 * `/start st<community>[_<setting>]`: a group's settings menu links here for
 * what is typed (dialogs are private). Organizers of that community only.
 */
export async function settingsFromLink(ctx: BotContext, link: { communityId: number; key?: string }): Promise<void> {
  const community = ctx.member && (await ctx.services.organizers.isOrganizer(link.communityId, ctx.member)) ? await ctx.services.communities.byId(link.communityId) : undefined;
  if (!community) return void (await ctx.reply(ctx.t("error-organizers-only")));
  if (!isTypedKey(link.key)) return sendMenu(ctx, { community });
  if ((await askTyped(ctx, community, link.key, null)) === "busy") await ctx.reply(ctx.t("settings-busy"));
}

/** /settings: the organizers' menu of their community's rules; `/settings patronage 20%` still sets the share directly. */
export function settingsFeature(choice: CommunityChoice): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(typedSettingConversation());

  const settingsCommand = choice.define("settings", async (ctx, scope, args) => {
    const { community } = scope;
    const [what, ...rest] = args.trim().split(/\s+/).filter(Boolean);
    if (!what) return sendMenu(ctx, scope);
    if (!["patronage", "返还", "惠顾返还"].includes(what.toLowerCase()) || !ctx.member) return void (await ctx.reply(withNote(scope, ctx.t("settings-usage")), { parse_mode: "HTML" }));
    const parsed = parsePatronage(rest.join(""));
    if (!parsed.ok) return void (await ctx.reply(withNote(scope, ctx.t("settings-patronage-bad")), { parse_mode: "HTML" }));
    const result = await changeSetting(ctx.services, { communityId: community.id, member: ctx.member, change: { key: "patronage", value: parsed.value }, updateId: ctx.update.update_id });
    if (result.kind === "not-allowed") return void (await ctx.reply(ctx.t("error-organizers-only")));
    await ctx.reply(withNote(scope, ctx.t("settings-patronage-set", { share: formatShare(parsed.value) })), { parse_mode: "HTML" });
  });
  composer.command("settings", (ctx) => settingsCommand(ctx, ctx.match));

  composer.callbackQuery(settingsButton.filter, async (ctx) => {
    const data = settingsButton.unpack(ctx.callbackQuery.data);
    const member = ctx.member;
    // callback data can be forged: in a group only its own community; anywhere, organizers of that community now
    const here = data && (ctx.chat?.type === "private" || ctx.community?.id === data.c);
    const community = here && member && (await ctx.services.organizers.isOrganizer(data.c, member)) ? await ctx.services.communities.byId(data.c) : undefined;
    if (!data || !member || !community) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
    const show = async (c: CommunityRecord, page: MenuPage) => {
      const view = await viewOf(ctx, c, page);
      if (view) await ignoringHarmless(() => ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
    };
    if (data.a === "menu" || data.a === "tzs" || data.a === "log") {
      await ctx.answerCallbackQuery();
      return show(community, data.a);
    }
    if (data.a === "ask") {
      if (!isTypedKey(data.v) || ctx.chat?.type !== "private") return void (await ctx.answerCallbackQuery());
      const asked = await askTyped(ctx, community, data.v, ctx.callbackQuery.message?.message_id ?? null);
      return void (await ctx.answerCallbackQuery(asked === "busy" ? { text: ctx.t("settings-busy"), show_alert: true } : {}));
    }
    // the group's administrators become organizers: confirmed first (an authorization change)
    if (data.a === "adm" && data.v === "1") {
      await ctx.answerCallbackQuery();
      return show(community, "adm");
    }
    if (data.a === "tok" || data.a === "rvk") return tokenPress(ctx, community, member, data.a, data.v, show);
    const change = changeOf(data.a, data.v);
    if (!change) return void (await ctx.answerCallbackQuery());
    const result = await changeSetting(ctx.services, { communityId: community.id, member, change, updateId: ctx.update.update_id });
    if (result.kind === "not-allowed") return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
    if (ctx.community?.id === result.community.id) ctx.community = result.community;
    await ctx.answerCallbackQuery({ text: ctx.t(result.kind === "same" ? "settings-saved-same" : "settings-saved") });
    await show(result.community, "menu");
  });

  return composer;
}
