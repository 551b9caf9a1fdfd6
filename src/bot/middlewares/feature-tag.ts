import { Composer, type Context, type Middleware } from "grammy";
import type { BotContext } from "../context";

const handledBy = new WeakMap<Context, string>();

/** The feature whose composer handled the update (undefined if none did, or none is tagged). */
export function featureOf(ctx: Context): string | undefined {
  return handledBy.get(ctx);
}

/**
 * Wraps a feature's composer so that its log lines carry `feature` and the
 * per-update log line names the feature that handled the update:
 * `guarded.use(featureTagged("language", languageFeature()))`.
 * A feature that passes the update on (calls next) is untagged again.
 */
export function featureTagged(name: string, feature: Middleware<BotContext>): Composer<BotContext> {
  const inner = new Composer<BotContext>(feature).middleware();
  return new Composer<BotContext>(async (ctx, next) => {
    const log = ctx.log;
    const before = handledBy.get(ctx);
    handledBy.set(ctx, name);
    ctx.log = log.child({ feature: name });
    await inner(ctx, async () => {
      ctx.log = log;
      if (before === undefined) handledBy.delete(ctx);
      else handledBy.set(ctx, before);
      await next();
    });
  });
}
