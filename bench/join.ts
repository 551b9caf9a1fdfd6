import type { Update } from "grammy/types";
import { FakeTelegram, type FakeMessage } from "../test/fake-telegram/server";
import { callbackQuery, user } from "../test/fake-telegram/updates";
import { openDatabase } from "../src/db/client";
import { cbPlusOne } from "../src/features/group-buy/callbacks";
import { startBareBot, startBotProcess, type BotProcess } from "./lib/bot-process";
import { watchBurst, type BurstOutcome } from "./lib/burst";
import { freshDatabase } from "./lib/database";
import { seedOpenBuy } from "./lib/join-seed";
import { cpuMilliseconds, percentile, round, rssMegabytes } from "./lib/stats";
import { atLeast, atMost, below, plain, type BenchOptions, type BenchResult, type Benchmark, type DbKind } from "./lib/types";
import { TOKEN } from "./footprint";
import { GROUP_EDIT_GAP_MS, rosterCaughtUp, rosterLag, type RosterLag } from "./lib/roster-lag";
import type { Check } from "./lib/close-checks";

// Join burst: N members each tap "+1" on one buy's announcement, all at once.
//
// All N callback queries are queued in the fake Bot API before the bot
// starts, so start-up is not in the figures: throughput is N over the time
// from the first getUpdates handout of a burst update to the last answer.
// Latency is per update, from getUpdates handing it out to its
// answerCallbackQuery reaching the fake. A burst is handed out 100 at a time
// (getUpdates' limit) and the next batch is fetched once a batch is done, so
// an update's latency includes waiting for the rest of its batch: p99 is
// about the time one batch of 100 takes, for the ceiling too.
//
// The ceiling is a bare grammY bot answering the same updates (no database),
// measured the same way in the same run: just before ours and just after,
// the mean of the two, so that load from elsewhere on the machine that comes
// or goes during the run weighs on both sides alike. Each bot's CPU time per
// update is shown too: it varies less than throughput on a shared machine.
//
// Our bot then runs on until its announcement shows every member: the
// roster's lag behind each tap (bench/lib/roster-lag.ts) is held to the
// group's edit budget, one edit per 3 s, against a fake that enforces
// Telegram's limits (20 a minute per group; answers are not limited).

export const FIRST_MEMBER = 8_000_000;

/** N distinct members' "+1" presses on the announcement. */
export function plusOnes(announcement: FakeMessage, buyId: number, members: number, firstMember = FIRST_MEMBER): Update[] {
  const data = cbPlusOne.pack({ id: buyId });
  return Array.from({ length: members }, (_, i) =>
    callbackQuery(user({ id: firstMember + i, first_name: `Member${i + 1}`, language_code: i % 3 === 0 ? "en" : "zh-hans" }), announcement, data),
  );
}

type Side = { outcome: BurstOutcome; cpuMsPerUpdate: number; rssMb: number; exitCode: number | null; rejected: number; stderr: string };

/** Queues the updates, starts a bot, waits for every answer (and `afterAnswers`), stops it. */
async function runBurst(fake: FakeTelegram, updates: Update[], start: () => BotProcess, afterAnswers?: () => Promise<unknown>): Promise<Side> {
  const ids = new Set(updates.map((u) => u.callback_query!.id));
  // the bot's CPU time over the burst: steadier than throughput when other work shares the machine
  const cpu = { first: NaN, last: NaN };
  const watch = watchBurst(fake, ids, {
    firstHandout: () => (cpu.first = cpuMilliseconds(bot.child.pid!)),
    lastAnswer: () => (cpu.last = cpuMilliseconds(bot.child.pid!)),
  });
  for (const u of updates) fake.pushUpdate(u);
  const bot = start();
  let rssMb = NaN;
  try {
    await watch.finished(60_000 + updates.length * 20);
    rssMb = rssMegabytes(bot.child.pid!);
    await afterAnswers?.();
  } catch (error) {
    await bot.stop();
    const said = bot.stderr().trim();
    throw new Error(`${error instanceof Error ? error.message : String(error)}${said ? `\nthe bot said: ${said.slice(0, 2000)}` : ""}`);
  }
  const exitCode = await bot.stop();
  return { outcome: watch.outcome(), cpuMsPerUpdate: (cpu.last - cpu.first) / updates.length, rssMb, exitCode, rejected: fake.rejected.length, stderr: bot.stderr() };
}

