import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../src/domain/deadline";
import { localParts, splitDuration, zonedTime } from "../../src/domain/dates";

const TZ = "Asia/Shanghai";
// 2026-12-01 12:00 in Shanghai (UTC+8)
const now = new Date("2026-12-01T04:00:00Z");

function at(input: string): string {
  const r = parseDeadline(input, now, TZ);
  if (!r.ok) throw new Error(`${input}: ${r.error}`);
  return r.at.toISOString();
}
function error(input: string): string | undefined {
  const r = parseDeadline(input, now, TZ);
  return r.ok ? undefined : r.error;
}

describe("parseDeadline in Asia/Shanghai", () => {
  it("reads full dates with times", () => {
    expect(at("2026-12-01 20:00")).toBe("2026-12-01T12:00:00.000Z");
    expect(at("2026/12/03 8:30")).toBe("2026-12-03T00:30:00.000Z");
    expect(at("2026年12月3日 20点")).toBe("2026-12-03T12:00:00.000Z");
    expect(at("２０２６－１２－０２　２０：００")).toBe("2026-12-02T12:00:00.000Z"); // full-width
  });

  it("reads month-day without a year, rolling into next year only for long-past dates", () => {
    expect(at("12-01 20:00")).toBe("2026-12-01T12:00:00.000Z");
    expect(at("12月5日 晚上8点")).toBe("2026-12-05T12:00:00.000Z");
    expect(at("1-5 10:00")).toBe("2027-01-05T02:00:00.000Z");
    expect(error("11-28 20:00")).toBe("past");
  });

  it("reads today, tomorrow and the day after in Chinese and English", () => {
    expect(at("明天 20:00")).toBe("2026-12-02T12:00:00.000Z");
    expect(at("后天 8:00")).toBe("2026-12-03T00:00:00.000Z");
    expect(at("tomorrow 20:00")).toBe("2026-12-02T12:00:00.000Z");
    expect(at("Tomorrow 8pm")).toBe("2026-12-02T12:00:00.000Z");
    expect(at("今晚8点")).toBe("2026-12-01T12:00:00.000Z");
    expect(at("明天下午3点半")).toBe("2026-12-02T07:30:00.000Z");
    expect(at("明天")).toBe("2026-12-02T15:59:00.000Z"); // end of that day
  });

  it("reads relative forms", () => {
    expect(at("+3d")).toBe("2026-12-04T04:00:00.000Z");
    expect(at("+2h")).toBe("2026-12-01T06:00:00.000Z");
    expect(at("+1d12h")).toBe("2026-12-02T16:00:00.000Z");
    expect(at("+90m")).toBe("2026-12-01T05:30:00.000Z");
    expect(at("3天后")).toBe("2026-12-04T04:00:00.000Z");
  });

  it("counts an offset from a given base (a deadline being moved), an absolute time as it is", () => {
    const current = new Date("2026-12-03T12:00:00Z");
    expect(parseDeadline("+1d", now, TZ, current)).toEqual({ ok: true, at: new Date("2026-12-04T12:00:00Z"), relative: true });
    expect(parseDeadline("2天后", now, TZ, current)).toEqual({ ok: true, at: new Date("2026-12-05T12:00:00Z"), relative: true });
    expect(parseDeadline("明天 20:00", now, TZ, current)).toEqual({ ok: true, at: new Date("2026-12-02T12:00:00Z"), relative: false });
    // still checked against now: a base long past plus a little is past
    expect(parseDeadline("+1h", now, TZ, new Date("2026-11-20T00:00:00Z"))).toEqual({ ok: false, error: "past" });
    expect(parseDeadline("+366d", now, TZ, current)).toEqual({ ok: false, error: "too-far" });
  });

  it("takes a time alone as its next occurrence", () => {
    expect(at("20:00")).toBe("2026-12-01T12:00:00.000Z");
    expect(at("9:00")).toBe("2026-12-02T01:00:00.000Z");
  });

  it("rejects past, too far, impossible and garbage input", () => {
    expect(error("2026-11-30 20:00")).toBe("past");
    expect(error("2026-12-01 11:00")).toBe("past");
    expect(error("今天 8:00")).toBe("past");
    expect(error("2030-01-01 10:00")).toBe("too-far");
    expect(error("2026-02-30 10:00")).toBe("invalid-date");
    expect(error("2026-12-05 25:00")).toBe("unrecognized");
    expect(error("soon")).toBe("unrecognized");
    expect(error("+3x")).toBe("unrecognized");
    expect(error("明天 lunch")).toBe("unrecognized");
    expect(error("上午14点")).toBe("unrecognized");
    expect(error("   ")).toBe("empty");
  });
});

describe("time zone arithmetic", () => {
  it("converts wall-clock times both ways, also across a DST change", () => {
    expect(zonedTime(2026, 12, 1, 20, 0, TZ)!.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(localParts(new Date("2026-12-01T16:30:00Z"), TZ)).toMatchObject({ year: 2026, month: 12, day: 2, hour: 0, minute: 30 });
    // Berlin switches to summer time on 2026-03-29 at 02:00
    expect(zonedTime(2026, 3, 29, 12, 0, "Europe/Berlin")!.toISOString()).toBe("2026-03-29T10:00:00.000Z");
    expect(zonedTime(2026, 3, 28, 12, 0, "Europe/Berlin")!.toISOString()).toBe("2026-03-28T11:00:00.000Z");
  });

  it("splits durations for display", () => {
    expect(splitDuration(((2 * 24 + 3) * 60 + 5) * 60_000)).toEqual({ days: 2, hours: 3, minutes: 5 });
    expect(splitDuration(30_000)).toEqual({ days: 0, hours: 0, minutes: 1 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});
