import type { BotError } from "grammy";
import type { BotContext } from "../context";
import { isHarmlessTelegramError } from "../telegram-errors";

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
