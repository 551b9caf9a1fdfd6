import { describe, expect, it } from "vitest";
import { exponent, growthBenchmark, verdict } from "../../bench/growth";

// The benchmark at its quick sizes, so it can't rot: every run's checks are
// asserted (orders, totals, ledger sums, notices, replies), the figures only
// for being there (no timed tests).
describe("growth benchmark (smoke)", () => {
  it("measures each series at two sizes, with a verdict from the figures", async () => {
    const results = await growthBenchmark.run({ db: "sqlite", quick: true });
    expect(results.map((r) => r.params.series)).toEqual(["close", "/earnings", "join"]);
    for (const r of results) {
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
      expect(r.checks.length).toBeGreaterThan(0);
      expect(r.figures.every((f) => Number.isFinite(f.value))).toBe(true);
      expect(["flat", "sublinear", "linear", "worse than linear"]).toContain(r.params.verdict);
    }
  }, 600_000);

  it("names the growth by its exponent", () => {
    // per-unit constant: a tenfold size costs tenfold
    expect(verdict(exponent(1000, 50, 10_000, 500))).toBe("linear");
    expect(verdict(exponent(10_000, 5, 100_000, 5.5))).toBe("flat");
    expect(verdict(exponent(1000, 50, 10_000, 5000))).toBe("worse than linear");
    expect(verdict(exponent(1000, 50, 10_000, 150))).toBe("sublinear");
  });
});
