import { describe, expect, it } from "vitest";
import { dfcBenchmark } from "../../bench/dfc";

// The benchmark at a small size, so it can't rot: its correctness checks are
// asserted, its figures are not (no timed tests).
describe("dfc benchmark (smoke)", () => {
  it("streams a seeded buy's orders and a catalogue: every order and product in the documents", async () => {
    const [result] = await dfcBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 120_000);
});
