import { describe, expect, it } from "vitest";
import {
  basisPointsToPercent, buyOutcome, checkBuySettings, checkQuantity, dueReminders, maxQuantityFor, orderAmountFen,
  parseCommission, parseQuantity, remainingStock,
} from "../../src/domain/group-buy-rules";

describe("cap arithmetic", () => {
  const base = { currentQty: 0, totalQty: 0, stockCap: null, perMemberCap: null };

  it("allows anything without caps", () => {
    expect(checkQuantity(base, 7)).toEqual({ ok: true, delta: 7 });
    expect(maxQuantityFor(base)).toBeNull();
    expect(remainingStock(5, null)).toBeNull();
  });

  it("enforces the stock cap on increases only", () => {
    const state = { ...base, currentQty: 2, totalQty: 9, stockCap: 10 };
    expect(checkQuantity(state, 3)).toEqual({ ok: true, delta: 1 });
    expect(checkQuantity(state, 5)).toEqual({ ok: false, reason: "not-enough", available: 1 });
    expect(checkQuantity({ ...state, totalQty: 10 }, 3)).toEqual({ ok: false, reason: "sold-out" });
    expect(checkQuantity({ ...state, totalQty: 10 }, 1)).toEqual({ ok: true, delta: -1 });
    expect(checkQuantity(state, 0)).toEqual({ ok: true, delta: -2 });
    expect(maxQuantityFor(state)).toBe(3);
    expect(remainingStock(12, 10)).toBe(0);
  });

  it("enforces the per-member cap", () => {
    const state = { ...base, currentQty: 2, perMemberCap: 3 };
    expect(checkQuantity(state, 3)).toEqual({ ok: true, delta: 1 });
    expect(checkQuantity(state, 4)).toEqual({ ok: false, reason: "member-cap", max: 3 });
    expect(maxQuantityFor({ ...state, stockCap: 100, totalQty: 99 })).toBe(3);
    expect(maxQuantityFor({ ...state, stockCap: 100, totalQty: 100 })).toBe(2);
  });

  it("refuses no-ops and nonsense", () => {
    expect(checkQuantity({ ...base, currentQty: 2 }, 2)).toEqual({ ok: false, reason: "unchanged" });
    expect(checkQuantity(base, -1)).toEqual({ ok: false, reason: "invalid" });
    expect(checkQuantity(base, 1.5)).toEqual({ ok: false, reason: "invalid" });
  });

  it("computes amounts and outcome in integers", () => {
    expect(orderAmountFen(1250, 3)).toBe(3750);
    expect(() => orderAmountFen(Number.MAX_SAFE_INTEGER, 2)).toThrow();
    expect(buyOutcome(20, 20)).toBe("SUCCEEDED");
    expect(buyOutcome(19, 20)).toBe("FAILED");
    expect(buyOutcome(0, 0)).toBe("FAILED");
  });

  it("refuses settings that make a buy impossible", () => {
    expect(checkBuySettings({ minTotalQty: 20, stockCap: 10, perMemberCap: null })).toBe("min-over-stock");
    expect(checkBuySettings({ minTotalQty: 5, stockCap: 10, perMemberCap: 11 })).toBe("member-cap-over-stock");
    expect(checkBuySettings({ minTotalQty: 5, stockCap: null, perMemberCap: 11 })).toBeUndefined();
  });

  it("parses quantities people type", () => {
    expect(parseQuantity("12")).toBe(12);
    expect(parseQuantity("１２件")).toBe(12);
    expect(parseQuantity(" 3 ")).toBe(3);
    expect(parseQuantity("0")).toBeUndefined();
    expect(parseQuantity("0", 0)).toBe(0);
    expect(parseQuantity("1.5")).toBeUndefined();
    expect(parseQuantity("many")).toBeUndefined();
    expect(parseQuantity("200", 1, 100)).toBeUndefined();
  });
});

