import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { htmlTranslate, translator } from "../../views/env";
import { askOperators, communityDecision, communityDefaults, decideCommunity } from "./approval";

const IN_CHAT = ["member", "administrator", "creator", "restricted"];

/**
 * Before any co-op feature sees a group's update: the bot's own membership
 * (added, removed) and chat migrations are handled here, and a group that is
 * not an active community goes no further — no commands, buttons, buys or
 * membership tracking there. The first time the bot hears of such a group it
 * is recorded as pending: the group gets one notice and the operators are
 * asked (./approval.ts). Their Approve / Ignore is handled here too, ahead
 * of the conversations, so an operator's own open dialog never swallows it.
 */
export function communityGate(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // private, operators only (decideCommunity checks both)
  composer.callbackQuery(communityDecision.filter, decideCommunity);
  composer.use(async (ctx, next) => {
    const chat = ctx.chat;
    if (!chat || (chat.type !== "group" && chat.type !== "supergroup")) return next();
    if (ctx.myChatMember) return botMembershipChanged(ctx, chat);
    const { communities } = ctx.services;
    const message = ctx.message;
    if (message?.migrate_to_chat_id) return communities.migrateChat(chat.id, message.migrate_to_chat_id);
    if (message?.migrate_from_chat_id) return communities.migrateChat(message.migrate_from_chat_id, chat.id);
    if (ctx.community) return next(); // an active community (identifyMemberAndCommunity)

    const known = await communities.byChatId(chat.id);
    const botLeft = message?.left_chat_member?.id === ctx.me.id;
    // The bot hears from a group it has no record of (added while it was down,
    // before my_chat_member existed): that is a group nobody approved either.
    if (!known && !botLeft && (message || ctx.callbackQuery)) await askOperators(ctx, chat);
    if (ctx.callbackQuery) await ignoringHarmless(() => ctx.answerCallbackQuery({ text: ctx.t("community-not-yet-toast") }));
  });
  return composer;
}

/**
 * my_chat_member in a group. Added by an operator: an active community at
 * once. Back in a group that was approved before: active again. Added by
 * anyone else: pending, operators asked. Removed: a community is switched
 * off (all its data stays); a pending group is forgotten, so a later add asks again.
 */
async function botMembershipChanged(ctx: BotContext, chat: { id: number; title: string }): Promise<void> {
  const update = ctx.myChatMember!;
  const { communities, organizers } = ctx.services;
  const known = await communities.byChatId(chat.id);
  const status = update.new_chat_member.status;
  if (!IN_CHAT.includes(status)) {
    if (known?.status === "PENDING") await communities.forgetPending(chat.id);
    else if (known) await communities.deactivate(chat.id);
    ctx.log.info(known?.status === "APPROVED" ? "community deactivated" : "bot left a group that is not a community");
    return;
  }
  const byOperator = !update.from.is_bot && organizers.isGlobal(update.from.id);
  if (byOperator || known?.status === "APPROVED") {
    const wasIn = IN_CHAT.includes(update.old_chat_member.status);
    const { community, wasActive } = await communities.activate(chat, communityDefaults(ctx.services), byOperator ? ctx.member?.id : undefined);
    ctx.community = community;
    ctx.log.info("community registered", { community_id: community.id, was_active: wasActive });
    if (!wasIn || !wasActive) {
      await ctx.reply(htmlTranslate(translator(ctx.services.i18n, community.locale))("community-welcome", { title: community.title }), { parse_mode: "HTML" });
      // a community again (or for the first time): its organizers get their organizer menu in its group
      await ctx.services.organizerMenus.refreshAll(await ctx.services.organizerMenus.organizersOf(community.id));
    }
    return;
  }
  if (!known) await askOperators(ctx, chat); // pending already, or ignored: nothing more to say
}
