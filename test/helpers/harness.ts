import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { FakeTelegram } from "../fake-telegram/server";
import { parseConfig, type Config } from "../../src/config";
import { ManualClock } from "../../src/clock";
import { createLogger, type Logger } from "../../src/logger";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type Db } from "../../src/db/client";
import { createBot } from "../../src/bot/create-bot";
import type { Bot } from "grammy";
import type { BotContext, Services } from "../../src/bot/context";
import { Poller } from "../../src/bot/polling";
import { ALLOWED_UPDATES } from "../../src/app";

export const TEST_TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghij";
export const BOT_USERNAME = "letscoop_test_bot";

let template: string | undefined;

/** A migrated SQLite file per process, copied for each test: fresh and fast. */
async function freshSqliteUrl(): Promise<{ url: string; cleanup: () => void }> {
  if (!template) {
    const dir = mkdtempSync(join(tmpdir(), "letscoop-template-"));
    const file = join(dir, "template.db");
    await migrateDatabase(`file:${file}`);
    template = file;
  }
  const dir = mkdtempSync(join(tmpdir(), "letscoop-test-"));
  const file = join(dir, "test.db");
  copyFileSync(template, file);
  return { url: `file:${file}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export type HarnessOptions = {
  organizerIds?: number[];
  env?: Record<string, string>;
  clock?: ManualClock;
  /** a database URL to use instead of a fresh SQLite file (e.g. PostgreSQL) */
  databaseUrl?: string;
  rateLimits?: boolean;
};

export type Harness = {
  fake: FakeTelegram;
  config: Config;
  db: Db;
  services: Services;
  bot: Bot<BotContext>;
  clock: ManualClock;
  logger: Logger;
  /** pushes updates and resolves when the bot has handled and confirmed them */
  send(...updates: Update[]): Promise<void>;
  /** runs every scheduled job once and sends every queued notification */
  flush(): Promise<void>;
  /** stops the bot (not the fake server, not the database) — for restart tests */
  stopBot(): Promise<void>;
  /** builds a new bot on the same database and fake server */
  restartBot(): Promise<void>;
  close(): Promise<void>;
};

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME, rateLimits: options.rateLimits });
  const apiRoot = await fake.start();
  const sqlite = options.databaseUrl ? undefined : await freshSqliteUrl();
  const databaseUrl = options.databaseUrl ?? sqlite!.url;
  if (options.databaseUrl) await migrateDatabase(databaseUrl);
  const database = await openDatabase(databaseUrl);
  const config = parseConfig({
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    DATABASE_URL: databaseUrl,
    ORGANIZER_IDS: (options.organizerIds ?? []).join(","),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock();
  const logger = createLogger(config.logLevel, { secrets: [config.botToken] });

  let current: { poller: Poller; services: Services; bot: Bot<BotContext> } | undefined;
  const boot = async () => {
    const { bot, services } = createBot({ config, db: database.db, clock, logger });
    const poller = new Poller(bot, { logger, timeoutSeconds: 1, allowedUpdates: ALLOWED_UPDATES });
    await poller.start();
    current = { poller, services, bot };
  };
  await boot();

  const harness: Harness = {
    fake,
    config,
    db: database.db,
    get services() {
      return current!.services;
    },
    get bot() {
      return current!.bot;
    },
    clock,
    logger,
    async send(...updates) {
      for (const update of updates) fake.pushUpdate(update);
      await fake.settle();
    },
    async flush() {
      await current!.services.scheduler.tick();
      await current!.services.outbox.drain();
    },
    async stopBot() {
      await current?.poller.stop();
      current = undefined;
    },
    async restartBot() {
      await harness.stopBot();
      await boot();
    },
    async close() {
      await harness.stopBot();
      await fake.stop();
      await database.close();
      sqlite?.cleanup();
    },
  };
  return harness;
}