describe("commission rules", () => {
  it("reads percentages as basis points", () => {
    expect(parseCommission("5%", 2500)).toEqual({ ok: true, rule: { kind: "PERCENT_BP", value: 500 } });
    expect(parseCommission("5.5 %", 2500)).toEqual({ ok: true, rule: { kind: "PERCENT_BP", value: 550 } });
    expect(parseCommission("0", 2500)).toEqual({ ok: true, rule: { kind: "PERCENT_BP", value: 0 } });
    expect(parseCommission("12.345%", 2500)).toEqual({ ok: false, error: "too-many-decimals" });
    expect(parseCommission("120%", 2500)).toEqual({ ok: false, error: "over-100-percent" });
    expect(parseCommission("101%", 2500)).toEqual({ ok: false, error: "over-100-percent" });
    expect(parseCommission("１０％", 2500)).toEqual({ ok: true, rule: { kind: "PERCENT_BP", value: 1000 } }); // full-width
  });

  it("reads fixed amounts per unit in fen", () => {
    expect(parseCommission("1.50/件", 2500)).toEqual({ ok: true, rule: { kind: "FIXED_PER_UNIT", value: 150 } });
    expect(parseCommission("每件1.5元", 2500)).toEqual({ ok: true, rule: { kind: "FIXED_PER_UNIT", value: 150 } });
    expect(parseCommission("¥2 per unit", 2500)).toEqual({ ok: true, rule: { kind: "FIXED_PER_UNIT", value: 200 } });
    expect(parseCommission("2元/件", 2500)).toEqual({ ok: true, rule: { kind: "FIXED_PER_UNIT", value: 200 } });
    expect(parseCommission("每件 3", 2500)).toEqual({ ok: true, rule: { kind: "FIXED_PER_UNIT", value: 300 } });
    expect(parseCommission("25/件", 2500)).toEqual({ ok: true, rule: { kind: "FIXED_PER_UNIT", value: 2500 } }); // the whole price
    expect(parseCommission("30/件", 2500)).toEqual({ ok: false, error: "over-price" });
    expect(parseCommission("5", 2500)).toEqual({ ok: false, error: "unrecognized" });
    expect(parseCommission("lots", 2500)).toEqual({ ok: false, error: "unrecognized" });
  });

  it("shows basis points as a percentage", () => {
    expect(basisPointsToPercent(500)).toBe("5");
    expect(basisPointsToPercent(550)).toBe("5.5");
    expect(basisPointsToPercent(1025)).toBe("10.25");
    expect(basisPointsToPercent(0)).toBe("0");
    expect(basisPointsToPercent(5)).toBe("0.05");
    expect(basisPointsToPercent(1050)).toBe("10.5");
    expect(basisPointsToPercent(10_000)).toBe("100");
  });
});

describe("reminders", () => {
  const deadline = new Date("2026-12-03T12:00:00Z");
  const opened = new Date("2026-12-01T04:00:00Z");
  const offsets = [1440, 60];
  const at = (iso: string) => new Date(iso);

  it("sends each offset once, when it falls due", () => {
    expect(dueReminders(offsets, deadline, opened, at("2026-12-02T11:00:00Z"), new Set())).toEqual({ markDone: [] });
    expect(dueReminders(offsets, deadline, opened, at("2026-12-02T12:00:00Z"), new Set())).toEqual({ send: 1440, markDone: [1440] });
    expect(dueReminders(offsets, deadline, opened, at("2026-12-03T11:30:00Z"), new Set([1440]))).toEqual({ send: 60, markDone: [60] });
    expect(dueReminders(offsets, deadline, opened, at("2026-12-03T11:30:00Z"), new Set([1440, 60]))).toEqual({ markDone: [] });
  });

  it("after downtime sends only the nearest reminder, and none after the deadline", () => {
    expect(dueReminders(offsets, deadline, opened, at("2026-12-03T11:30:00Z"), new Set())).toEqual({ send: 60, markDone: [1440, 60] });
    expect(dueReminders(offsets, deadline, opened, at("2026-12-03T12:00:00Z"), new Set())).toEqual({ markDone: [] });
  });

  it("skips reminders whose moment came before the buy opened", () => {
    const lateOpen = at("2026-12-03T02:00:00Z"); // 10 h before the deadline
    expect(dueReminders(offsets, deadline, lateOpen, at("2026-12-03T03:00:00Z"), new Set())).toEqual({ markDone: [] });
    expect(dueReminders(offsets, deadline, lateOpen, at("2026-12-03T11:00:00Z"), new Set())).toEqual({ send: 60, markDone: [60] });
  });
});
