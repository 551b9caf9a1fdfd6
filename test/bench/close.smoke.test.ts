import { describe, expect, it } from "vitest";
import { closeBenchmark } from "../../bench/close";

// The benchmark at a small size, so it can't rot: its correctness checks are
// asserted, its figures are not (no timed tests).
describe("close benchmark (smoke)", () => {
  it("closes and exports a buy through the real bot: accruals, notices and CSV all there", async () => {
    const [result] = await closeBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 120_000);
});
