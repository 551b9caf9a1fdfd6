import type { Update } from "grammy/types";
import type { Bot, Transformer } from "grammy";
import { FakeTelegram } from "../fake-telegram/server";
import type { Call } from "../fake-telegram/types";
import { parseConfig, type Config } from "../../src/config";
import { ManualClock } from "../../src/clock";
import { createLogger, type Logger } from "../../src/logger";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type Db } from "../../src/db/client";
import { createBot } from "../../src/bot/create-bot";
import type { BotContext, Services } from "../../src/bot/context";
import { Poller } from "../../src/bot/polling";
import { ALLOWED_UPDATES } from "../../src/app";
import { SendPacer } from "../../src/services/send-pacer";
import { freshTestDatabase, testDatabaseKind, type TestDatabaseKind } from "./test-database";

export const TEST_TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghij";
export const BOT_USERNAME = "letscoop_test_bot";

export type HarnessOptions = {
  organizerIds?: number[];
  env?: Record<string, string>;
  clock?: ManualClock;
  /**
   * a database URL to use instead of a fresh database (it is migrated, and
   * left in place on close); by default a fresh SQLite file, or a fresh
   * PostgreSQL database when TEST_DATABASE=postgres
   */
  databaseUrl?: string;
  rateLimits?: boolean;
  /**
   * one clock for Telegram's rate limits (the fake) and the bot's SendPacer:
   * with a virtual one whose sleep moves it on, a minute of pacing takes no time
   */
  sendClock?: { now: () => number; sleep: (ms: number) => Promise<void> };
  /** API transformers for the bot (e.g. to inject a failure); they reach conversations too */
  transformers?: Transformer[];
  /**
   * close() fails the test when the fake server rejected any call (something
   * Telegram would have refused), so no test has to remember to check. Tests
   * that provoke rejections on purpose opt out with true, or pass a predicate
   * naming the rejections they expect; they say why where they do.
   */
  allowRejections?: boolean | ((call: Call) => boolean);
};

export type Harness = {
  fake: FakeTelegram;
  config: Config;
  db: Db;
  services: Services;
  bot: Bot<BotContext>;
  clock: ManualClock;
  logger: Logger;
  /** the database the bot runs on, and its kind */
  databaseUrl: string;
  databaseKind: TestDatabaseKind;
  /**
   * every log line written at the configured level (LOG_LEVEL in options.env,
   * else TEST_LOG_LEVEL, else silent); TEST_LOG_LEVEL also echoes them to stderr
   */
  logs: string[];
  /** pushes updates and resolves when the bot has handled and confirmed them */
  send(...updates: Update[]): Promise<void>;
  /** runs every scheduled job once and sends every queued notification */
  flush(): Promise<void>;
  /** stops the bot (not the fake server, not the database) — for restart tests */
  stopBot(): Promise<void>;
  /** builds a new bot on the same database and fake server */
  restartBot(): Promise<void>;
  /** like the allowRejections option, for a test whose harness a shared helper created */
  allowRejections(which: true | ((call: Call) => boolean)): void;
  close(): Promise<void>;
};

/**
 * Without a sendClock, sending time is real time plus however far the test
 * has moved the business clock on: a test that moves the clock past a wait
 * (the group's next edit slot) finds the pacer past it too.
 */
function followingClock(clock: ManualClock, real: () => number): () => number {
  const start = clock.now().getTime();
  let moved = 0;
  return () => real() + (moved = Math.max(moved, clock.now().getTime() - start));
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock();
  const fakeNow = options.sendClock?.now ?? (options.rateLimits ? followingClock(clock, Date.now) : undefined);
  const fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME, rateLimits: options.rateLimits, now: fakeNow });
  const apiRoot = await fake.start();
  const fresh = options.databaseUrl ? undefined : await freshTestDatabase();
  const databaseUrl = options.databaseUrl ?? fresh!.url;
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
  const logs: string[] = [];
  const echo = process.env.TEST_LOG_LEVEL !== undefined;
  const logger = createLogger(config.logLevel, {
    secrets: [config.botToken],
    write: (line) => {
      logs.push(line);
      if (echo) process.stderr.write(line + "\n");
    },
  });

  let allow = options.allowRejections ?? false;
  let current: { poller: Poller; services: Services; bot: Bot<BotContext> } | undefined;
  const boot = async () => {
    const sendClock = options.sendClock;
    const pacer = sendClock
      ? new SendPacer(undefined, undefined, sendClock.now, sendClock.sleep)
      : new SendPacer(undefined, undefined, followingClock(clock, () => performance.now()));
    const { bot, services } = createBot({ config, db: database.db, clock, logger }, { transformers: options.transformers, pacer });
    // short waits after a failed getUpdates: tests inject such failures
    const poller = new Poller(bot, { logger, timeoutSeconds: 1, allowedUpdates: ALLOWED_UPDATES, backoffMs: { initial: 100, max: 1000 } });
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
    databaseUrl,
    databaseKind: options.databaseUrl ? (database.provider === "postgresql" ? "postgres" : "sqlite") : testDatabaseKind(),
    logs,
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
      // releases its job leases, so the next bot's scheduler runs them at once
      await current?.services.scheduler.stop();
      current = undefined;
    },
    async restartBot() {
      await harness.stopBot();
      await boot();
    },
    allowRejections(which) {
      allow = which;
    },
    async close() {
      await harness.stopBot();
      await fake.stop();
      await database.close();
      await fresh?.cleanup();
      // after the clean-up, so a rejected call never leaves a server or a database behind
      if (allow !== true) fake.assertNoRejections({ ignore: allow === false ? undefined : allow });
    },
  };
  return harness;
}
