import { describe, expect, it } from "vitest";
import { publicPageBenchmark } from "../../bench/public-page";

// The benchmark at a small size, so it can't rot: its checks are asserted, its figures are not.
describe("public page benchmark (smoke)", () => {
  it("serves the seeded community's page under load: every product listed, every answer 200, a clean stop", async () => {
    const [result] = await publicPageBenchmark.run({ db: "sqlite", quick: true });
    expect(result!.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result!.figures.every((f) => Number.isFinite(f.value))).toBe(true);
  }, 120_000);
});
