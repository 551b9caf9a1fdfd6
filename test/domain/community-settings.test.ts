import { describe, expect, it } from "vitest";
import {
  currentValue,
  formatOffsets,
  parseAutoApprove,
  parsePatronage,
  parseReminderOffsets,
  parseTimeZone,
  parseVotingHours,
  serializeValue,
  showValue,
  type SettingsState,
} from "../../src/domain/community-settings";
import { SOCIAL_TAGS, totalsByTag } from "../../src/domain/tags";
import { decodeDeepLink, deepLinkSecret, encodeDeepLink } from "../../src/domain/deep-link";

describe("reminder offsets", () => {
  it("reads hours, days and bare minutes, nearest the deadline last", () => {
    expect(parseReminderOffsets("24h,1h")).toEqual({ ok: true, value: [1440, 60] });
    expect(parseReminderOffsets("1440,60")).toEqual({ ok: true, value: [1440, 60] });
    expect(parseReminderOffsets("2h")).toEqual({ ok: true, value: [120] });
    expect(parseReminderOffsets("30min 1d， 2小时")).toEqual({ ok: true, value: [1440, 120, 30] });
    expect(parseReminderOffsets("1.5h")).toEqual({ ok: true, value: [90] });
  });

  it("refuses empty, unreadable, too many, out of range and repeated offsets", () => {
    expect(parseReminderOffsets("  ")).toEqual({ ok: false, error: "empty" });
    expect(parseReminderOffsets("soon")).toEqual({ ok: false, error: "unreadable" });
    expect(parseReminderOffsets("2x")).toEqual({ ok: false, error: "unreadable" });
    expect(parseReminderOffsets("0.1m")).toEqual({ ok: false, error: "unreadable" });
    expect(parseReminderOffsets("1h,2h,3h,4h,5h,6h")).toEqual({ ok: false, error: "too-many" });
    expect(parseReminderOffsets("4")).toEqual({ ok: false, error: "out-of-range" });
    expect(parseReminderOffsets("5")).toEqual({ ok: true, value: [5] });
    expect(parseReminderOffsets("14d")).toEqual({ ok: true, value: [20160] });
    expect(parseReminderOffsets("15d")).toEqual({ ok: false, error: "out-of-range" });
    expect(parseReminderOffsets("1h,60")).toEqual({ ok: false, error: "duplicate" });
  });

  it("shows offsets as they can be typed back", () => {
    expect(formatOffsets([1440, 60, 90])).toBe("24h, 1h, 90min");
    expect(formatOffsets([])).toBe("—");
    expect(parseReminderOffsets(formatOffsets([1440, 90]))).toEqual({ ok: true, value: [1440, 90] });
  });
});

describe("the other typed settings", () => {
  it("takes IANA zones as Intl spells them", () => {
    expect(parseTimeZone("Europe/Berlin")).toEqual({ ok: true, value: "Europe/Berlin" });
    expect(parseTimeZone("asia/shanghai")).toEqual({ ok: true, value: "Asia/Shanghai" });
    expect(parseTimeZone("Mars/Olympus")).toEqual({ ok: false, error: "unknown" });
    expect(parseTimeZone("")).toEqual({ ok: false, error: "unknown" });
  });

  it("takes voting hours 1–336", () => {
    expect(parseVotingHours("48")).toEqual({ ok: true, value: 48 });
    expect(parseVotingHours("72h")).toEqual({ ok: true, value: 72 });
    expect(parseVotingHours("0")).toEqual({ ok: false, error: "out-of-range" });
    expect(parseVotingHours("337")).toEqual({ ok: false, error: "out-of-range" });
    expect(parseVotingHours("2.5")).toEqual({ ok: false, error: "not-a-number" });
  });

  it("reads the automatic-approval rule: N ≥ 1 supporters, at most M ≥ 0 objections, or off", () => {
    expect(parseAutoApprove("10")).toEqual({ ok: true, value: { support: 10, maxObject: 0 } });
    expect(parseAutoApprove("10 2")).toEqual({ ok: true, value: { support: 10, maxObject: 2 } });
    expect(parseAutoApprove("10/2")).toEqual({ ok: true, value: { support: 10, maxObject: 2 } });
    expect(parseAutoApprove("关")).toEqual({ ok: true, value: { support: null, maxObject: 0 } });
    expect(parseAutoApprove("0")).toEqual({ ok: false, error: "out-of-range" });
    expect(parseAutoApprove("-1")).toEqual({ ok: false, error: "unreadable" });
    expect(parseAutoApprove("1 2 3")).toEqual({ ok: false, error: "unreadable" });
  });

  it("takes a patronage share of 0–100 %", () => {
    expect(parsePatronage("20%")).toEqual({ ok: true, value: 2000 });
    expect(parsePatronage("12.5 %")).toEqual({ ok: true, value: 1250 });
    expect(parsePatronage("101%")).toEqual({ ok: false, error: "out-of-range" });
  });
});

