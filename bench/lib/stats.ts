import { readFileSync } from "node:fs";

/** Percentile by nearest rank over a sorted copy. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export function rssMegabytes(pid: number): number {
  // VmRSS of another process, from /proc (Linux)
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU time (user + system) another process has used so far, in ms, from /proc (Linux; 10 ms resolution). */
export function cpuMilliseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // fields after the command name (which may contain spaces): state is the 3rd field, utime the 14th, stime the 15th
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** sysconf(_SC_CLK_TCK): 100 on Linux on every architecture node runs on */
const CLOCK_TICKS = 100;
