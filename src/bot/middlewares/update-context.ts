import type { MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext, Services } from "../context";
import { featureOf } from "./feature-tag";
import { crashPoint } from "../crash-point";

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

/** Per services (one bot): updates being handled right now, by id. */
const inFlight = new WeakMap<Services, Map<number, Promise<void>>>();

/**
 * Resolves when every update being handled now is done: a webhook request
 * that timed out leaves its update running, and shutdown waits for it.
 */
export async function updatesInFlight(services: Services): Promise<void> {
  const running = inFlight.get(services);
  if (running) await Promise.allSettled([...running.values()]);
}

/**
 * Skips updates already handled (Telegram re-delivers after a crash, and
 * retries a webhook request that timed out), and remembers each one once it
 * has been handled — also when it failed, since a failure was logged and
 * answered and retrying it forever helps nobody. A copy that arrives while the
 * first is still being handled in this process waits for it, then is skipped.
 */
export function skipDuplicateUpdates(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const { processedUpdates } = ctx.services;
    const id = ctx.update.update_id;
    let running = inFlight.get(ctx.services);
    if (!running) inFlight.set(ctx.services, (running = new Map()));
    const earlier = running.get(id);
    if (earlier) {
      await earlier.catch(() => undefined);
      ctx.log.info("duplicate update skipped", { while: "in flight" });
      return;
    }
    const handling = (async () => {
      if (await processedUpdates.wasHandled(id)) {
        ctx.log.info("duplicate update skipped");
        return;
      }
      try {
        await next();
      } finally {
        crashPoint("before-mark");
        await markHandled(() => processedUpdates.markHandled(id));
      }
    })();
    running.set(id, handling);
    try {
      await handling;
    } finally {
      running.delete(id);
    }
  };
}

/**
 * A failed mark would make the update run again (its effects twice), so a
 * short database hiccup is waited out here rather than by the caller.
 */
async function markHandled(mark: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mark();
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (attempt - 1)));
    }
  }
}

/**
 * Upserts the member behind ctx.from and finds the community of a group chat:
 * only an approved one. A group nobody approved has none (see the community
 * feature's gate), and is never registered here.
 */
export function identifyMemberAndCommunity(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const { members, communities } = ctx.services;
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
      if (ctx.community && ctx.member) await communities.touchMember(ctx.community.id, ctx.member.id);
    }
    return next();
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