/** Two runs of the ceiling as one: mean rate and CPU, latencies pooled. */
function pooled(a: Side, b: Side): Side {
  const latencies = [...a.outcome.latencies, ...b.outcome.latencies];
  return {
    ...b,
    outcome: {
      ...b.outcome,
      updatesPerSecond: (a.outcome.updatesPerSecond + b.outcome.updatesPerSecond) / 2,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      latencies,
      answeredOnce: Math.min(a.outcome.answeredOnce, b.outcome.answeredOnce),
      extraAnswers: a.outcome.extraAnswers + b.outcome.extraAnswers,
    },
    cpuMsPerUpdate: (a.cpuMsPerUpdate + b.cpuMsPerUpdate) / 2,
    rejected: a.rejected + b.rejected,
    exitCode: a.exitCode !== 0 ? a.exitCode : b.exitCode,
  };
}

async function ceiling(announcement: FakeMessage, buyId: number, members: number): Promise<Side> {
  const fake = new FakeTelegram({ token: TOKEN });
  const apiRoot = await fake.start();
  try {
    return await runBurst(fake, plusOnes(announcement, buyId, members), () => startBareBot({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot }));
  } finally {
    await fake.stop();
  }
}

export type JoinRun = {
  members: number;
  ours: Side;
  /** the bare grammY ceiling, both runs pooled; absent when not asked for */
  bare?: Side;
  lag: RosterLag;
  checks: Check[];
};

/**
 * One burst of `members` taps through the real bot, its results checked.
 * `ceiling: false` skips the two bare-bot runs (the growth bench only wants
 * our bot's cost, and at 100,000 members they would double its time).
 */
export async function measureJoin(db: DbKind, members: number, { ceiling: withCeiling = true } = {}): Promise<JoinRun> {
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN, rateLimits: true });
  try {
    const apiRoot = await fake.start();
    const { buyId, announcement } = await seedOpenBuy(fake, database.url, members);
    const bareBefore = withCeiling ? await ceiling(announcement, buyId, members) : undefined;
    const since = fake.calls.length;
    const taps = plusOnes(announcement, buyId, members);
    const caughtUp = { ok: false };
    const ours = await runBurst(
      fake,
      taps,
      () => startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url }),
      async () => (caughtUp.ok = await rosterCaughtUp(fake, announcement.chat.id, announcement.message_id, members, 10_000 + members)),
    );
    await fake.stop();
    const bare = bareBefore && pooled(bareBefore, await ceiling(announcement, buyId, members));

    const check = await openDatabase(database.url);
    const orders = await check.db.order.findMany({ where: { groupBuyId: buyId }, select: { quantity: true, status: true, position: true, member: { select: { telegramId: true } } } });
    const buy = await check.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    await check.close();
    const memberIds = new Set(orders.map((o) => Number(o.member.telegramId)));
    const everyMember = memberIds.size === members && [...memberIds].every((id) => id >= FIRST_MEMBER && id < FIRST_MEMBER + members);
    const positionOf = new Map(orders.map((o) => [Number(o.member.telegramId), o.position]));
    const positions = new Map(taps.map((u) => [u.callback_query!.id, positionOf.get(u.callback_query!.from.id) ?? Infinity]));
    const lag = rosterLag(fake, since, announcement.chat.id, announcement.message_id, positions);
    const toasts = [...ours.outcome.texts.values()].filter((t) => t !== undefined && t.length > 0).length;
    const checks: Check[] = [
      {
        name: "one order per member, quantity 1",
        ok: orders.length === members && everyMember && orders.every((o) => o.quantity === 1 && o.status === "ACTIVE"),
        detail: `${orders.length} orders, ${memberIds.size} members`,
      },
      {
        name: "the buy's totals count each order once",
        ok: buy.totalQty === members && buy.orderCount === members,
        detail: `total ${buy.totalQty}, orders ${buy.orderCount}`,
      },
      {
        name: "every callback query answered exactly once, with a toast",
        ok: ours.outcome.answeredOnce === members && ours.outcome.extraAnswers === 0 && toasts === members,
        detail: `${ours.outcome.answeredOnce}/${members}, ${ours.outcome.extraAnswers} extra, ${toasts} toasts`,
      },
      ...(bare ? [{ name: "ceiling answered every callback query once (both runs)", ok: bare.outcome.answeredOnce === members && bare.outcome.extraAnswers === 0 }] : []),
      {
        name: "the roster caught up: every member shown, the group within 20 a minute, no 429",
        ok: caughtUp.ok && lag.neverShown === 0 && lag.maxPerMinute <= 20 && lag.tooMany === 0,
        detail: `${lag.neverShown} never shown, ${lag.maxPerMinute} in a minute, ${lag.tooMany} 429s`,
      },
      { name: "no call rejected by the Bot API", ok: ours.rejected === 0 && (bare?.rejected ?? 0) === 0, detail: `${ours.rejected} + ${bare?.rejected ?? "-"}` },
      { name: "the bots stopped cleanly", ok: ours.exitCode === 0 && (bare?.exitCode ?? 0) === 0, detail: `exit ${ours.exitCode}, ${bare?.exitCode ?? "-"}${ours.stderr ? `; ${ours.stderr.trim().split("\n")[0]}` : ""}` },
    ];
    return { members, ours, bare, lag, checks };
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}

