import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const keys = (locale: string) =>
  readFileSync(new URL(`../../locales/${locale}/open-data.ftl`, import.meta.url), "utf8")
    .split("\n")
    .map((line) => /^([a-z][a-z0-9_-]*)\s*=/.exec(line)?.[1])
    .filter((k): k is string => k !== undefined)
    .sort();

describe("open-data strings", () => {
  it("exist in both zh and en, and /export_dfc has a description", () => {
    expect(keys("zh")).toEqual(keys("en"));
    expect(keys("en")).toContain("cmd-export_dfc");
  });
});
