import { describe, expect, it } from "vitest";
import { scaleBenchmark } from "../../bench/scale";
import { schedulerBenchmark } from "../../bench/scheduler";

// The benchmarks at a small size, so they can't rot: their checks are asserted, their figures are not.
describe("scale benchmarks (smoke)", () => {
  it("seeds a small co-op and checks every command's reply against it", async () => {
    const [result] = await scaleBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 180_000);

  it("closes every open buy after its deadline, each order accrued and told once", async () => {
    const [result] = await schedulerBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 300_000);
});
