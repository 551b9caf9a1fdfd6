import { FakeTelegram } from "../test/fake-telegram/server";
import { openDatabase } from "../src/db/client";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import { round } from "./lib/stats";
import { atMost, plain, type BenchOptions, type BenchResult } from "./lib/types";
import { TOKEN } from "./footprint";
import { notice, queueNotices } from "./lib/notices";

const FIRST_MEMBER = 8_000_000;
/** issue 19: a 10,000-member close reaches everyone in under 15 s with paid broadcasts */
const TARGET_S = 15;

/**
 * A close's notices to 10,000 members (1,000 with --quick) in a community with
 * paid broadcasts on: sent by the real bot with allow_paid_broadcast to a fake
 * Bot API that holds paid messages to 1,000 a second (each chat still to its
 * own limit) and counts the Stars they cost. Timed from the first notice to
 * the last, held to 15 s.
 *
 * `qr`: the notices of a buy that goes ahead, each a photo of its pickup
 * code's QR rendered when sent (1,000 of them, 100 with --quick): what
 * rendering and uploading them costs at the paid rate, projected to 10,000.
 */
export async function notifyPaid({ db, quick }: BenchOptions, qr = false): Promise<BenchResult> {
  const members = qr ? (quick ? 100 : 1_000) : quick ? 1_000 : 10_000;
  const method = qr ? "sendPhoto" : "sendMessage";
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN, rateLimits: true });
  try {
    await queueNotices(database.url, FIRST_MEMBER, members, (id) => ({ ...notice(id), paidBroadcast: true, ...(qr ? { kind: "PHOTO" as const, photo: `qr:https://t.me/letscoop_bot?start=pk${id}` } : {}) }));

    const apiRoot = await fake.start();
    const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url });
    try {
      // counted, not searched: the fake's call list grows to 10,000
      const deadline = Date.now() + 60_000 + members * 10;
      while (fake.paidMessages < members && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await bot.stop();
    }
    const sends = fake.calls.filter((c) => c.method === method && c.response.ok);
    const spanMs = sends.length > 1 ? sends[sends.length - 1]!.at - sends[0]!.at : Number.NaN;
    const perMember = new Map<number, number>();
    for (const s of sends) perMember.set(Number(s.params.chat_id), (perMember.get(Number(s.params.chat_id)) ?? 0) + 1);
    const check = await openDatabase(database.url);
    const sentRows = await check.db.outboxMessage.count({ where: { status: "SENT" } });
    await check.close();
    return {
      bench: qr ? "notify-paid-qr" : "notify-paid",
      db,
      params: { members },
      figures: [
        qr ? plain("first to last notice", round(spanMs / 1000, 2), "s") : atMost("first to last notice", round(spanMs / 1000, 2), "s", TARGET_S),
        ...(qr ? [plain("10,000 at this rate", round((10_000 * spanMs) / (members - 1) / 1000, 1), "s")] : []),
        plain("at the free rate (28/s)", round(members / 28, 1), "s"),
        plain("rate", round((members - 1) / (spanMs / 1000), 0), "/s"),
        plain("Stars spent", fake.starsSpent, "⭐"),
        atMost("429 responses", fake.tooManyRequestsCount, "", 0),
      ],
      checks: [
        { name: "every member got exactly one notice", ok: perMember.size === members && [...perMember.values()].every((n) => n === 1) },
        { name: "every notice went as a paid broadcast", ok: sends.every((s) => s.params.allow_paid_broadcast === true) },
        { name: "0.1 Star a notice", ok: fake.paidMessages === members, detail: `${fake.starsSpent} ⭐` },
        { name: "every notice recorded as sent", ok: sentRows === members, detail: `${sentRows}/${members}` },
        { name: "no call rejected by the Bot API", ok: fake.rejected.length === 0 },
      ],
    };
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}
