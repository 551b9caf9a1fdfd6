import { describe, expect, it } from "vitest";
import { parsePeriod, periodRange, shift } from "../../src/domain/period";

const now = new Date("2026-12-31T17:00:00Z"); // 2027-01-01 01:00 in Shanghai

describe("periods", () => {
  it("reads this month and last month in the community's zone", () => {
    expect(parsePeriod("month", now, "Asia/Shanghai")).toEqual({ year: 2027, month: 1 });
    expect(parsePeriod("month", now, "UTC")).toEqual({ year: 2026, month: 12 });
    expect(parsePeriod("上月", now, "Asia/Shanghai")).toEqual({ year: 2026, month: 12 });
    expect(parsePeriod("last", now, "Asia/Shanghai")).toEqual({ year: 2026, month: 12 });
    expect(parsePeriod("", now, "Asia/Shanghai", "this")).toEqual({ year: 2027, month: 1 });
  });
  it("reads YYYY-MM and tells a bad month from a buy number", () => {
    expect(parsePeriod("2026-11", now, "UTC")).toEqual({ year: 2026, month: 11 });
    expect(parsePeriod("2026年3月", now, "UTC")).toEqual({ year: 2026, month: 3 });
    expect(parsePeriod("2026-13", now, "UTC")).toBe("bad");
    expect(parsePeriod("12", now, "UTC")).toBe("not-period");
    expect(parsePeriod("check", now, "UTC")).toBe("not-period");
    expect(parsePeriod("", now, "UTC")).toBe("not-period");
  });
  it("spans the month from local midnight to local midnight", () => {
    const r = periodRange({ year: 2026, month: 11 }, "Asia/Shanghai");
    expect(r.from.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(r.to.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(shift({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });
});
