import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context";

/**
 * Upserts the member behind ctx.from and finds the community of a group chat:
 * only an approved one. A group nobody approved has none (see the community
 * feature's gate), and is never registered here. That the member was seen in
 * the community's group is recorded while the update is handled.
 */
export function identifyMemberAndCommunity(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const { members, communities } = ctx.services;
    let touched: Promise<void> | undefined;
    if (ctx.from && !ctx.from.is_bot) {
      ctx.member = await members.fromTelegram(ctx.from);
      if (ctx.chat?.type === "private") await members.markReachable(ctx.from.id);
    }
    const chat = ctx.chat;
    if (chat && (chat.type === "group" || chat.type === "supergroup")) {
      const found = await communities.byChatId(chat.id);
      ctx.community = found?.status === "APPROVED" ? found : undefined;
      // A message or a tap from the group means the bot is in it: a community
      // switched off by a 403 (or a missed my_chat_member) comes back.
      const botLeft = ctx.message?.left_chat_member?.id === ctx.me.id;
      if (ctx.community && !ctx.community.active && (ctx.message || ctx.callbackQuery) && !botLeft) {
        await communities.reactivate(chat.id);
        ctx.community = await communities.byChatId(chat.id);
        ctx.services.logger.info("community active again: the bot hears from its group", { chat_id: chat.id });
      }
      if (ctx.community && !ctx.community.active) ctx.community = undefined;
      // written beside the handlers (no handler of a group's update reads it): not a round trip of its own;
      // a handler that marks the update handled in its own transaction waits for it there (ctx.sighting)
      if (ctx.community && ctx.member) ctx.sighting = touched = communities.touchMember(ctx.community.id, ctx.member.id);
    }
    touched?.catch(() => undefined); // its failure is the update's, below: not an unhandled rejection meanwhile
    try {
      return await next();
    } finally {
      await touched;
    }
  };
}
