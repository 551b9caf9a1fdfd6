import { spawn } from "node:child_process";
import { join } from "node:path";
import { percentile, round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";

type Renders = { times: number[]; rssBefore: number; rssAfter: number; sizesOk: boolean };

function runRenders(count: number): Promise<Renders> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "lib", "chart-renders.ts"), String(count)], {
      cwd: join(import.meta.dirname, ".."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Renders) : reject(new Error(`chart renders exited ${code}: ${err}`))));
  });
}

/**
 * Money charts rendered one after another in a process of their own (the
 * first one loads resvg and the font chunks), half of them with an 800×600
 * product photo composed above: p50/p95 per render, and the RSS after.
 */
export async function chart({ db, quick }: BenchOptions): Promise<BenchResult> {
  const count = quick ? 20 : 400;
  const r = await runRenders(count);
  // render 0 loads resvg and the fonts: reported on its own, not in the percentiles
  const chartOnly = r.times.filter((_, i) => i > 0 && i % 2 === 0);
  const withPhoto = r.times.filter((_, i) => i % 2 === 1);
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
  return {
    bench: "chart",
    db,
    params: { renders: count },
    figures: [
      plain("first render (loads resvg, fonts)", round(r.times[0]!, 1), "ms"),
      plain("chart p50", round(percentile(chartOnly, 50), 1), "ms"),
      below("chart p95", round(percentile(chartOnly, 95), 1), "ms", 100),
      plain("photo + chart p50", round(percentile(withPhoto, 50), 1), "ms"),
      plain("photo + chart p95", round(percentile(withPhoto, 95), 1), "ms"),
      plain("RSS before", mb(r.rssBefore), "MB"),
      plain("RSS after", mb(r.rssAfter), "MB"),
    ],
    checks: [
      { name: "every render rendered", ok: r.times.length === count, detail: `${r.times.length}/${count}` },
      { name: "every PNG at its layout's size", ok: r.sizesOk },
    ],
  };
}

export const chartBenchmark: Benchmark = {
  name: "chart",
  description: "money chart renders (half with an 800×600 product photo): p95 per render, RSS; no database, run once",
  // the chart touches no database: one run, under the first database asked for
  run: async (options) => (options.db === "sqlite" ? [await chart(options)] : []),
};
