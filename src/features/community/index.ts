import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { refuse } from "../../bot/refuse";
import { changeSetting } from "../settings/use-cases";
import { escapeHtml } from "../../domain/html";
import { htmlTranslate } from "../../views/env";
import { displayName, type MemberRecord } from "../../db/members";

export { communityGate } from "./gate";

/**
 * Communities and their organizers. A group becomes a community when an
 * operator (ORGANIZER_IDS) adds the bot or approves it (./gate.ts,
 * ./approval.ts). Its organizers are the operators, members an organizer
 * grants the role to (by replying to one of their messages with
 * /add_organizer, or /add_organizer @username), and, if the community turns
 * it on with /admins_organize on, the group's Telegram administrators.
 */
export function communityFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const groups = composer.chatType(["group", "supergroup"]);

  groups.command("organizers", async (ctx) => {
    if (!ctx.community) return;
    const list = await ctx.services.organizers.listOf(ctx.community.id);
    const names = list.map((m) => `• ${escapeHtml(displayName(m))}`);
    await ctx.reply([ctx.t("organizers-list-header"), ...(names.length ? names : [ctx.t("organizers-none")])].join("\n"), {
      parse_mode: "HTML",
    });
  });

  groups.command(["add_organizer", "remove_organizer"], async (ctx) => {
    if (!ctx.community || !ctx.member) return;
    const { organizers, members } = ctx.services;
    if (!(await organizers.isOrganizer(ctx.community.id, ctx.member))) {
      await refuse(ctx, ctx.t("error-organizers-only"));
      return;
    }
    let target: MemberRecord | undefined;
    const replied = ctx.message.reply_to_message?.from;
    const arg = ctx.match.trim();
    if (replied && !replied.is_bot) target = await members.fromTelegram(replied);
    else if (/^@\w{4,32}$/.test(arg)) target = await members.byUsername(arg);
    else if (/^\d{1,15}$/.test(arg)) target = await members.byTelegramId(Number(arg));
    if (!target) {
      await ctx.reply(ctx.t("organizers-who"));
      return;
    }
    const html = htmlTranslate((key, vars) => ctx.t(key, vars));
    const name = displayName(target);
    if (ctx.msg.text.startsWith("/add")) {
      const granted = await organizers.grant(ctx.community.id, target.id, ctx.member.id);
      await ctx.reply(html(granted ? "organizers-granted" : "organizers-already", { name }), { parse_mode: "HTML" });
    } else {
      if (organizers.isGlobal(target.telegramId)) {
        await ctx.reply(html("organizers-global", { name }), { parse_mode: "HTML" });
        return;
      }
      const revoked = await organizers.revoke(ctx.community.id, target.id);
      await ctx.reply(html(revoked ? "organizers-revoked" : "organizers-not", { name }), { parse_mode: "HTML" });
    }
    // their organizer menu appears (or goes) in this group and their private chat
    await ctx.services.organizerMenus.refreshAll([target]);
  });

  groups.command("admins_organize", async (ctx) => {
    if (!ctx.community || !ctx.member) return;
    if (!(await ctx.services.organizers.isOrganizer(ctx.community.id, ctx.member))) {
      await refuse(ctx, ctx.t("error-organizers-only"));
      return;
    }
    const arg = ctx.match.trim().toLowerCase();
    if (arg !== "on" && arg !== "off") {
      await ctx.reply(ctx.t("admins-organize-state", { on: ctx.community.adminsOrganize ? "yes" : "no" }));
      return;
    }
    // the settings' one use-case: logged in /settings, and the organizer menus follow the change
    const result = await changeSetting(ctx.services, { communityId: ctx.community.id, member: ctx.member, change: { key: "adminsOrganize", value: arg === "on" }, updateId: ctx.update.update_id });
    if (result.kind === "not-allowed") return void (await refuse(ctx, ctx.t("error-organizers-only")));
    ctx.community = result.community;
    await ctx.reply(ctx.t(arg === "on" ? "admins-organize-on" : "admins-organize-off"));
  });

  return composer;
}
