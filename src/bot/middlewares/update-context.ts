import type { MiddlewareFn } from "grammy";
import type { BotContext, Services } from "../context";

/** Puts the services and an update-scoped logger on every context. */
export function attachServices(services: Services): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.services = services;
    ctx.log = services.logger.child({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id });
    return next();
  };
}

/**
 * Skips updates already handled (Telegram re-delivers after a crash), and
 * remembers each one once it has been handled — also when it failed, since
 * a failure was logged and answered and retrying it forever helps nobody.
 */
export function skipDuplicateUpdates(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const { processedUpdates } = ctx.services;
    if (await processedUpdates.wasHandled(ctx.update.update_id)) {
      ctx.log.info("duplicate update skipped");
      return;
    }
    try {
      await next();
    } finally {
      await processedUpdates.markHandled(ctx.update.update_id);
    }
  };
}

/** Upserts the member behind ctx.from and finds the community of a group chat. */
export function identifyMemberAndCommunity(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const { members, communities, config } = ctx.services;
    if (ctx.from && !ctx.from.is_bot) {
      ctx.member = await members.fromTelegram(ctx.from);
    }
    const chat = ctx.chat;
    if (chat && (chat.type === "group" || chat.type === "supergroup")) {
      ctx.community =
        (await communities.byChatId(chat.id)) ??
        // The bot was added before it could see my_chat_member (e.g. while down): register now.
        (ctx.update.my_chat_member
          ? undefined
          : (
              await communities.register(chat, {
                locale: config.defaultLocale,
                timezone: config.timezone,
                currency: config.currency,
                reminderOffsetsMin: config.reminderOffsetsMin,
              })
            ).community);
      if (ctx.community && ctx.member) await communities.touchMember(ctx.community.id, ctx.member.id);
    }
    return next();
  };
}
