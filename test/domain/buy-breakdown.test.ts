import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { absorb, defaultRule, planBreakdown, unitCommissionFen } from "../../src/domain/buy-breakdown";
import { COST_KINDS, type KindedLine } from "../../src/domain/cost-kinds";

const LINES: KindedLine[] = [
  { label: "Rice", kind: "PRODUCER", amountFen: 1500 },
  { label: "Co-op fee", kind: "COOP_FEE", amountFen: 250 },
  { label: "Commission", kind: "COMMISSION", amountFen: 250 },
];

describe("a buy's breakdown at its own price and rule", () => {
  it("defaults to the commission lines per unit, fixed, and needs no absorbing then", () => {
    expect(defaultRule(LINES)).toEqual({ kind: "FIXED_PER_UNIT", value: 250 });
    const plan = planBreakdown(LINES, 2000, defaultRule(LINES), "Commission");
    expect(plan.differenceFen).toBe(0);
    expect(absorb(plan, null)).toEqual({ ok: true, lines: LINES, adjusted: [] });
  });

  it("rounds a percent rule down per unit, like an order's commission", () => {
    expect(unitCommissionFen({ kind: "PERCENT_BP", value: 500 }, 2199)).toBe(109);
  });

  it("refuses an absorbing line that would go below zero, and a commission line", () => {
    const plan = planBreakdown(LINES, 1500, defaultRule(LINES), "Commission");
    expect(absorb(plan, 1)).toEqual({ ok: false, reason: "negative", afterFen: -250 });
    expect(absorb(plan, 2)).toMatchObject({ ok: false, reason: "not-a-candidate" });
    expect(absorb(plan, 0)).toMatchObject({ ok: true, adjusted: [{ label: "Rice", beforeFen: 1500, afterFen: 1000 }] });
  });

  it("adds up to the buy's price whenever it is accepted, with commission lines equal to the rule", () => {
    const line = fc.record({ label: fc.string({ minLength: 1, maxLength: 5 }), kind: fc.constantFrom(...COST_KINDS), amountFen: fc.integer({ min: 0, max: 5000 }) });
    const rule = fc.oneof(
      fc.record({ kind: fc.constant("PERCENT_BP" as const), value: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant("FIXED_PER_UNIT" as const), value: fc.integer({ min: 0, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 20_000 }), rule, fc.nat(8), (lines, price, r, pick) => {
        fc.pre(r.kind === "PERCENT_BP" || r.value <= price);
        const plan = planBreakdown(lines, price, r, "C");
        const index = plan.differenceFen === 0 ? null : (plan.candidates[pick % Math.max(1, plan.candidates.length)] ?? null);
        const result = absorb(plan, index);
        if (!result.ok) return;
        expect(result.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(price);
        expect(result.lines.every((l) => l.amountFen >= 0)).toBe(true);
        expect(result.lines.filter((l) => l.kind === "COMMISSION").reduce((s, l) => s + l.amountFen, 0)).toBe(unitCommissionFen(r, price));
      }),
    );
  });
});
