import type { Bot } from "grammy";
import type { Config } from "./config";
import type { Clock } from "./clock";
import type { Logger } from "./logger";
import { migrateDatabase } from "./db/migrate";
import { openDatabase, ping } from "./db/client";
import { createBot, type CreateBotOptions } from "./bot/create-bot";
import type { BotContext, Services } from "./bot/context";
import { Poller } from "./bot/polling";
import { registerCommandMenus } from "./bot/commands";
import { updatesInFlight } from "./bot/middlewares/skip-duplicate-updates";
import { startWebhookServer, type Health } from "./webhook";
import { Coalescer } from "./db/coalescer";
import { createWebHandler, type WebHandler } from "./web";
import { startWebServer } from "./web/server";

export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member", "chat_member", "poll_answer", "poll"] as const;

export type RunningApp = {
  bot: Bot<BotContext>;
  services: Services;
  /** webhook mode: the port the HTTP server listens on */
  port?: number;
  /** polling mode with WEB_PORT: the port the web pages' server listens on */
  webPort?: number;
  /**
   * Stops in this order: no new updates; those in hand are handled, their
   * coalesced writes (handled-update marks among them) flushed and, polling,
   * their offset confirmed; the notification pass ends after the sends in
   * flight; the scheduler after its current job; then the database closes.
   */
  stop(): Promise<void>;
  /** What a stop has not finished yet, in words for the operator (empty when nothing is left). */
  unfinished(): string[];
};

export type StartHooks = {
  /** polling: called right before the first getUpdates (benchmarks measure start-up) */
  onFirstPoll?: () => void;
  /** polling cannot go on (Telegram rejected the token): the process should exit */
  onFatal?: (error: unknown) => void;
  /** passed to createBot (tests inject API transformers) */
  botOptions?: CreateBotOptions;
  /** the web pages' handler instead of the default one (tests, benchmarks) */
  web?: (services: Services) => WebHandler;
};

export class DatabaseStartError extends Error {}

/**
 * Everything `npm start` does after reading the configuration: migrate, open
 * the database, build the bot, register menus, then receive updates by long
 * polling (default) or by webhook, and run the schedules.
 * Tests call this too, with their own clock.
 */
