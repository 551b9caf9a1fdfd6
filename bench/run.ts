// `npm run bench` — runs the benchmarks and prints each figure beside its
// target. Options: --quick (small sizes), --db sqlite|postgresql|all (default:
// all that are reachable), --only join,close,notify,footprint, --json FILE,
// --md FILE (the run as a markdown table, for BENCHMARKS.md).
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { z } from "zod";
import { BENCHMARKS } from "./index";
import { postgresReachable } from "./lib/database";
import { runMarkdown } from "./lib/report";
import type { BenchResult, DbKind } from "./lib/types";

const Args = z.object({
  quick: z.boolean(),
  db: z.enum(["sqlite", "postgresql", "all"]),
  only: z.array(z.enum(BENCHMARKS.map((b) => b.name) as [string, ...string[]])),
  json: z.string().optional(),
  md: z.string().optional(),
});

function parseArgs(argv: string[]) {
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const parsed = Args.safeParse({
    quick: argv.includes("--quick"),
    db: flag("db") ?? "all",
    only: (flag("only") ?? BENCHMARKS.map((b) => b.name).join(",")).split(",").filter(Boolean),
    json: flag("json"),
    md: flag("md"),
  });
  if (!parsed.success) {
    const names = BENCHMARKS.map((b) => b.name).join(",");
    console.error(`usage: npm run bench -- [--quick] [--db sqlite|postgresql|all] [--only ${names}] [--json FILE] [--md FILE]`);
    process.exit(2);
  }
  return parsed.data;
}

function printResult(result: BenchResult) {
  const params = Object.entries(result.params).map(([k, v]) => `${k}=${v}`).join(" ");
  console.log(`\n${result.bench} · ${result.db}${params ? ` · ${params}` : ""}`);
  for (const f of result.figures) {
    const mark = f.ok === undefined ? " " : f.ok ? "✓" : "✗";
    const value = `${f.value}${f.unit ? ` ${f.unit}` : ""}`;
    console.log(`  ${mark} ${f.name.padEnd(34)} ${value.padStart(14)}${f.target ? `   target ${f.target}` : ""}`);
  }
  for (const c of result.checks) console.log(`  ${c.ok ? "✓" : "✗"} check: ${c.name}${c.detail ? ` (${c.detail})` : ""}`);
}

const args = parseArgs(process.argv.slice(2));
const startedAt = new Date();
const loadAtStart = loadavg();
const dbs: DbKind[] = args.db === "all" ? ["sqlite", "postgresql"] : [args.db];
const hasPostgres = dbs.includes("postgresql") && (await postgresReachable());
console.log(
  `letscoop benchmarks · ${new Date().toISOString()} · node ${process.version} · ${cpus()[0]?.model ?? "cpu"} × ${availableParallelism()} · ${Math.round(totalmem() / 2 ** 30)} GiB${args.quick ? " · quick" : ""}`,
);
const results: BenchResult[] = [];
for (const bench of BENCHMARKS.filter((b) => args.only.includes(b.name))) {
  for (const db of dbs) {
    if (db === "postgresql" && !hasPostgres) {
      console.log(`\n${bench.name} · postgresql · skipped: no PostgreSQL server reachable`);
      continue;
    }
    for (const result of await bench.run({ db, quick: args.quick })) {
      results.push(result);
      printResult(result);
    }
  }
}
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
if (args.md) {
  const shown = process.argv.slice(2).filter((_, i, all) => all[i] !== "--md" && all[i - 1] !== "--md").join(" ");
  writeFileSync(args.md, runMarkdown(results, { startedAt, endedAt: new Date(), loadAtStart, args: shown }));
}
const missed = results.flatMap((r) => r.figures.filter((f) => f.ok === false).map((f) => `${r.bench}/${r.db}: ${f.name}`));
const failed = results.flatMap((r) => r.checks.filter((c) => !c.ok).map((c) => `${r.bench}/${r.db}: ${c.name}`));
console.log(`\n${results.length} runs · ${missed.length} figures off target${missed.length ? `: ${missed.join("; ")}` : ""}`);
if (failed.length) {
  console.error(`checks failed: ${failed.join("; ")}`);
  process.exit(1);
}
