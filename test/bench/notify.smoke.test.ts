import { describe, expect, it } from "vitest";
import { notifyBenchmark } from "../../bench/notify";

// The benchmark at a small size, so it can't rot: its correctness checks are
// asserted, its figures are not (no timed tests).
describe("notify benchmark (smoke)", () => {
  it("delivers every notice once through the real bot, free and as paid broadcasts", async () => {
    const results = await notifyBenchmark.run({ db: "sqlite", quick: true });
    expect(results.map((r) => r.bench)).toEqual(["notify", "notify-paid", "notify-paid-qr"]);
    for (const result of results) {
      expect(result.checks.filter((c) => !c.ok)).toEqual([]);
      expect(result.figures.every((f) => Number.isFinite(f.value))).toBe(true);
    }
  }, 120_000);
});
