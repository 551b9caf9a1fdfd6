import { FakeTelegram } from "../test/fake-telegram/server";
import { openDatabase } from "../src/db/client";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import { round } from "./lib/stats";
import { atMost, plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";
import { notifyPaid } from "./notify-paid";
import { TOKEN } from "./footprint";
import { notice, queueNotices } from "./lib/notices";

const FIRST_MEMBER = 7_000_000;

/**
 * Notices to N members after a close, sent by the real bot (`npm start`'s
 * code: the outbox drained by its scheduler) to a fake Bot API that enforces
 * Telegram's limits (30 messages a second overall, one a second per chat),
 * answering 429 with retry_after when they are broken. The notices are queued
 * through the same Outbox.enqueue a close uses; the timed part is the sending.
 */
export async function notify({ db, quick }: BenchOptions): Promise<BenchResult> {
  const members = quick ? 90 : 1000;
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN, rateLimits: true });
  try {
    await queueNotices(database.url, FIRST_MEMBER, members, notice);

    const apiRoot = await fake.start();
    const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url });
    const delivered = () => fake.calls.filter((c) => c.method === "sendMessage" && c.response.ok);
    try {
      await fake.waitFor(() => delivered().length >= members, 30_000 + (members / 20) * 1000);
    } finally {
      await bot.stop();
    }
    const sends = delivered();
    const spanMs = sends[sends.length - 1]!.at - sends[0]!.at;
    // the first message may go at once; each later one needs 1/30 s
    const minimumMs = ((members - 1) / 30) * 1000;
    const perMember = new Map<number, number>();
    for (const s of sends) perMember.set(Number(s.params.chat_id), (perMember.get(Number(s.params.chat_id)) ?? 0) + 1);
    const check = await openDatabase(database.url);
    const sentRows = await check.db.outboxMessage.count({ where: { status: "SENT" } });
    await check.close();
    return {
      bench: "notify",
      db,
      params: { members },
      figures: [
        plain("first to last notice", round(spanMs / 1000, 2), "s"),
        plain("physical minimum", round(minimumMs / 1000, 2), "s"),
        atMost("time / physical minimum", round(spanMs / minimumMs, 3), "", 1.15),
        atMost("429 responses", fake.tooManyRequestsCount, "", 0),
      ],
      checks: [
        { name: "every member got exactly one notice", ok: perMember.size === members && [...perMember.values()].every((n) => n === 1) },
        { name: "every notice recorded as sent", ok: sentRows === members, detail: `${sentRows}/${members}` },
        { name: "no call rejected by the Bot API", ok: fake.rejected.length === 0 },
      ],
    };
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}

export const notifyBenchmark: Benchmark = {
  name: "notify",
  description: "1,000 private notices under Telegram's limits: time against the physical minimum, 429s; 10,000 as paid broadcasts against 15 s, and paid QR photos",
  run: async (options) => [await notify(options), await notifyPaid(options), await notifyPaid(options, true)],
};