export async function joinBurst(db: DbKind, members: number): Promise<BenchResult> {
  const { ours, bare: pooledBare, lag, checks } = await measureJoin(db, members);
  const bare = pooledBare!;
  const ratio = ours.outcome.updatesPerSecond / bare.outcome.updatesPerSecond;
  return {
    bench: "join",
    db,
    params: { members },
    figures: [
      plain("throughput", round(ours.outcome.updatesPerSecond, 0), "updates/s"),
      plain("ceiling: bare grammY", round(bare.outcome.updatesPerSecond, 0), "updates/s"),
      // issue 19's targets, on both databases: ≥ 0.9 of the ceiling, p99 at most 10 ms above the ceiling's own
      atLeast("throughput / ceiling", round(ratio, 3), "", 0.9),
      plain("latency p50", round(ours.outcome.p50Ms), "ms"),
      plain("latency p99", round(ours.outcome.p99Ms), "ms"),
      atMost("p99 above the ceiling's p99", round(ours.outcome.p99Ms - bare.outcome.p99Ms), "ms", 10),
      plain("ceiling latency p50", round(bare.outcome.p50Ms), "ms"),
      plain("ceiling latency p99", round(bare.outcome.p99Ms), "ms"),
      plain("bot CPU per update", round(ours.cpuMsPerUpdate, 3), "ms"),
      plain("ceiling CPU per update", round(bare.cpuMsPerUpdate, 3), "ms"),
      plain("RSS after burst", round(ours.rssMb), "MB"),
      plain("roster lag p50", round(lag.p50Ms, 0), "ms"),
      plain("roster lag max", round(lag.maxMs, 0), "ms"),
      plain("physical minimum: one edit per", GROUP_EDIT_GAP_MS, "ms"),
      // a tap just after an edit waits for the next one, 3 s on: the most lag the budget must allow
      atMost("roster lag max / 3 s", round(lag.maxMs / GROUP_EDIT_GAP_MS, 3), "", 1.15),
      plain("roster edits", lag.edits, ""),
    ],
    checks,
  };
}

export const joinBenchmark: Benchmark = {
  name: "join",
  description: "N members tap +1 on one buy at once (1,000 and 10,000): updates/s against a bare grammY bot, handout→answer p50/p99",
  run: async ({ db, quick }: BenchOptions) => {
    const results: BenchResult[] = [];
    for (const members of quick ? [100] : [1000, 10_000]) results.push(await joinBurst(db, members));
    return results;
  },
};
