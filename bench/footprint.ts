import { FakeTelegram } from "../test/fake-telegram/server";
import { command, privateChat, user } from "../test/fake-telegram/updates";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import { round, rssMegabytes } from "./lib/stats";

export const TOKEN = "123456789:AAHbenchTokenForBenchmarksOnly_abcdef";

export type FootprintResult = { db: string; startupMs: number; warmStartupMs: number; idleRssMb: number };

/**
 * Start-up time to the first getUpdates, measured at the fake server, for a
 * first start (which migrates a fresh database) and a warm one; resident
 * memory once the bot has answered one /start and idled.
 */
export async function footprint(kind: "sqlite" | "postgresql", idleMs = 3000): Promise<FootprintResult> {
  const database = await freshDatabase(kind);
  const results: number[] = [];
  let idleRssMb = NaN;
  try {
    for (const round_ of [0, 1]) {
      const fake = new FakeTelegram({ token: TOKEN });
      const apiRoot = await fake.start();
      let firstPollAt = 0;
      fake.onCall((call) => {
        if (call.method === "getUpdates" && !firstPollAt) firstPollAt = call.at;
      });
      const someone = user({ language_code: "en" });
      fake.pushUpdate(command(someone, privateChat(someone), "start")); // so the first poll answers at once
      const wallStart = Date.now();
      const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url });
      await fake.waitFor((c) => c.method === "sendMessage", 30_000);
      results.push(firstPollAt - wallStart);
      if (round_ === 1) {
        await new Promise((r) => setTimeout(r, idleMs));
        idleRssMb = rssMegabytes(bot.child.pid!);
      }
      await bot.stop();
      await fake.stop();
    }
  } finally {
    await database.cleanup();
  }
  return { db: kind, startupMs: results[0]!, warmStartupMs: results[1]!, idleRssMb: round(idleRssMb) };
}
