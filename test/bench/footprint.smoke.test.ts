import { describe, expect, it } from "vitest";
import { footprintBenchmark } from "../../bench/footprint";

// At a small size, so it can't rot: checks asserted, figures not (no timed tests).
describe("footprint benchmark (smoke)", () => {
  it("starts the real bot twice and answers /start each time", async () => {
    const [result] = await footprintBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 60_000);
});
