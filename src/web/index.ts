// The bot's web pages, one handler for whichever server listens: the webhook
// server (beside Telegram's path and /healthz) or, polling, the small server
// WEB_PORT turns on: the open-books page, its assets and the DFC documents.
import type { Config } from "../config";
import type { RateLimitOptions } from "../domain/rate-limit";
import { assetRoutes } from "./assets";
import { dfcRoutes } from "./dfc-routes";
import { webHandler, type Route, type WebHandler } from "./http";
import { errorAnswer, openBooksRoutes, type WebDeps } from "./open-books";

export type { WebDeps } from "./open-books";
export type { WebHandler } from "./http";

/** Per client IP (WEB_RATE_LIMIT, default 60): that many page reads a minute on average, half of it at once (a person never gets near it). */
export function webRateLimit(perMinute: number): RateLimitOptions | undefined {
  return perMinute > 0 ? { perMinute, burst: Math.max(1, Math.ceil(perMinute / 2)) } : undefined;
}

export type WebOptions = { rateLimit?: RateLimitOptions | false; extraRoutes?: Route[] };

export function createWebHandler(deps: WebDeps & { config: Config }, options: WebOptions = {}): WebHandler {
  const notFound = () => errorAnswer(deps, 404);
  return webHandler({
    routes: [...openBooksRoutes(deps), ...assetRoutes(notFound), ...dfcRoutes(deps, notFound), ...(options.extraRoutes ?? [])],
    logger: deps.logger,
    rateLimit: options.rateLimit === false ? undefined : (options.rateLimit ?? webRateLimit(deps.config.webRateLimitPerMinute ?? 60)),
    now: () => deps.clock.now().getTime(),
    errorPage: (status) => errorAnswer(deps, status),
  });
}
