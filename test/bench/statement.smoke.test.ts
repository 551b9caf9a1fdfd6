import { describe, expect, it } from "vitest";
import { statementBenchmark } from "../../bench/statement";

// The benchmark at a small size, so it can't rot: its correctness checks are
// asserted, its figures are not (no timed tests).
describe("statement benchmark (smoke)", () => {
  it("settles a seeded closed buy: balanced, revenue exact, reconciliation holds", async () => {
    const [result] = await statementBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 120_000);
});
