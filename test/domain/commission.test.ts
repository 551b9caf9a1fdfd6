import { describe, expect, it } from "vitest";
import { commissionFen, formatCommissionRule, orderCommissionFen } from "../../src/domain/commission";
import { createI18n } from "../../src/bot/i18n";
import { attributeOrder } from "../../src/domain/attribution";

describe("commission per order", () => {
  it("takes a percentage of the order amount, rounded down to the fen", () => {
    expect(commissionFen({ kind: "PERCENT_BP", value: 1000 }, 12_345, 3)).toBe(1234); // 1234.5 → 1234
    expect(commissionFen({ kind: "PERCENT_BP", value: 1000 }, 12_340, 3)).toBe(1234);
    expect(commissionFen({ kind: "PERCENT_BP", value: 333 }, 999, 1)).toBe(33); // 33.2667
    expect(commissionFen({ kind: "PERCENT_BP", value: 1 }, 9_999, 1)).toBe(0); // 0.9999 fen is not paid
    expect(commissionFen({ kind: "PERCENT_BP", value: 10_000 }, 4_321, 2)).toBe(4_321);
    expect(commissionFen({ kind: "PERCENT_BP", value: 0 }, 4_321, 2)).toBe(0);
  });

  it("applies the percentage to the order amount, not per unit", () => {
    // 3 units of ¥0.15 at 10 %: per unit would be 3 × floor(1.5) = 3; on the amount it is floor(4.5) = 4
    expect(commissionFen({ kind: "PERCENT_BP", value: 1000 }, 45, 3)).toBe(4);
  });

  it("is exact for large amounts (no float drift)", () => {
    const amount = 9_999_999_999; // ¥99,999,999.99
    expect(commissionFen({ kind: "PERCENT_BP", value: 9_999 }, amount, 1)).toBe(Number((BigInt(amount) * 9_999n) / 10_000n));
    expect(commissionFen({ kind: "PERCENT_BP", value: 1_234 }, 8_999_999_999_999, 1)).toBe(Number((8_999_999_999_999n * 1_234n) / 10_000n));
  });

  it("pays a fixed amount per unit, never more than the order amount", () => {
    expect(commissionFen({ kind: "FIXED_PER_UNIT", value: 100 }, 3_000, 3)).toBe(300);
    expect(commissionFen({ kind: "FIXED_PER_UNIT", value: 500 }, 800, 2)).toBe(800);
  });

  it("refuses amounts that are not whole fen", () => {
    expect(() => commissionFen({ kind: "PERCENT_BP", value: 1000 }, 12.5, 1)).toThrow();
    expect(() => commissionFen({ kind: "FIXED_PER_UNIT", value: 1.5 }, 100, 1)).toThrow();
    expect(() => commissionFen({ kind: "PERCENT_BP", value: 1000 }, -100, 1)).toThrow();
  });

  it("pays nothing for a self-referral unless the buy says it earns", () => {
    const order = { commissionKind: "PERCENT_BP" as const, commissionValue: 1000, amountFen: 5_000, quantity: 1, selfReferral: true };
    expect(orderCommissionFen(order, false)).toBe(0);
    expect(orderCommissionFen(order, true)).toBe(500);
    expect(orderCommissionFen({ ...order, selfReferral: false }, false)).toBe(500);
  });
});

describe("commission rules as members read them", () => {
  // the wording comes from locales/ (commission-rule-*); parsing is group-buy-rules' parseCommission
  const i18n = createI18n("zh");
  const tr = (locale: "zh" | "en") => (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);

  it("formats percent and fixed rules per locale", () => {
    expect(formatCommissionRule(tr("en"), { kind: "PERCENT_BP", value: 1000 }, "CNY", "en")).toBe("10 %");
    expect(formatCommissionRule(tr("zh"), { kind: "PERCENT_BP", value: 1050 }, "CNY", "zh")).toBe("10.5%");
    expect(formatCommissionRule(tr("en"), { kind: "PERCENT_BP", value: 5 }, "CNY", "en")).toBe("0.05 %");
    expect(formatCommissionRule(tr("en"), { kind: "PERCENT_BP", value: 10_000 }, "CNY", "en")).toBe("100 %");
    expect(formatCommissionRule(tr("en"), { kind: "FIXED_PER_UNIT", value: 100 }, "CNY", "en")).toBe("¥1.00 per unit");
    expect(formatCommissionRule(tr("zh"), { kind: "FIXED_PER_UNIT", value: 250 }, "CNY", "zh")).toBe("每件 ¥2.50");
  });
});

describe("attribution", () => {
  it("credits the link's recommender when the member came through a link", () => {
    expect(attributeOrder({ memberId: 3, buyRecommenderId: 1, visitReferrerId: 2 })).toEqual({ referrerId: 2, attribution: "LINK", selfReferral: false });
  });
  it("credits the product's recommender otherwise", () => {
    expect(attributeOrder({ memberId: 3, buyRecommenderId: 1 })).toEqual({ referrerId: 1, attribution: "PRODUCT", selfReferral: false });
    expect(attributeOrder({ memberId: 3, buyRecommenderId: 1, visitReferrerId: null })).toEqual({ referrerId: 1, attribution: "PRODUCT", selfReferral: false });
  });
  it("marks a recommender's own order through their own link, or on their own product, as self-referral", () => {
    expect(attributeOrder({ memberId: 2, buyRecommenderId: 1, visitReferrerId: 2 })).toEqual({ referrerId: 2, attribution: "LINK", selfReferral: true });
    expect(attributeOrder({ memberId: 1, buyRecommenderId: 1 })).toEqual({ referrerId: 1, attribution: "PRODUCT", selfReferral: true });
  });
});
