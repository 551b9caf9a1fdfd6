import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const keys = (locale: string) =>
  readFileSync(new URL(`../../locales/${locale}/referrals.ftl`, import.meta.url), "utf8")
    .split("\n")
    .map((line) => /^([a-z][a-z0-9_-]*)\s*=/.exec(line)?.[1])
    .filter((k): k is string => k !== undefined)
    .sort();

describe("referral strings", () => {
  it("exist in both zh and en, and every command has a description", () => {
    expect(keys("zh")).toEqual(keys("en"));
    for (const c of ["share", "earnings", "recommenders", "recommenders_optout", "recommenders_optin", "payout", "ledger", "export_ledger", "self_referral"]) {
      expect(keys("en")).toContain(`cmd-${c}`);
    }
  });
});
