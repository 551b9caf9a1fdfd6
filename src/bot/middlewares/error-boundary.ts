import type { BotError } from "grammy";
import type { BotContext } from "../context";
import { isBlockedError, isHarmlessTelegramError, isOutOfGroupError } from "../telegram-errors";

/**
 * One failing handler must not stop the bot: log it with the update id and
 * tell the member briefly, then carry on with the next update.
 */
export async function apologize(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  const log = ctx.log ?? ctx.services?.logger;
  if (isHarmlessTelegramError(err.error)) {
    log?.debug("harmless telegram error", { error: String(err.error) });
    return;
  }
  if (isBlockedError(err.error) && ctx.chat) {
    // The chat is gone for us (the member blocked the bot, or the bot left the
    // group while this update was queued): record it, nothing to apologize to.
    log?.warn("chat unreachable (403); update dropped", { update_id: ctx.update.update_id, error: String(err.error) });
    await recordUnreachable(ctx, err.error).catch((error: unknown) => log?.warn("could not record an unreachable chat", { error: String(error) }));
    return;
  }
  log?.error("handler failed", { update_id: ctx.update.update_id, error: err.error });
  try {
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t("error-generic"), show_alert: false });
    } else if (ctx.chat?.type === "private") {
      await ctx.reply(ctx.t("error-generic"));
    }
  } catch (replyError) {
    log?.warn("could not apologize", { error: String(replyError) });
  }
}

async function recordUnreachable(ctx: BotContext, error: unknown): Promise<void> {
  const chat = ctx.chat!;
  const { communities, members, clock } = ctx.services;
  if (chat.type === "private") await members.markBlocked(chat.id, clock.now());
  // only when the bot is really out: a community that is inactive can't open buys,
  // and (see identifyMemberAndCommunity) comes back with the group's next message
  else if ((chat.type === "group" || chat.type === "supergroup") && isOutOfGroupError(error)) await communities.deactivate(chat.id);
}
