// The markdown of one `npm run bench` run (`--md FILE`): every figure beside its
// target and every check, with the machine, the commit and the load, so
// BENCHMARKS.md's "one run" table is this file pasted, not figures copied by hand.
import { execFileSync } from "node:child_process";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import type { BenchResult } from "./types";

export type RunContext = { startedAt: Date; endedAt: Date; loadAtStart: number[]; args: string };

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return "unknown";
  }
}

const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
const cell = (s: string) => s.replaceAll("|", "\\|");

export function runMarkdown(results: BenchResult[], ctx: RunContext): string {
  const minutes = (ctx.endedAt.getTime() - ctx.startedAt.getTime()) / 60_000;
  const lines = [
    `\`npm run bench${ctx.args ? ` -- ${ctx.args}` : ""}\` · ${ctx.startedAt.toISOString().slice(0, 16).replace("T", " ")}–${ctx.endedAt.toISOString().slice(11, 16)} UTC (${minutes.toFixed(0)} min) · commit ${commit()}`,
    `· node ${process.version} · ${cpus()[0]?.model ?? "cpu"} × ${availableParallelism()} · ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `· load average (1 / 5 / 15 min) ${loads(ctx.loadAtStart)} at the start, ${loads(loadavg())} at the end.`,
    "",
    "| benchmark · database · size | figure | value | target | |",
    "|---|---|---|---|---|",
  ];
  for (const r of results) {
    const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(" ");
    const title = `${r.bench} · ${r.db}${params ? ` · ${params}` : ""}`;
    r.figures.forEach((f, i) => {
      const mark = f.ok === undefined ? "" : f.ok ? "✓" : "✗";
      const value = `${f.value.toLocaleString("en-US")}${f.unit ? ` ${f.unit}` : ""}`;
      lines.push(`| ${i === 0 ? cell(title) : ""} | ${cell(f.name)} | ${value} | ${cell(f.target ?? "")} | ${mark} |`);
    });
    const failed = r.checks.filter((c) => !c.ok);
    const checks = failed.length
      ? `✗ ${failed.length} of ${r.checks.length} checks failed: ${failed.map((c) => c.name).join("; ")}`
      : `✓ all ${r.checks.length} checks`;
    lines.push(`| ${r.figures.length ? "" : cell(title)} | checks | ${cell(checks)} | | ${failed.length ? "✗" : "✓"} |`);
  }
  const missed = results.flatMap((r) => r.figures.filter((f) => f.ok === false).map((f) => `${r.bench}/${r.db}: ${f.name}`));
  lines.push("", `${results.length} runs · ${missed.length} figures off target${missed.length ? `: ${missed.join("; ")}` : ""}.`);
  return `${lines.join("\n")}\n`;
}
