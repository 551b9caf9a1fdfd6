import { describe, expect, it } from "vitest";
import { decodeDeepLink, deepLinkSecret, encodeDeepLink } from "../../src/domain/deep-link";

const secret = deepLinkSecret("123456789:AAHfakeTokenForTestsOnly_abcdefghij");

describe("referral share-link payloads", () => {
  const payload = encodeDeepLink({ kind: "referral", groupBuyId: 42, referralCode: "k7m2q9xz" }, secret);

  it("round-trips a signed link and fits Telegram's start parameter", () => {
    expect(payload).toMatch(/^b42_k7m2q9xz_[A-Za-z0-9_-]{10}$/);
    expect(payload.length).toBeLessThanOrEqual(64);
    expect(decodeDeepLink(payload, secret)).toEqual({ kind: "referral", groupBuyId: 42, referralCode: "k7m2q9xz" });
  });

  it("opens the buy without attribution when the code was swapped (forged)", () => {
    const forged = payload.replace("k7m2q9xz", "aaaaaaaa");
    expect(decodeDeepLink(forged, secret)).toEqual({ kind: "buy", groupBuyId: 42 });
  });

  it("opens the buy without attribution when the signature belongs to another buy", () => {
    const other = encodeDeepLink({ kind: "referral", groupBuyId: 43, referralCode: "k7m2q9xz" }, secret);
    const moved = `b42_${other.split("_").slice(1).join("_")}`;
    expect(decodeDeepLink(moved, secret)).toEqual({ kind: "buy", groupBuyId: 42 });
  });

  it("stops attributing after the bot token (and so the secret) was rotated", () => {
    const rotated = deepLinkSecret("123456789:AAHanotherTokenAfterRotation_xyzxyz");
    expect(decodeDeepLink(payload, rotated)).toEqual({ kind: "buy", groupBuyId: 42 });
  });

  it("treats malformed payloads as not ours", () => {
    for (const bad of ["b42_k7m2q9xz", "b42_K7M2Q9XZ_abcdefghij", "b42__abcdefghij", "bx_k7m2q9xz_abcdefghij", `b42_k7m2q9xz_${"a".repeat(60)}`, "../etc", "b42_k7m2q9xz_abc"]) {
      expect(decodeDeepLink(bad, secret).kind, bad).toBe("invalid");
    }
    expect(decodeDeepLink("", secret)).toEqual({ kind: "none" });
  });
});

describe("every /start payload kind", () => {
  const cases: [string, ReturnType<typeof decodeDeepLink>][] = [
    ["rec", { kind: "recommend" }],
    ["open", { kind: "open-picker" }],
    ["o", { kind: "open-picker" }],
    ["o12", { kind: "open-product", productId: 12 }],
    ["s7", { kind: "share", groupBuyId: 7 }],
    ["p3", { kind: "product", productId: 3 }],
    ["c9", { kind: "buy-card", groupBuyId: 9 }],
    ["b5", { kind: "buy", groupBuyId: 5 }],
    ["q5", { kind: "buy-quantity", groupBuyId: 5 }],
    ["  rec ", { kind: "recommend" }],
  ];

  it("decodes each kind the bot makes", () => {
    for (const [payload, link] of cases) expect(decodeDeepLink(payload, secret), payload).toEqual(link);
  });

  it("encodes each kind to the payload it decodes from", () => {
    for (const [payload, link] of cases) {
      if (link.kind === "invalid" || link.kind === "none") continue;
      const encoded = encodeDeepLink(link, secret);
      expect(decodeDeepLink(encoded, secret)).toEqual(link);
      if (payload === payload.trim() && payload !== "o") expect(encoded).toBe(payload);
    }
  });

  it("leaves near misses to the welcome", () => {
    for (const bad of ["recommend", "REC", "rec x", "opens", "o12x", "oo", "o1234567890", "s", "sx1", "s1_abc", "p", "c", "x".repeat(80)]) {
      expect(decodeDeepLink(bad, secret).kind, bad).toBe("invalid");
    }
    expect(decodeDeepLink("   ", secret)).toEqual({ kind: "none" });
  });
});
