import type { MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext, Services } from "../context";
import { featureOf } from "./feature-tag";

/**
 * Puts the services and an update-scoped logger on every context, and logs
 * one line per update: ids, kind, route (command or callback prefix), the
 * feature that handled it, and how long it took. Never names or texts.
 */
export function attachServices(services: Services): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.services = services;
    const fields = { update_id: ctx.update.update_id, chat_id: ctx.chat?.id, user_id: ctx.from?.id, kind: updateKind(ctx.update), route: routeOf(ctx.update) };
    const log = services.logger.child(fields);
    ctx.log = log;
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      // Outside the handlers' error boundary: the database, most likely.
      log.error("update failed", { error, feature: featureOf(ctx) });
      throw error;
    }
    log.info("update handled", { feature: featureOf(ctx), ms: Math.round(performance.now() - started) });
  };
}

/** "message", "callback_query", … */
export function updateKind(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
}

/**
 * What the update asks for, without anything the member wrote: "/start" for a
 * command (never its payload), "cb:lang" for a callback query's data prefix.
 */
export function routeOf(update: Update): string | undefined {
  const message = update.message ?? update.edited_message;
  const text = message?.text;
  if (text?.startsWith("/")) {
    const command = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s|$)/.exec(text)?.[1];
    return command ? `/${command.toLowerCase()}` : undefined;
  }
  const data = update.callback_query?.data;
  if (data !== undefined) {
    const prefix = /^([a-z][a-z0-9_]{0,31})(?::|$)/.exec(data)?.[1];
    return `cb:${prefix ?? "?"}`;
  }
  return undefined;
}
