import { describe, expect, it } from "vitest";
import { joinBenchmark } from "../../bench/join";

// The benchmark at a small size, so it can't rot: its correctness checks are
// asserted (one order per member, every tap answered once), its figures are
// not (no timed tests).
describe("join benchmark (smoke)", () => {
  it("takes a burst of +1 taps through the real bot and the bare ceiling", async () => {
    const results = await joinBenchmark.run({ db: "sqlite", quick: true });
    expect(results).toHaveLength(1);
    expect(results[0]!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(results[0]!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
    // the roster's lag behind the taps is measured, with the roster caught up in the end
    expect(results[0]!.figures.map((f) => f.name)).toEqual(expect.arrayContaining(["roster lag p50", "roster lag max", "roster lag max / 3 s"]));
  }, 60_000);
});
