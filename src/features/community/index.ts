import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { escapeHtml } from "../../domain/html";
import { displayName, type MemberRecord } from "../../db/members";

/**
 * A group that adds the bot becomes a co-op community; organizers are the
 * ORGANIZER_IDS plus members an organizer grants the role to (by replying to
 * one of their messages with /add_organizer, or /add_organizer @username).
 */
export function communityFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on("my_chat_member", async (ctx) => {
    const chat = ctx.chat;
    if (chat.type !== "group" && chat.type !== "supergroup") return;
    const status = ctx.myChatMember.new_chat_member.status;
    const { communities, config } = ctx.services;
    if (status === "left" || status === "kicked") {
      await communities.deactivate(chat.id);
      ctx.log.info("community deactivated");
      return;
    }
    const wasIn = ["member", "administrator", "creator", "restricted"].includes(ctx.myChatMember.old_chat_member.status);
    const { community, created } = await communities.register(chat, {
      locale: config.defaultLocale,
      timezone: config.timezone,
      currency: config.currency,
      reminderOffsetsMin: config.reminderOffsetsMin,
    });
    ctx.community = community;
    ctx.log.info("community registered", { community_id: community.id, created });
    if (!wasIn) {
      await ctx.reply(ctx.services.i18n.t(community.locale, "community-welcome", { title: escapeHtml(community.title) }), {
        parse_mode: "HTML",
      });
    }
  });

  composer.on("message:migrate_to_chat_id", async (ctx) => {
    await ctx.services.communities.migrateChat(ctx.chat.id, ctx.message.migrate_to_chat_id);
  });

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
      await ctx.reply(ctx.t("error-organizers-only"));
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
    const name = escapeHtml(displayName(target));
    if (ctx.msg.text.startsWith("/add")) {
      const granted = await organizers.grant(ctx.community.id, target.id, ctx.member.id);
      await ctx.reply(ctx.t(granted ? "organizers-granted" : "organizers-already", { name }), { parse_mode: "HTML" });
    } else {
      if (organizers.isGlobal(target.telegramId)) {
        await ctx.reply(ctx.t("organizers-global", { name }), { parse_mode: "HTML" });
        return;
      }
      const revoked = await organizers.revoke(ctx.community.id, target.id);
      await ctx.reply(ctx.t(revoked ? "organizers-revoked" : "organizers-not", { name }), { parse_mode: "HTML" });
    }
  });

  return composer;
}