export async function startApp(config: Config, logger: Logger, clock: Clock, hooks: StartHooks = {}): Promise<RunningApp> {
  let database;
  try {
    const { applied } = await migrateDatabase(config.databaseUrl);
    if (applied.length > 0) logger.info("migrations applied", { migrations: applied });
    database = await openDatabase(config.databaseUrl);
  } catch (error) {
    throw new DatabaseStartError(`cannot open the database at DATABASE_URL: ${databaseStartProblem(error)}`);
  }
  const { bot, services } = createBot({ config, db: database.db, clock, logger }, hooks.botOptions);
  try {
    await bot.init();
    logger.info("bot identified", { bot_id: bot.botInfo.id, database: database.provider, mode: config.mode.kind });
    // The menus are not needed to answer updates: receiving starts meanwhile.
    const menus = registerCommandMenus(bot.api, services.i18n as never, config.defaultLocale).catch((error: unknown) =>
      logger.warn("could not register the command menu", { error: String(error) }),
    );
    const web = hooks.web?.(services) ?? createWebHandler(services);
    const receiver = config.mode.kind === "webhook" ? await startWebhook(config.mode, bot, services, database.db, web) : await startPolling(bot, logger, hooks);
    // polling: the pages get their own small server (webhook mode serves them beside the webhook)
    const webServer = config.mode.kind === "polling" && config.mode.web ? await startWebServer({ ...config.mode.web, handler: web, logger }) : undefined;
    if (webServer) logger.info("web pages listening", { port: webServer.port });
    // organizers' own menus: brought up to date by a scheduler job, in the background
    services.organizerMenus.syncAfterStart();
    services.scheduler.start();
    await menus;

    let step: keyof typeof STEP_WORDS | "stopped" = "running";
    return {
      bot,
      services,
      port: receiver.port,
      webPort: webServer?.port,
      async stop() {
        step = "updates";
        // the pages' server beside: its requests read the database, so it ends before it closes
        const webStopped = webServer?.stop();
        await receiver.stop(); // no new updates; those in hand are finished and confirmed
        await webStopped;
        step = "notifications";
        await services.outbox.stop();
        step = "scheduler";
        await services.scheduler.stop();
        step = "writes";
        await Coalescer.idle(); // a scheduled job's writes
        step = "database";
        await database.close();
        step = "stopped";
        logger.info("stopped");
      },
      unfinished() {
        if (step === "stopped") return [];
        const left: string[] = [];
        const updates = receiver.updatesInHand();
        if (updates > 0) left.push(`${updates} update${updates === 1 ? "" : "s"} in flight (not confirmed: Telegram delivers ${updates === 1 ? "it" : "them"} again)`);
        if (services.outbox.sending) left.push("the notification pass");
        const job = services.scheduler.runningJob;
        if (job) left.push(`the scheduled job ${job}`);
        return left.length > 0 ? left : [STEP_WORDS[step]];
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** What a stop is doing at each step, when nothing more specific is in hand. */
const STEP_WORDS = {
  running: "the start of the shutdown",
  updates: "stopping the receiving of updates (database writes, the confirmation to Telegram)",
  notifications: "the end of the notification pass",
  scheduler: "releasing the scheduler's job leases",
  writes: "database writes",
  database: "closing the database",
} as const;

type Receiver = { port?: number; stop(): Promise<void>; updatesInHand(): number };

async function startPolling(bot: Bot<BotContext>, logger: Logger, hooks: StartHooks): Promise<Receiver> {
  // getUpdates answers 409 while a webhook is set (e.g. after running in webhook mode)
  const info = await bot.api.getWebhookInfo();
  if (info.url) {
    logger.warn("a webhook is set; deleting it to use long polling (pending updates are kept)");
    await bot.api.deleteWebhook({ drop_pending_updates: false });
  }
  const poller = new Poller(bot, {
    logger,
    allowedUpdates: ALLOWED_UPDATES,
    onFirstPoll: hooks.onFirstPoll,
    onFatal: hooks.onFatal,
    beforeConfirm: () => Coalescer.idle(),
  });
  await poller.start();
  logger.info("polling started");
  return { stop: () => poller.stop(), updatesInHand: () => poller.updatesInHand };
}

async function startWebhook(
  mode: Extract<Config["mode"], { kind: "webhook" }>,
  bot: Bot<BotContext>,
  services: Services,
  db: Services["db"],
  web: WebHandler,
): Promise<Receiver> {
  const { logger } = services;
  const server = await startWebhookServer({
    bot,
    secret: mode.secret,
    path: new URL(mode.url).pathname,
    host: mode.host,
    port: mode.port,
    logger,
    health: () => databaseHealth(db),
    updatesInFlight: () => updatesInFlight(services),
    web,
  });
  // Listening first, so that Telegram's first request finds us. Every
  // instance sets the same webhook: harmless.
  try {
    await bot.api.setWebhook(mode.url, { secret_token: mode.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
  } catch (error) {
    await server.stop(0);
    throw error;
  }
  logger.info("webhook listening", { port: server.port });
  return { port: server.port, stop: () => server.stop(), updatesInHand: () => server.updatesInHand() };
}

async function databaseHealth(db: Services["db"]): Promise<Health> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(db),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), 2_000))),
    ]);
    return { ok: true, db: "up", db_ms: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, db: "down" };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One line for the operator. Applying migrations takes an exclusive lock on a
 * SQLite file; while another process has it open (a second instance, or the
 * old one still stopping) that times out with an obscure engine error.
 */
export function databaseStartProblem(error: unknown): string {
  const line = firstLine(error);
  if (/SocketTimeout|database is locked|SQLITE_BUSY/i.test(line)) {
    return "the SQLite file is in use by another process (is another instance of the bot running on it?); run one instance per SQLite file, or use PostgreSQL to run several";
  }
  return line;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "unknown error";
}
