import { closeAtSize } from "./close";
import { measureJoin } from "./join";
import { CASES, commandsAt, type Case } from "./scale";
import { layout, memberId, type ScaleLayout } from "./lib/seed-scale";
import { percentile, round } from "./lib/stats";
import { atMost, plain, type BenchOptions, type BenchResult, type Benchmark, type DbKind, type Figure } from "./lib/types";
import type { Check } from "./lib/close-checks";

// Growth (issue 19): how cost grows as work grows, three series, each
// through an existing bench at several sizes, every run's results checked
// as that bench checks them:
//   join      a burst of N "+1" taps (bench/join.ts, no ceiling runs)
//   close     /close + /export of a buy of N orders (bench/close.ts)
//   /earnings a recommender's /earnings with N ledger entries in the
//             database, one community of 10 recommenders, each a chain of
//             N/10 (bench/scale.ts's case on bench/lib/seed-scale.ts)
//
// The verdict is the growth exponent k of the bot's CPU time between the two
// largest sizes, cost ∝ size^k: k = log(cost₂/cost₁) / log(size₂/size₁).
// The smallest size is left out of it because fixed costs (JIT warm-up,
// Prisma compiling its queries, the first batch) weigh on it most; the
// per-unit ratio largest / smallest is shown beside it. For join and close
// the cost is the whole burst / close + export (per-unit flat ⇔ k ≈ 1:
// linear); for /earnings it is one command's CPU (k ≈ 0: flat, independent
// of the entries; k ≈ 1: linear in them). CPU, not wall time: the machine is
// shared, and CPU varies far less (wall figures are shown too).

/** k < 0.25 flat, < 0.75 sublinear, ≤ 1.25 linear, above: worse than linear */
export function verdict(k: number): string {
  if (!Number.isFinite(k)) return "unknown";
  if (k < 0.25) return "flat";
  if (k < 0.75) return "sublinear";
  if (k <= 1.25) return "linear";
  return "worse than linear";
}

export const exponent = (size1: number, cost1: number, size2: number, cost2: number) => Math.log(cost2 / cost1) / Math.log(size2 / size1);

/** One size of a series: its cost, the figures to show, its checks. */
type Point = { size: number; cpuMs: number; wallMs: number; runS: number; figures: Figure[]; checks: Check[] };

export const SIZES = {
  join: { full: [1000, 10_000, 100_000], quick: [50, 200] },
  close: { full: [1000, 10_000, 100_000], quick: [100, 400] },
  earnings: { full: [10_000, 100_000, 1_000_000], quick: [1000, 4000] },
};

/** progress on stderr: a full run takes many minutes */
const said = (what: string, runS: number, figures: Figure[]) =>
  console.error(`  growth: ${what} in ${runS.toFixed(0)} s · ${figures.map((f) => `${f.name.replace(`${what}: `, "")} ${f.value} ${f.unit}`).join(" · ")}`);
const us = (ms: number, n: number) => round((ms * 1000) / n, 1);
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await work();
  return [value, (performance.now() - start) / 1000];
};

async function joinPoint(db: DbKind, members: number): Promise<Point> {
  const [run, runS] = await timed(() => measureJoin(db, members, { ceiling: false }));
  const cpuMs = run.ours.cpuMsPerUpdate * members;
  const wallMs = run.ours.outcome.spanMs;
  const n = `${members} members`;
  const point: Point = {
    size: members, cpuMs, wallMs, runS,
    figures: [
      plain(`${n}: wall, first handout → last answer`, round(wallMs, 0), "ms"),
      plain(`${n}: bot CPU`, round(cpuMs, 0), "ms"),
      plain(`${n}: wall per member`, us(wallMs, members), "µs"),
      plain(`${n}: bot CPU per member`, us(cpuMs, members), "µs"),
      plain(`${n}: latency p99`, round(run.ours.outcome.p99Ms), "ms"),
      plain(`${n}: roster lag max`, round(run.lag.maxMs, 0), "ms"),
    ],
    checks: run.checks,
  };
  said(n, runS, point.figures);
  return point;
}

async function closePoint(db: DbKind, orders: number): Promise<Point> {
  const [run, runS] = await timed(() => closeAtSize(db, orders));
  const wallMs = run.closeMs + run.exportMs;
  const n = `${orders} orders`;
  const point: Point = {
    size: orders, cpuMs: run.cpuMs, wallMs, runS,
    figures: [
      plain(`${n}: wall, close + export`, round(wallMs, 0), "ms"),
      plain(`${n}: bot CPU`, round(run.cpuMs, 0), "ms"),
      plain(`${n}: wall per order`, us(wallMs, orders), "µs"),
      plain(`${n}: bot CPU per order`, us(run.cpuMs, orders), "µs"),
      plain(`${n}: peak RSS`, round(run.peakMb), "MB"),
    ],
    checks: run.checks,
  };
  said(n, runS, point.figures);
  return point;
}

