import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext, Services } from "../../bot/context";
import type { Tx } from "../../db/client";
import { createCallbackData, idField } from "../../bot/callback-data";
import { memberLocale } from "../../bot/i18n";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { escapeHtml } from "../../domain/html";
import { htmlTranslate, translator } from "../../views/env";
import type { CommunityDefaults, CommunityRecord } from "../../db/communities";
import { displayName } from "../../db/members";

/**
 * An operator's Approve / Ignore on a group someone else added the bot to.
 * Private, operators only: sent to each operator's private chat; the handler
 * checks the presser is an operator, and the decision is made once.
 */
export const communityDecision = createCallbackData("community", { id: idField, d: z.enum(["approve", "ignore"]) }, { chats: ["private"], audience: "organizer" });

export function communityDefaults(services: Services): CommunityDefaults {
  const { config } = services;
  return { locale: config.defaultLocale, timezone: config.timezone, currency: config.currency, reminderOffsetsMin: config.reminderOffsetsMin };
}

/**
 * The group isn't a community and nobody was asked yet: records it as
 * pending and, once, tells the group what the bot is and asks every operator
 * in private (both through the outbox, in the transaction that records it).
 */
export async function askOperators(ctx: BotContext, chat: { id: number; title: string }): Promise<void> {
  const { communities, outbox, config, members, i18n } = ctx.services;
  const who = ctx.from && !ctx.from.is_bot ? escapeHtml(displayName({ firstName: ctx.from.first_name, lastName: ctx.from.last_name ?? null })) : undefined;
  const operators = [...config.organizerIds].sort((a, b) => a - b);
  const locales = await Promise.all(
    operators.map(async (id) => {
      const m = await members.byTelegramId(id);
      return m ? memberLocale(m, config.defaultLocale) : config.defaultLocale;
    }),
  );
  const { created, community } = await communities.recordPending(chat, communityDefaults(ctx.services), async (tx: Tx, pending: CommunityRecord) => {
    const title = escapeHtml(pending.title);
    await outbox.enqueue(
      [
        { dedupKey: `community-pending:${pending.id}`, chatId: chat.id, text: i18n.t(pending.locale, "community-pending") },
        ...operators.map((operatorId, i) => {
          const locale = locales[i]!;
          const keyboard = new InlineKeyboard()
            .text(i18n.t(locale, "community-button-approve"), communityDecision.pack({ id: pending.id, d: "approve" }))
            .text(i18n.t(locale, "community-button-ignore"), communityDecision.pack({ id: pending.id, d: "ignore" }));
          return {
            dedupKey: `community-ask:${pending.id}:${i}`,
            chatId: operatorId,
            text: i18n.t(locale, "community-ask", { title, who: who ?? i18n.t(locale, "community-ask-someone") }),
            replyMarkup: keyboard,
          };
        }),
      ],
      tx,
    );
  });
  if (!created) return;
  ctx.log.info("group waits for an operator's approval", { community_id: community.id, operators: operators.length });
  await outbox.sendSoon();
}

/** Approve / Ignore, pressed in an operator's private chat. */
export async function decideCommunity(ctx: BotContext): Promise<void> {
  const { organizers, communities, outbox } = ctx.services;
  const data = communityDecision.unpack(ctx.callbackQuery?.data ?? "");
  if (!data || ctx.chat?.type !== "private" || !ctx.member || !organizers.isGlobal(ctx.member.telegramId)) {
    await ctx.answerCallbackQuery({ text: ctx.t("community-operators-only"), show_alert: true });
    return;
  }
  const decision = data.d === "approve" ? "APPROVED" : "IGNORED";
  const result = await communities.decide(data.id, decision, ctx.member.id, async (tx, community) => {
    if (decision !== "APPROVED") return;
    const welcome = htmlTranslate(translator(ctx.services.i18n, community.locale))("community-welcome", { title: community.title });
    await outbox.enqueue([{ dedupKey: `community-welcome:${community.id}:u${ctx.update.update_id}`, chatId: community.telegramChatId, text: welcome }], tx);
  });
  const community = result.community;
  const html = htmlTranslate((key, vars) => ctx.t(key, vars));
  const text = !community || community.status === "PENDING"
    ? ctx.t("community-decision-gone")
    : result.decided
      ? html(decision === "APPROVED" ? "community-decided-approved" : "community-decided-ignored", { title: community.title })
      : html(community.status === "APPROVED" ? "community-already-approved" : "community-already-ignored", { title: community.title });
  if (result.decided) {
    ctx.log.info("operator decided on a group", { community_id: data.id, decision });
    if (decision === "APPROVED") await outbox.sendSoon();
  }
  await ctx.answerCallbackQuery();
  // the question is answered: its buttons go, the outcome stays
  await ignoringHarmless(() => ctx.editMessageText(text, { parse_mode: "HTML" }));
  // after the answer (not what the operator waits for): the community's organizers get their menu in its group
  if (result.decided && decision === "APPROVED" && community) {
    await ctx.services.organizerMenus.refreshAll(await ctx.services.organizerMenus.organizersOf(community.id));
  }
}
