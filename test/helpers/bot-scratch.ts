import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { TEST_TOKEN } from "./harness";
import { startBotProcess, type BotProcess } from "./bot-process";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type OpenDatabase } from "../../src/db/client";

// What a kill test sets up around `npm start`'s process (./bot-process.ts): a
// scratch directory with a SQLite file, the fake Telegram and the processes
// it starts. After each test, passed or failed, every process still running
// is SIGKILLed and waited for, what the test opened is closed, the fake
// stopped and the directory removed.

export type BotScratch = {
  dir: string;
  /** the SQLite file's URL */
  url: string;
  fake: FakeTelegram;
  apiRoot: string;
  /** the bot's environment for this scratch: token, the fake's address, the database */
  env: { BOT_TOKEN: string; TELEGRAM_API_ROOT: string; DATABASE_URL: string };
  /** starts `npm start`'s command in the directory; killed after the test if still running */
  start(env: Record<string, string>): BotProcess;
  /** a process that has ended (killed at its crash point, or by the test): no longer the scratch's to kill */
  forget(bot: BotProcess): void;
  /** the database, opened from the test (closed after it) */
  open(): Promise<OpenDatabase>;
  /** closes something of the test's (a proxy) after it, before the fake stops */
  onCleanup(close: () => Promise<unknown>): void;
};

/**
 * Call at a test file's top level (it registers the clean-up); each test then
 * calls the returned function once. `migrate: false` leaves the file for the
 * bot to create and migrate at its start.
 */
export function useBotScratch(prefix: string): (options?: { migrate?: boolean }) => Promise<BotScratch> {
  let dir: string | undefined;
  let fake: FakeTelegram | undefined;
  const running: BotProcess[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const bot of running.splice(0)) {
      bot.child.kill("SIGKILL");
      await bot.exited;
    }
    for (const close of cleanups.splice(0)) await close();
    await fake?.stop();
    fake = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return async ({ migrate = true } = {}) => {
    const scratch = (dir = mkdtempSync(join(tmpdir(), prefix)));
    const url = `file:${join(scratch, "bot.db")}`;
    if (migrate) await migrateDatabase(url);
    const started = (fake = new FakeTelegram({ token: TEST_TOKEN }));
    const apiRoot = await started.start();
    return {
      dir: scratch,
      url,
      fake: started,
      apiRoot,
      env: { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: url },
      start(env) {
        const bot = startBotProcess(env, scratch);
        running.push(bot);
        return bot;
      },
      forget(bot) {
        const i = running.indexOf(bot);
        if (i >= 0) running.splice(i, 1);
      },
      async open() {
        const database = await openDatabase(url);
        cleanups.push(() => database.close());
        return database;
      },
      onCleanup(close) {
        cleanups.push(close);
      },
    };
  };
}
