import { existsSync } from "node:fs";
import { ConfigError, parseConfig } from "./config";
import { createLogger } from "./logger";
import { systemClock } from "./clock";
import { DatabaseStartError, startApp, type RunningApp } from "./app";

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

// A SIGTERM to npm start's process group reaches the bot twice, about 1 ms
// apart (npm forwards it to its child), and an impatient Ctrl-C comes again:
// every signal after the first is logged, never fatal. The deadline bounds a
// stop that cannot finish (Telegram or the database not answering).
let app: RunningApp | undefined;
let starting: Promise<RunningApp> | undefined;
let stopping = false;
const deadlineMs = config.shutdownDeadlineMs;
const shutdown = async (reason: string, code: number) => {
  if (stopping) {
    logger.warn("asked to stop again while shutting down; still finishing", { reason });
    return;
  }
  stopping = true;
  logger.info("shutting down", { reason, deadline_s: deadlineMs / 1000 });
  setTimeout(() => {
    const left = app?.unfinished() ?? ["the start-up"];
    process.stderr.write(`Shutdown deadline (${deadlineMs / 1000} s) passed; exiting without finishing: ${left.join(", ")}\n`);
    process.exit(1);
  }, deadlineMs);
  try {
    // a signal during start-up: stop what has started (a failed start exits by itself)
    const started = await starting?.catch(() => undefined);
    await started?.stop();
  } catch (error) {
    logger.error("shutdown failed", { error });
    code = code || 1;
  }
  process.exit(code);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal, 0));

try {
  starting = startApp(config, logger, systemClock, {
    onFatal: (error) => {
      process.stderr.write(`Stopped: ${error instanceof Error ? error.message : String(error)}\n`);
      void shutdown("fatal", 1);
    },
  });
  app = await starting;
} catch (error) {
  if (error instanceof DatabaseStartError) fail([`Database error: ${error.message}`]);
  logger.error("start-up failed", { error });
  fail([`Start-up failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`]);
}
