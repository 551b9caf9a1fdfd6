import { describe, expect, it } from "vitest";
import { formatDay, formatMinute, monthName } from "../../src/domain/dates";
import { formatDeadline } from "../../src/views/dates";

const TZ = "Asia/Shanghai";

describe("dates", () => {
  it("formats days and minutes in the community's zone", () => {
    const at = new Date("2026-12-01T16:30:00Z"); // 00:30 the next day in Shanghai
    expect(formatDay(at, TZ)).toBe("2026-12-02");
    expect(formatMinute(at, TZ)).toBe("2026-12-02 00:30");
    expect(formatMinute(at, "UTC")).toBe("2026-12-01 16:30");
  });

  it("names months by Intl in both languages", () => {
    expect([1, 9, 12].map((m) => monthName(m, "en"))).toEqual(["Jan", "Sep", "Dec"]);
    expect([1, 9, 12].map((m) => monthName(m, "zh"))).toEqual(["1月", "9月", "12月"]);
  });

  it("gives a deadline the year only when it isn't this year's", () => {
    const t = (key: string, vars?: Record<string, string | number>) => `${key}|${vars?.monthName} ${vars?.day} ${vars?.year} ${vars?.time}`;
    const now = new Date("2026-12-02T00:00:00Z");
    expect(formatDeadline(new Date("2026-12-24T12:00:00Z"), TZ, { t, now, locale: "en" })).toBe("date-this-year|Dec 24 2026 20:00");
    expect(formatDeadline(new Date("2027-01-03T12:00:00Z"), TZ, { t, now, locale: "en" })).toBe("date-other-year|Jan 3 2027 20:00");
  });
});
