import { describe, expect, it } from "vitest";
import {
  aggregate, formatAverage, isLow, lowFlagChange, mayPrompt, parseComment, parseRating, promptsToSend, summarize, totalsOf,
} from "../../src/domain/ratings";

const H = 3600_000;
const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * H);

describe("ratings", () => {
  it("takes 1–5 only", () => {
    expect([..."012345679"].map(parseRating)).toEqual([undefined, 1, 2, 3, 4, 5, undefined, undefined, undefined]);
    for (const bad of ["", "4.5", "-1", "10", " 3", "7"]) expect(parseRating(bad)).toBeUndefined();
  });

  it("averages to one decimal, half up, in integers", () => {
    expect(aggregate([])).toEqual({ count: 0, averageTenths: 0 });
    expect(aggregate([4, 5, 4])).toEqual({ count: 3, averageTenths: 43 }); // 4.333…
    expect(aggregate([4, 5, 4, 4])).toEqual({ count: 4, averageTenths: 43 }); // 4.25 → 4.3
    expect(aggregate([1, 2])).toEqual({ count: 2, averageTenths: 15 });
    expect(aggregate([5, 5, 4])).toEqual({ count: 3, averageTenths: 47 }); // 4.666…
    expect(aggregate([5, 5, 5, 5, 5, 5, 4, 5])).toEqual({ count: 8, averageTenths: 49 }); // 4.875 → 4.9
    expect(summarize({ sum: 129, count: 30 })).toEqual({ count: 30, averageTenths: 43 });
    expect(formatAverage(43)).toBe("4.3");
    expect(formatAverage(50)).toBe("5.0");
    expect(formatAverage(10)).toBe("1.0");
  });

  it("is low at an average of at most 2.5 over at least 5 ratings, exactly", () => {
    expect(isLow(totalsOf([1, 1, 1, 1]))).toBe(false); // too few
    expect(isLow(totalsOf([1, 2, 3, 3, 3]))).toBe(true); // 2.4
    expect(isLow(totalsOf([2, 3, 2, 3, 2, 3]))).toBe(true); // 2.5
    expect(isLow(totalsOf([2, 3, 2, 3, 2, 3, 3, 3, 2, 2, 3, 2, 3, 3, 2, 3, 2, 2, 3, 2, 3, 2, 3, 3]))).toBe(false); // 2.54…: reads 2.5, is above
    expect(lowFlagChange(totalsOf([1, 1, 1, 1, 1]), false)).toBe("raise");
    expect(lowFlagChange(totalsOf([1, 1, 1, 1, 1]), true)).toBe("none");
    expect(lowFlagChange(totalsOf([5, 5, 1, 1, 1]), true)).toBe("clear");
    expect(lowFlagChange(totalsOf([5, 5, 1, 1, 1]), false)).toBe("none");
  });

  it("sends one prompt a member a day: the oldest due, the others wait", () => {
    const now = at(48);
    const due = [
      { id: 3, memberId: 1, dueAt: at(25), lastPromptedAt: null },
      { id: 2, memberId: 1, dueAt: at(24), lastPromptedAt: null },
      { id: 4, memberId: 2, dueAt: at(30), lastPromptedAt: at(30) }, // asked 18 h ago
      { id: 5, memberId: 3, dueAt: at(47), lastPromptedAt: at(24) }, // asked a day ago
      { id: 6, memberId: 4, dueAt: at(49), lastPromptedAt: null }, // not due yet
    ];
    expect(promptsToSend(due, now).map((p) => p.id)).toEqual([2, 5]);
    expect(mayPrompt(at(24), at(48))).toBe(true);
    expect(mayPrompt(at(24.5), at(48))).toBe(false);
  });

  it("takes a comment of 1–1000 characters, trimmed", () => {
    expect(parseComment("  good rice \n")).toEqual({ ok: true, comment: "good rice" });
    expect(parseComment("   ")).toEqual({ ok: false, error: "empty", length: 0 });
    expect(parseComment("好".repeat(1000))).toMatchObject({ ok: true });
    expect(parseComment("好".repeat(1001))).toEqual({ ok: false, error: "too-long", length: 1001 });
  });
});
