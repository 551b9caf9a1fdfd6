// The demo's little world: the real bot (createBot + our Poller, long polling)
// against the in-process fake Telegram, on a throwaway migrated SQLite file,
// and the bot's web pages on loopback, as polling mode serves them (WEB_PORT).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { FakeTelegram } from "../../test/fake-telegram/server";
import { setUpdateClock } from "../../test/fake-telegram/updates";
import { parseConfig } from "../../src/config";
import { ManualClock } from "../../src/clock";
import { SendPacer } from "../../src/services/send-pacer";
import { createLogger } from "../../src/logger";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type Db } from "../../src/db/client";
import { createBot } from "../../src/bot/create-bot";
import type { Services } from "../../src/bot/context";
import { Poller } from "../../src/bot/polling";
import { ALLOWED_UPDATES } from "../../src/app";
import { createWebHandler } from "../../src/web";
import { startWebServer, type WebServer } from "../../src/web/server";
import type { Locale } from "../../src/domain/money";

const TOKEN = "123456789:AAHdemoTokenNotARealBot_abcdefghijkl";
export const BOT_USERNAME = "letscoop_demo_bot";
/** where the co-op says its pages are (PUBLIC_BASE_URL): the links the bot gives; the demo reads them on loopback */
export const PUBLIC_BASE_URL = "https://coop.example";

export type World = {
  fake: FakeTelegram;
  db: Db;
  services: Services;
  clock: ManualClock;
  /** pushes updates and resolves when the bot has handled them */
  send(...updates: Update[]): Promise<void>;
  /** one scheduler tick (deadlines, reminders, announcement edits) and the outbox drained */
  tick(): Promise<void>;
  /** a request to the bot's web pages: `url` under PUBLIC_BASE_URL (or a path), answered by the bot's own server on loopback */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
};

export async function createWorld(options: { locale: Locale; organizerIds: number[] }): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), "letscoop-demo-"));
  const databaseUrl = `file:${join(dir, "demo.db")}`;
  // Tuesday 1 December 2026, 12:00 in Shanghai: a fixed day makes every run read the same
  const clock = new ManualClock(new Date("2026-12-01T04:00:00Z"));
  setUpdateClock(() => clock.now().getTime());
  const fake = new FakeTelegram({ token: TOKEN, botUsername: BOT_USERNAME, botName: "来！合作社 Let's CO-OP!", now: () => clock.now().getTime() });
  const apiRoot = await fake.start();
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let poller: Poller | undefined;
  let services: Services | undefined;
  let web: WebServer | undefined;
  const close = async () => {
    await web?.stop(0);
    await poller?.stop();
    await services?.outbox.stop();
    await services?.scheduler.stop();
    await fake.stop();
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await migrateDatabase(databaseUrl);
    database = await openDatabase(databaseUrl);
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      DATABASE_URL: databaseUrl,
      ORGANIZER_IDS: options.organizerIds.join(","),
      DEFAULT_LOCALE: options.locale,
      PUBLIC_BASE_URL,
      WEB_PORT: "0",
      HOST: "127.0.0.1",
      // the neighbouring co-op whose catalogue is imported serves it on loopback (story-import.ts)
      DFC_IMPORT_PRIVATE_URLS: "allow",
      LOG_LEVEL: process.env.DEMO_LOG_LEVEL ?? "silent",
    });
    const logger = createLogger(config.logLevel, { secrets: [config.botToken], write: (line) => process.stderr.write(line + "\n") });
    // sending time is real time plus however far the story moved the clock on: "a few seconds later" finds the group's next edit slot come
    const start = clock.now().getTime();
    const pacer = new SendPacer(undefined, undefined, () => performance.now() + clock.now().getTime() - start);
    const built = createBot({ config, db: database.db, clock, logger }, { pacer });
    services = built.services;
    poller = new Poller(built.bot, { logger, timeoutSeconds: 1, allowedUpdates: ALLOWED_UPDATES });
    await poller.start();
    // as the app does in polling mode with WEB_PORT: the same handler the webhook server mounts
    if (config.mode.kind === "polling" && config.mode.web) web = await startWebServer({ ...config.mode.web, handler: createWebHandler(services), logger });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const running = services;
  const local = `http://127.0.0.1:${web?.port ?? 0}`;
  return {
    fake,
    db: database.db,
    services: running,
    clock,
    async send(...updates) {
      for (const update of updates) fake.pushUpdate(update);
      await fake.settle();
    },
    async tick() {
      await running.scheduler.tick();
      await running.outbox.drain();
      await fake.settle();
    },
    fetch(url, init) {
      const path = url.startsWith(PUBLIC_BASE_URL) ? url.slice(PUBLIC_BASE_URL.length) : url;
      return fetch(local + path, init);
    },
    close,
  };
}
