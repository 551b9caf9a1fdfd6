import { describe, expect, it } from "vitest";
import { chartBenchmark } from "../../bench/chart";

// The benchmark at a small size, so it can't rot: its checks are asserted, its figures are not.
describe("chart benchmark (smoke)", () => {
  it("renders every chart at its layout's size", async () => {
    const [result] = await chartBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 60_000);
});
