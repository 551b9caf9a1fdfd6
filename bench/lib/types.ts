export type DbKind = "sqlite" | "postgresql";

/** One measured number, with the target it is held to (if any). */
export type Figure = {
  name: string;
  value: number;
  unit: string;
  /** e.g. "≥ 0.60", "< 25 ms"; shown beside the value */
  target?: string;
  /** whether the value meets the target; undefined when there is none */
  ok?: boolean;
};

export type BenchResult = {
  bench: string;
  db: DbKind;
  /** the run's size and settings, e.g. { members: 1000 } */
  params: Record<string, number | string>;
  figures: Figure[];
  /** correctness checks of the run (final counts, sums); a benchmark that loses an order fails */
  checks: { name: string; ok: boolean; detail?: string }[];
};

export type BenchOptions = {
  db: DbKind;
  /** small sizes for the smoke test and `npm run bench -- --quick` */
  quick: boolean;
};

export type Benchmark = {
  name: string;
  description: string;
  run: (options: BenchOptions) => Promise<BenchResult[]>;
};

export const atMost = (name: string, value: number, unit: string, limit: number): Figure => ({
  name, value, unit, target: `≤ ${limit}${unit ? ` ${unit}` : ""}`, ok: value <= limit,
});
export const below = (name: string, value: number, unit: string, limit: number): Figure => ({
  name, value, unit, target: `< ${limit}${unit ? ` ${unit}` : ""}`, ok: value < limit,
});
export const atLeast = (name: string, value: number, unit: string, limit: number): Figure => ({
  name, value, unit, target: `≥ ${limit}${unit ? ` ${unit}` : ""}`, ok: value >= limit,
});
export const plain = (name: string, value: number, unit: string): Figure => ({ name, value, unit });
