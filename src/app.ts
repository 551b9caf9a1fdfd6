import type { Bot } from "grammy";
import type { Config } from "./config";
import type { Clock } from "./clock";
import type { Logger } from "./logger";
import { migrateDatabase } from "./db/migrate";
import { openDatabase } from "./db/client";
import { createBot } from "./bot/create-bot";
import type { BotContext, Services } from "./bot/context";
import { Poller } from "./bot/polling";
import { registerCommandMenus } from "./bot/commands";

export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member", "chat_member"] as const;

export type RunningApp = {
  bot: Bot<BotContext>;
  services: Services;
  stop(): Promise<void>;
};

export class DatabaseStartError extends Error {}

/**
 * Everything `npm start` does after reading the configuration: migrate, open
 * the database, build the bot, register menus, start polling and schedules.
 * Tests call this too, with their own clock.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  clock: Clock,
  hooks: { onFirstPoll?: () => void } = {},
): Promise<RunningApp> {
  let database;
  try {
    const { applied } = await migrateDatabase(config.databaseUrl);
    if (applied.length > 0) logger.info("migrations applied", { migrations: applied });
    database = await openDatabase(config.databaseUrl);
  } catch (error) {
    throw new DatabaseStartError(`cannot open the database at DATABASE_URL: ${firstLine(error)}`);
  }
  const { bot, services } = createBot({ config, db: database.db, clock, logger });
  const poller = new Poller(bot, { logger, allowedUpdates: ALLOWED_UPDATES, onFirstPoll: hooks.onFirstPoll });
  await bot.init();
  logger.info("bot identified", { bot_id: bot.botInfo.id });
  await registerCommandMenus(bot.api, services.i18n as never, config.defaultLocale).catch((error: unknown) =>
    logger.warn("could not register the command menu", { error: String(error) }),
  );
  await poller.start();
  services.scheduler.start();
  logger.info("polling started");

  return {
    bot,
    services,
    async stop() {
      await poller.stop();
      await services.scheduler.stop();
      await database.close();
      logger.info("stopped");
    },
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "unknown error";
}