/** One community, 10 recommenders, 100 buys (90 closed), `entries` / 100 orders a buy: `entries` ledger entries and as many orders. */
export function earningsLayout(entries: number): ScaleLayout {
  const ordersPerBuy = entries / 100;
  return layout({ communities: 1, recommenders: 10, members: ordersPerBuy + 20, products: 10, buys: 100, openBuys: 10, ordersPerBuy });
}

// the scale bench's /earnings, its reply checked the same way, each sample another of the 10 recommenders
const earningsCase: Case = { ...CASES.find((c) => c.name === "/earnings")!, from: (l, c, s) => memberId(l, c, s % l.recommenders) };

async function earningsPoint(db: DbKind, entries: number, samples: number): Promise<Point> {
  const l = earningsLayout(entries);
  // the audit loads the whole ledger with its orders: at a million entries the replies' sums and the seeded counts check it
  const [run, runS] = await timed(() => commandsAt(db, l, [earningsCase], samples, async () => undefined, { audit: entries <= 100_000 }));
  const r = run.runs[0]!;
  const p50 = percentile(r.latencies, 50);
  const p99 = percentile(r.latencies, 99);
  const n = `${entries} entries`;
  const point: Point = {
    size: entries, cpuMs: r.cpuMsPerCommand, wallMs: p99, runS,
    figures: [
      plain(`${n}: p50`, round(p50), "ms"),
      plain(`${n}: p99`, round(p99), "ms"),
      plain(`${n}: bot CPU per command`, round(r.cpuMsPerCommand, 2), "ms"),
      plain(`${n}: entries in the sender's chain`, l.entries, ""),
      plain(`${n}: seeding`, round(run.seedMs / 1000, 1), "s"),
    ],
    checks: run.checks,
  };
  said(n, runS, point.figures);
  return point;
}

function series(db: DbKind, name: string, unit: string, points: Point[], maxK: number): BenchResult {
  const first = points[0]!;
  const [a, b] = points.slice(-2) as [Point, Point];
  const k = exponent(a.size, a.cpuMs, b.size, b.cpuMs);
  const kWall = exponent(a.size, a.wallMs, b.size, b.wallMs);
  // per unit: for join and close the cost over the size; for /earnings the cost is already per command
  const perUnit = (p: Point) => (name === "/earnings" ? p.cpuMs : p.cpuMs / p.size);
  return {
    bench: "growth",
    db,
    params: { series: name, sizes: points.map((p) => p.size).join("/"), unit, verdict: verdict(k) },
    figures: [
      ...points.flatMap((p) => [...p.figures, plain(`${p.size} ${unit}: run, with seeding and checks`, round(p.runS, 1), "s")]),
      atMost(`growth exponent k, bot CPU, ${a.size} → ${b.size}`, round(k, 2), "", maxK),
      plain(`growth exponent k, wall, ${a.size} → ${b.size}`, round(kWall, 2), ""),
      plain(`CPU per unit, ${b.size} / ${first.size}`, round(perUnit(b) / perUnit(first), 2), "×"),
    ],
    checks: points.flatMap((p) => p.checks.map((c) => ({ ...c, name: `${name} ${p.size}: ${c.name}` }))),
  };
}

/** GROWTH_SERIES=close,earnings runs only those (a partial run on a busy machine); join runs last, being the longest */
const wanted = (name: string) => (process.env.GROWTH_SERIES ?? "close,earnings,join").split(",").includes(name);

export const growthBenchmark: Benchmark = {
  name: "growth",
  description: "how cost grows with work: join burst (1k/10k/100k members), close + export (1k/10k/100k orders), /earnings (10k/100k/1M ledger entries)",
  run: async ({ db, quick }: BenchOptions) => {
    const sizes = (s: { full: number[]; quick: number[] }) => (quick ? s.quick : s.full);
    const results: BenchResult[] = [];
    // join and close should grow no worse than linearly; /earnings, a member's command, should not grow with the ledger
    if (wanted("close")) {
      const points: Point[] = [];
      for (const n of sizes(SIZES.close)) points.push(await closePoint(db, n));
      results.push(series(db, "close", "orders", points, 1.25));
    }
    if (wanted("earnings")) {
      const points: Point[] = [];
      for (const n of sizes(SIZES.earnings)) points.push(await earningsPoint(db, n, quick ? 10 : 100));
      results.push(series(db, "/earnings", "entries", points, 0.25));
    }
    if (wanted("join")) {
      const points: Point[] = [];
      for (const n of sizes(SIZES.join)) points.push(await joinPoint(db, n));
      results.push(series(db, "join", "members", points, 1.25));
    }
    return results;
  },
};
