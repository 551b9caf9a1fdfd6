import { existsSync } from "node:fs";
import { ConfigError, parseConfig } from "./config";
import { createLogger } from "./logger";
import { systemClock } from "./clock";
import { DatabaseStartError, startApp } from "./app";

// The process entry point: `npm start`. Failures a person can fix are one
// clear line and exit code 1, never a stack trace.

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(line + "\n");
  process.exit(1);
}

if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  if (error.variable === "BOT_TOKEN" && error.missing) {
    fail([
      "BOT_TOKEN is not set: talk to @BotFather in Telegram, send /newbot, and put the token it gives you in .env as BOT_TOKEN=…",
      "To see the bot at work without a token first, run: npm run demo",
    ]);
  }
  fail([`Configuration error: ${error.variable} ${error.problem}`]);
}

const secrets = [config.botToken, ...(config.mode.kind === "webhook" ? [config.mode.secret] : [])];
const logger = createLogger(config.logLevel, { secrets });

let app: Awaited<ReturnType<typeof startApp>> | undefined;
let stopping = false;
const shutdown = async (reason: string, code: number) => {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { reason });
  try {
    await app?.stop();
  } catch (error) {
    logger.error("shutdown failed", { error });
    code = code || 1;
  }
  process.exit(code);
};

try {
  app = await startApp(config, logger, systemClock, {
    onFatal: (error) => {
      process.stderr.write(`Stopped: ${error instanceof Error ? error.message : String(error)}\n`);
      void shutdown("fatal", 1);
    },
  });
  process.once("SIGINT", () => void shutdown("SIGINT", 0));
  process.once("SIGTERM", () => void shutdown("SIGTERM", 0));
} catch (error) {
  if (error instanceof DatabaseStartError) fail([`Database error: ${error.message}`]);
  logger.error("start-up failed", { error });
  fail([`Start-up failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`]);
}
