// The web pages of a harness's bot on a real loopback server, as the app
// serves them (src/web/), for tests that fetch them like a browser would.
import type { Harness } from "./harness";
import { createWebHandler, type WebOptions } from "../../src/web";
import { startWebServer } from "../../src/web/server";
import { setPublicPage } from "../../src/features/open-data/public-page";

export type TestWeb = { base: string; stop(): Promise<void> };

/** Serves the harness's bot's pages; the page cache off, unless asked for, so each fetch reads anew. */
export async function startTestWeb(h: Harness, options: WebOptions & { pageCacheMs?: number } = {}): Promise<TestWeb> {
  const handler = createWebHandler({ ...h.services, pageCacheMs: options.pageCacheMs ?? 0 }, options);
  const server = await startWebServer({ host: "127.0.0.1", port: 0, handler, logger: h.logger });
  return { base: `http://127.0.0.1:${server.port}`, stop: () => server.stop(0) };
}

export async function turnPageOn(h: Harness, communityId: number, on = true): Promise<void> {
  await setPublicPage(h.db, communityId, on);
}
