import type { MiddlewareFn } from "grammy";
import type { BotContext, Services } from "../context";
import { crashPoint } from "../crash-point";

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
      // the member behind the update is looked up beside the check (identifyMemberAndCommunity then
      // finds them in memory): one round trip for both. Harmless for a duplicate, a member upsert.
      const [handled] = await Promise.all([processedUpdates.wasHandled(id), knowMember(ctx)]);
      if (handled) {
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

/** Remembers the sender (a failure is left to identifyMemberAndCommunity, which asks again and reports it). */
async function knowMember(ctx: BotContext): Promise<void> {
  if (ctx.from && !ctx.from.is_bot) await ctx.services.members.fromTelegram(ctx.from).catch(() => undefined);
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