describe("the settings log's values", () => {
  const state: SettingsState = {
    locale: "zh",
    timezone: "Asia/Shanghai",
    reminderOffsetsMin: [1440, 60],
    selfReferralEarns: false,
    votingEnabled: true,
    votingHours: 48,
    autoApproveSupport: null,
    autoApproveMaxObject: 0,
    adminsOrganize: false,
    patronageShareBp: 2000,
    publicPage: false,
    paidBroadcast: false,
  };

  it("stores the old and the new value alike, so an unchanged value is seen as one", () => {
    expect(currentValue(state, "reminders")).toBe("1440,60");
    expect(serializeValue({ key: "reminders", value: [1440, 60] })).toBe("1440,60");
    expect(currentValue(state, "voting")).toBe("on");
    expect(serializeValue({ key: "voting", value: false })).toBe("off");
    expect(currentValue(state, "autoApprove")).toBe("off");
    expect(serializeValue({ key: "autoApprove", value: { support: 5, maxObject: 1 } })).toBe("5/1");
    expect(currentValue(state, "patronage")).toBe("2000");
    expect(currentValue(state, "paidBroadcast")).toBe("off");
    expect(serializeValue({ key: "paidBroadcast", value: true })).toBe("on");
  });

  it("shows stored values as people read them", () => {
    expect(showValue("reminders", "1440,60")).toEqual({ text: "24h, 1h" });
    expect(showValue("patronage", "2000")).toEqual({ text: "20%" });
    expect(showValue("voting", "on")).toEqual({ on: true });
    expect(showValue("paidBroadcast", "on")).toEqual({ on: true });
    expect(showValue("autoApprove", "5/1")).toEqual({ autoApprove: { support: 5, maxObject: 1 } });
    expect(showValue("votingHours", "48")).toEqual({ text: "48h" });
  });
});

describe("books by tag", () => {
  it("counts a product under each of its tags, largest revenue first", () => {
    const totals = totalsByTag([
      { tags: ["fair_trade", "zero_waste"], orders: 3, revenueFen: 3000 },
      { tags: ["zero_waste"], orders: 1, revenueFen: 500 },
      { tags: [], orders: 9, revenueFen: 9000 },
    ]);
    expect(totals).toEqual([
      { tag: "zero_waste", products: 2, orders: 4, revenueFen: 3500 },
      { tag: "fair_trade", products: 1, orders: 3, revenueFen: 3000 },
    ]);
  });
});

describe("the settings and tag deep links", () => {
  const secret = deepLinkSecret("123:abc");
  it("round-trips and refuses names that are not ours", () => {
    expect(encodeDeepLink({ kind: "settings", communityId: 12, key: "reminders" })).toBe("st12_reminders");
    expect(decodeDeepLink("st12_reminders", secret)).toEqual({ kind: "settings", communityId: 12, key: "reminders" });
    expect(decodeDeepLink("st12", secret)).toEqual({ kind: "settings", communityId: 12 });
    expect(decodeDeepLink("st12_nonsense", secret)).toEqual({ kind: "invalid" });
    expect(encodeDeepLink({ kind: "products-tag", tag: "fair_trade", communityId: 7 })).toBe(`tg${SOCIAL_TAGS.indexOf("fair_trade")}_7`);
    expect(decodeDeepLink(`tg${SOCIAL_TAGS.indexOf("zero_waste")}`, secret)).toEqual({ kind: "products-tag", tag: "zero_waste" });
    expect(decodeDeepLink("tg17", secret)).toEqual({ kind: "invalid" });
  });
});
