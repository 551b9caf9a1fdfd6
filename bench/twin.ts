import { freshDatabase } from "./lib/database";
import { runWebhookBurst, twinChecks, type TwinRun } from "./lib/twin-run";
import { percentile, round } from "./lib/stats";
import { plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";

// Two instances (issue 19): the join burst in webhook mode, through two bot
// processes on one PostgreSQL database, against one instance alone with the
// same N. The updates go to the instances in turn (a load balancer), each
// instance over up to 40 connections at once (Telegram's default
// max_connections); one update in 20 is delivered a second time to the other
// instance, half of them while the first copy is being handled and half after
// it was answered (Telegram re-delivering after a timeout, or a lost 200).
//
// Throughput is N over the time from the first post to the last first
// answerCallbackQuery; latency per update, from its first post to its answer.
// One instance runs just before the two and just after, on a fresh database
// each time (the mean of the two), so that load from elsewhere on the machine
// weighs on both sides alike. CPU per update is all instances' together.
// Before the burst each instance takes 200 taps on another buy, by other
// members: the figures are of warm instances, as a bot that has been running is.
//
// PostgreSQL only: one SQLite file takes one instance (the bot says so at
// start-up), so there is nothing to compare.

const CONCURRENCY = 40;
/** taps per instance on another buy before the burst (see TwinOptions.warmUp) */
const WARM_UP = 200;

async function onFreshDatabase(members: number, instances: number): Promise<TwinRun> {
  const database = await freshDatabase("postgresql");
  try {
    return await runWebhookBurst(database.url, members, instances, { concurrency: CONCURRENCY, warmUp: WARM_UP });
  } finally {
    await database.cleanup();
  }
}

/** Two single runs as one: mean rate and CPU, latencies pooled. */
function mean(a: TwinRun, b: TwinRun) {
  const latencies = [...a.outcome.latencies, ...b.outcome.latencies];
  return {
    updatesPerSecond: (a.outcome.updatesPerSecond + b.outcome.updatesPerSecond) / 2,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMsPerUpdate: (a.cpuMsPerUpdate + b.cpuMsPerUpdate) / 2,
  };
}

export async function twinBurst(members: number): Promise<BenchResult> {
  const before = await onFreshDatabase(members, 1);
  const twin = await onFreshDatabase(members, 2);
  const after = await onFreshDatabase(members, 1);
  const single = mean(before, after);
  const prefixed = (who: string, runs: TwinRun[]) => runs.flatMap((r) => twinChecks(r).map((c) => ({ ...c, name: `${who}: ${c.name}` })));
  return {
    bench: "twin",
    db: "postgresql",
    params: { members, concurrency_per_instance: CONCURRENCY, redelivered: twin.post.redelivered },
    figures: [
      plain("two instances: throughput", round(twin.outcome.updatesPerSecond, 0), "updates/s"),
      plain("one instance: throughput", round(single.updatesPerSecond, 0), "updates/s"),
      plain("two / one", round(twin.outcome.updatesPerSecond / single.updatesPerSecond, 3), ""),
      plain("one instance: run before", round(before.outcome.updatesPerSecond, 0), "updates/s"),
      plain("one instance: run after", round(after.outcome.updatesPerSecond, 0), "updates/s"),
      plain("two instances: latency p50", round(twin.outcome.p50Ms), "ms"),
      plain("two instances: latency p99", round(twin.outcome.p99Ms), "ms"),
      plain("one instance: latency p50", round(single.p50Ms), "ms"),
      plain("one instance: latency p99", round(single.p99Ms), "ms"),
      plain("two instances: CPU per update", round(twin.cpuMsPerUpdate, 3), "ms"),
      plain("one instance: CPU per update", round(single.cpuMsPerUpdate, 3), "ms"),
      plain("two instances: second answers", twin.extraAnswers, ""),
    ],
    checks: [...prefixed("two", [twin]), ...prefixed("one", [before, after])],
  };
}

export const twinBenchmark: Benchmark = {
  name: "twin",
  description: "webhook mode: a join burst split between two bot processes on one PostgreSQL (5 % re-delivered to the other), against one process",
  run: async ({ db, quick }: BenchOptions) => {
    if (db !== "postgresql") {
      console.log("\ntwin · sqlite · skipped: two instances need PostgreSQL (a SQLite file takes one instance)");
      return [];
    }
    const results: BenchResult[] = [];
    for (const members of quick ? [200] : [1000, 5000]) results.push(await twinBurst(members));
    return results;
  },
};
