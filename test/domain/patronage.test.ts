import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatShare, parseSharePercent, patronagePool, splitPatronage } from "../../src/domain/patronage";

const purchases = fc.array(fc.record({ memberId: fc.integer({ min: 1, max: 50 }), amountFen: fc.integer({ min: 0, max: 10_000_000 }) }), { maxLength: 60 });

describe("patronage: floor with a visible residue", () => {
  it("Σ shares + residue = pool, every share whole fen ≥ 0, no fen lost", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), purchases, (fee, bp, list) => {
        const s = splitPatronage(fee, bp, list);
        expect(s.poolFen).toBe(Math.floor((fee * bp) / 10_000));
        let sum = 0;
        for (const v of s.shares.values()) {
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
          sum += v;
        }
        expect(sum + s.residueFen).toBe(s.poolFen);
        expect(s.residueFen).toBeGreaterThanOrEqual(0);
        // each floor leaves less than a fen; with no purchases the whole pool stays
        if (s.purchasesFen > 0) expect(s.residueFen).toBeLessThan(Math.max(1, s.shares.size));
        else expect(s.residueFen).toBe(s.poolFen);
      }),
    );
  });

  it("is invariant under reordering the purchases", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 }), purchases, fc.integer(), (fee, bp, list, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.memberId * 7919 + a.amountFen + seed) % 101) - ((b.memberId * 7919 + b.amountFen + seed) % 101));
        const a = splitPatronage(fee, bp, list);
        const b = splitPatronage(fee, bp, shuffled);
        expect(b.residueFen).toBe(a.residueFen);
        expect(new Map([...b.shares].sort())).toEqual(new Map([...a.shares].sort()));
      }),
    );
  });

  it("a worked example: ¥12 fee income at 33.33% among purchases of 5000 and 1000", () => {
    const s = splitPatronage(1_200, 3_333, [{ memberId: 1, amountFen: 5_000 }, { memberId: 2, amountFen: 1_000 }]);
    expect(patronagePool(1_200, 3_333)).toBe(399);
    expect([...s.shares]).toEqual([[1, 332], [2, 66]]);
    expect(s.residueFen).toBe(1);
  });

  it("reads shares as percentages", () => {
    expect(parseSharePercent("20%")).toBe(2_000);
    expect(parseSharePercent("12.5 %")).toBe(1_250);
    expect(parseSharePercent("100")).toBe(10_000);
    expect(parseSharePercent("０％")).toBe(0);
    for (const bad of ["101%", "-5%", "1.234%", "abc", ""]) expect(parseSharePercent(bad)).toBeUndefined();
    expect(formatShare(1_250)).toBe("12.5%");
    expect(formatShare(2_000)).toBe("20%");
  });
});
