import { describe, expect, it } from "vitest";
import { checkQaText, isPublishable, latestThatFit, MAX_QA_TEXT, publishedAtAfter, qaPostDue } from "../../src/domain/questions";
import { decodeDeepLink, deepLinkSecret, encodeDeepLink } from "../../src/domain/deep-link";

describe("questions to the recommender", () => {
  it("takes a question of 1 to 1,000 characters, trimmed", () => {
    expect(checkQaText("  Is it sprayed?  ")).toEqual({ ok: true, text: "Is it sprayed?" });
    expect(checkQaText("   \n ")).toEqual({ ok: false, reason: "empty" });
    expect(checkQaText("x".repeat(MAX_QA_TEXT))).toMatchObject({ ok: true });
    expect(checkQaText("x".repeat(MAX_QA_TEXT + 1))).toEqual({ ok: false, reason: "too-long", length: 1001 });
  });

  it("is public only when answered and both agreed; a repeated yes keeps the first time", () => {
    const both = { answered: true, askerPublishes: true, answerPublishes: true };
    expect(isPublishable(both)).toBe(true);
    expect(isPublishable({ ...both, answered: false })).toBe(false);
    expect(isPublishable({ ...both, askerPublishes: false })).toBe(false);
    expect(isPublishable({ ...both, answerPublishes: false })).toBe(false);
    const t0 = new Date("2026-12-03T10:00:00Z");
    const t1 = new Date("2026-12-03T11:00:00Z");
    expect(publishedAtAfter(both, null, t1)).toEqual(t1);
    expect(publishedAtAfter(both, t0, t1)).toEqual(t0);
    expect(publishedAtAfter({ ...both, askerPublishes: false }, t0, t1)).toBeNull();
  });

  it("posts to the group at most once an hour per product", () => {
    const last = new Date("2026-12-03T10:00:00Z");
    expect(qaPostDue(null, last)).toBe(true);
    expect(qaPostDue(last, new Date("2026-12-03T10:59:59Z"))).toBe(false);
    expect(qaPostDue(last, new Date("2026-12-03T11:00:00Z"))).toBe(true);
  });

  it("keeps the newest entries that fit", () => {
    expect(latestThatFit(["aaaa", "bbbb", "cccc"], (s) => s.length, 10)).toEqual(["aaaa", "bbbb"]);
    expect(latestThatFit(["a", "b", "c"], (s) => s.length, 100, 2)).toEqual(["a", "b"]);
    expect(latestThatFit(["a".repeat(50)], (s) => s.length, 10)).toEqual([]);
  });

  it("has an ask deep link", () => {
    const secret = deepLinkSecret("t");
    expect(encodeDeepLink({ kind: "ask", productId: 12 })).toBe("a12");
    expect(decodeDeepLink("a12", secret)).toEqual({ kind: "ask", productId: 12 });
    expect(decodeDeepLink("a", secret)).toEqual({ kind: "invalid" });
  });
});
