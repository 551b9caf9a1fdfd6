import { FakeTelegram } from "../test/fake-telegram/server";
import { openDatabase } from "../src/db/client";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import { layout, organizerOf, seedScale, type ScaleSizes } from "./lib/seed-scale";
import { cpuMilliseconds, percentile, round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark, type DbKind } from "./lib/types";
import { asker, knownGroups, person, settled } from "./scale";
import { TOKEN } from "./footprint";

// The scheduler with 1,000 open buys across 100 communities (issue 19): 10 a
// community, 10 orders each (bench/lib/seed-scale.ts; --quick: 2 communities).
// Their deadlines fall one after another over a minute, starting once the bot
// has run idle for a while. Figures: the idle bot's CPU per tick (a tick
// every 2 s) while every buy is open, and how late each buy is closed:
// its closedAt (the close's clock, taken as it starts) minus its deadline.

const SIZES: ScaleSizes = { communities: 100, recommenders: 10, members: 100, products: 10, buys: 10, openBuys: 10, ordersPerBuy: 10 };
const QUICK: ScaleSizes = { ...SIZES, communities: 2 };
const IDLE_S = 20;
const SPREAD_MS = 60_000;
const MISS_TARGET_MS = 2000;

export async function schedulerRun(db: DbKind, quick: boolean): Promise<BenchResult> {
  const l = layout(quick ? QUICK : SIZES);
  const idleS = quick ? 4 : IDLE_S;
  const spreadMs = quick ? 10_000 : SPREAD_MS;
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN });
  try {
    const seeding = await openDatabase(database.url);
    await seedScale(seeding.db, db, l, new Date());
    const open = await seeding.db.groupBuy.findMany({ where: { status: "OPEN" }, select: { id: true }, orderBy: { id: "asc" } });
    // their reminders (a day and an hour before, the default) were sent when they fell due: none is owed now
    await seeding.db.groupBuyReminder.createMany({ data: open.flatMap(({ id }) => [1440, 60].map((offsetMinutes) => ({ groupBuyId: id, offsetMinutes, sentAt: new Date() }))) });
    await seeding.close();

    const apiRoot = await fake.start();
    knownGroups(fake, l);
    const ask = asker(fake);
    const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url });
    const watch = await openDatabase(database.url);
    let first = NaN;
    let tickCpuMs = NaN;
    let closingCpuMs = NaN;
    let finishedAfterMs = NaN;
    let rows: { deadlineAt: Date; closedAt: Date | null; status: string }[] = [];
    try {
      await ask(person(organizerOf(l, 0)), "buys", 60_000);
      await settled(bot.child.pid!, 10_000);
      // once the bot is up (a busy machine's start-up can't eat into them): the first deadline after the idle
      // measure, then one every spreadMs / n, communities interleaved
      first = Date.now() + 40_000 + idleS * 1000;
      const order = [...open].sort((a, b) => ((a.id - 1) % l.buys) - ((b.id - 1) % l.buys) || a.id - b.id);
      for (const [i, { id }] of order.entries()) await watch.db.groupBuy.update({ where: { id }, data: { deadlineAt: new Date(first + (i * spreadMs) / order.length) } });
      if (Date.now() + idleS * 1000 > first) throw new Error("scheduler bench: setting the deadlines took too long; they came before the idle measure ended");
      const idleBefore = cpuMilliseconds(bot.child.pid!);
      await new Promise((r) => setTimeout(r, idleS * 1000));
      tickCpuMs = (cpuMilliseconds(bot.child.pid!) - idleBefore) / (idleS / 2);
      const closingBefore = cpuMilliseconds(bot.child.pid!);
      // every close is waited for (up to 10 minutes past the last deadline), so the checks below judge what happened, the lag figures how late
      const until = first + spreadMs + 600_000;
      // claimed (CLOSING) is not finished: its follow-ups (notices, codes, ledger) are waited for too
      while (Date.now() < until && (await watch.db.groupBuy.count({ where: { status: { in: ["OPEN", "CLOSING"] } } })) > 0) await new Promise((r) => setTimeout(r, 1000));
      finishedAfterMs = Date.now() - (first + spreadMs);
      closingCpuMs = cpuMilliseconds(bot.child.pid!) - closingBefore;
      rows = await watch.db.groupBuy.findMany({ where: { id: { in: open.map((o) => o.id) } }, select: { deadlineAt: true, closedAt: true, status: true } });
    } catch (error) {
      await bot.stop();
      await watch.close();
      const said = bot.stderr().trim();
      throw new Error(`${error instanceof Error ? error.message : String(error)}${said ? `\nthe bot said: ${said.slice(0, 2000)}` : ""}`);
    }
    const exitCode = await bot.stop();
    const accruals = await watch.db.ledgerEntry.count({ where: { kind: "ACCRUAL" } });
    // each member's notice (not the opener's ":closed:opener")
    const notices = (await watch.db.outboxMessage.findMany({ where: { dedupKey: { contains: ":closed:o" } }, select: { dedupKey: true } })).filter((n) => /:closed:o\d+$/.test(n.dedupKey)).length;
    await watch.close();
    const late = rows.filter((r) => r.closedAt).map((r) => r.closedAt!.getTime() - r.deadlineAt.getTime());
    const orders = open.length * l.ordersPerBuy;
    const others = fake.rejected.filter((c) => !(c.method === "editMessageText" && /message to edit not found/.test(String(c.response.description))));
    return {
      bench: "scheduler",
      db,
      params: { communities: l.communities, open_buys: open.length, orders, deadlines_over_s: spreadMs / 1000 },
      figures: [
        below("idle bot CPU per tick (2 s)", round(tickCpuMs), "ms", 20),
        plain("close lag p50", round(percentile(late, 50), 0), "ms"),
        plain("close lag p99", round(percentile(late, 99), 0), "ms"),
        below("close lag max", round(Math.max(...late), 0), "ms", MISS_TARGET_MS),
        plain("buys closed more than 2 s late", late.filter((ms) => ms > MISS_TARGET_MS).length, ""),
        plain("bot CPU per close (while closing)", round(closingCpuMs / open.length, 1), "ms"),
        plain("every close finished, after the last deadline (±1 s)", round(finishedAfterMs / 1000, 0), "s"),
      ],
      checks: [
        { name: "every buy closed and went ahead", ok: rows.length === open.length && rows.every((r) => r.status === "SUCCEEDED" && r.closedAt), detail: `${rows.filter((r) => r.status === "SUCCEEDED").length}/${open.length}` },
        { name: "no buy closed before its deadline", ok: late.every((ms) => ms >= 0), detail: `earliest ${Math.min(...late)} ms` },
        { name: "one accrual and one notice per order", ok: accruals === orders && notices === orders, detail: `${accruals} accruals, ${notices} notices / ${orders}` },
        // the seeded announcements were never sent to this fake: their edits are refused, and nothing else may be
        { name: "no call rejected but the seeded announcements' edits", ok: others.length === 0, detail: others[0] ? `${others[0].method}: ${others[0].response.description}` : `${fake.rejected.length} edits refused` },
        { name: "the bot stopped cleanly", ok: exitCode === 0, detail: `exit ${exitCode}` },
      ],
    };
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}

export const schedulerBenchmark: Benchmark = {
  name: "scheduler",
  description: "1,000 open buys in 100 communities, deadlines over a minute: the idle tick's CPU, each close's lag behind its deadline",
  run: async ({ db, quick }: BenchOptions) => [await schedulerRun(db, quick)],
};
