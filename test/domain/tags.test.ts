import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeTags, parseTags, serializeTags, SOCIAL_TAGS, tagLabelKey, toggleTag } from "../../src/domain/tags";

describe("social-innovation tags", () => {
  it("has the co-op's 17 tags, each labelled in zh and en", () => {
    expect(SOCIAL_TAGS).toHaveLength(17);
    expect(new Set(SOCIAL_TAGS).size).toBe(17);
    for (const locale of ["zh", "en"]) {
      const ftl = readFileSync(new URL(`../../locales/${locale}/recommend.ftl`, import.meta.url), "utf8");
      for (const tag of SOCIAL_TAGS) expect(ftl).toMatch(new RegExp(`^${tagLabelKey(tag)} = \\S`, "m"));
    }
  });

  it("stores known tags once each, in the list's order", () => {
    expect(serializeTags(["zero_waste", "fair_trade", "zero_waste", "made_up"])).toBe("fair_trade,zero_waste");
    expect(parseTags("zero_waste, fair_trade,,retired_tag")).toEqual(["fair_trade", "zero_waste"]);
    expect(normalizeTags([])).toEqual([]);
  });

  it("toggles a tag on and off", () => {
    const on = toggleTag(["fair_trade"], "ecological_farming");
    expect(on).toEqual(["ecological_farming", "fair_trade"]);
    expect(toggleTag(on, "fair_trade")).toEqual(["ecological_farming"]);
  });
});
