import { describe, expect, it } from "vitest";
import { periodBooksBenchmark } from "../../bench/period-books";

// The benchmark at a small size, so it can't rot: its checks are asserted, its figures are not.
describe("period books benchmark (smoke)", () => {
  it("sums a seeded month: buys, orders, fee income, commissions and refunds all there", async () => {
    const [result] = await periodBooksBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 120_000);
});
