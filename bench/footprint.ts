import { FakeTelegram } from "../test/fake-telegram/server";
import { command, privateChat, user } from "../test/fake-telegram/updates";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import { round, rssMegabytes } from "./lib/stats";
import { below, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";

export const TOKEN = "123456789:AAHbenchTokenForBenchmarksOnly_abcdef";

/**
 * Start-up time from spawning `npm start`'s command to the first getUpdates
 * the fake server sees: a first start (which migrates a fresh database) and a
 * warm one; then resident memory once the bot has answered a /start and idled.
 */
export async function footprint({ db, quick }: BenchOptions): Promise<BenchResult> {
  const database = await freshDatabase(db);
  const idleMs = quick ? 500 : 3000;
  const startups: number[] = [];
  let idleRssMb = NaN;
  try {
    for (const attempt of [0, 1]) {
      const fake = new FakeTelegram({ token: TOKEN });
      const apiRoot = await fake.start();
      let firstPollAt = 0;
      fake.onCall((call) => {
        if (call.method === "getUpdates" && !firstPollAt) firstPollAt = call.at;
      });
      const someone = user({ language_code: "en" });
      // a fresh update id per start: the database remembers handled ones
      fake.pushUpdate({ ...command(someone, privateChat(someone), "start"), update_id: 1 + attempt * 1000 });
      const spawnedAt = Date.now();
      const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url });
      try {
        await fake.waitFor((c) => c.method === "sendMessage", 30_000);
        startups.push(firstPollAt - spawnedAt);
        if (attempt === 1) {
          await new Promise((r) => setTimeout(r, idleMs));
          idleRssMb = rssMegabytes(bot.child.pid!);
        }
      } finally {
        await bot.stop();
        await fake.stop();
      }
    }
  } finally {
    await database.cleanup();
  }
  return {
    bench: "footprint",
    db,
    params: { idle_ms: idleMs },
    figures: [
      below("start-up, fresh database", round(startups[0]!, 0), "ms", 2000),
      below("start-up, migrated database", round(startups[1]!, 0), "ms", 2000),
      below("idle RSS", round(idleRssMb), "MB", 150),
    ],
    checks: [{ name: "answered /start after each start", ok: startups.length === 2 }],
  };
}

export const footprintBenchmark: Benchmark = {
  name: "footprint",
  description: "start-up time to the first getUpdates, idle resident memory",
  run: async (options) => [await footprint(options)],
};
