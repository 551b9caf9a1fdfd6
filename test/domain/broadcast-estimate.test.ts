import { describe, expect, it } from "vitest";
import { I18n } from "@grammyjs/i18n";
import { broadcastEstimate, durationParts, formatStars } from "../../src/domain/broadcast-estimate";
import { localesDir } from "../../src/bot/i18n";
import { closePaidEstimate } from "../../src/features/buy-admin/close-confirm";

describe("a paid broadcast's estimate", () => {
  it("says how long a close's notices take free and paid, and what they cost in Stars, exactly", () => {
    expect(broadcastEstimate(10_000)).toEqual({ notices: 10_000, freeSeconds: 358, paidSeconds: 12, starTenths: 10_000 });
    expect(durationParts(358)).toEqual({ unit: "min", value: 6 });
    expect(durationParts(12)).toEqual({ unit: "s", value: 12 });
    expect(formatStars(10_000, "zh")).toBe("1,000");
    expect(formatStars(3, "en")).toBe("0.3");
    expect(formatStars(12_345, "en")).toBe("1,234.5");
  });

  it("reads in both languages", () => {
    const i18n = new I18n({ defaultLocale: "zh", directory: localesDir, fluentBundleOptions: { useIsolating: false } });
    const zh = closePaidEstimate((key, vars) => i18n.t("zh", key, vars), "zh", 42, 1_000);
    expect(zh.text).toContain("给成员的 1,000 条通知将以付费广播发送：约 2 秒全部发出（免费速率下约需 36 秒）");
    expect(zh.text).toContain("1,000 条通知 ≈ 100 ⭐");
    const en = closePaidEstimate((key, vars) => i18n.t("en", key, vars), "en", 42, 10_000);
    expect(en.text).toContain("Its 10,000 notices to members go as paid broadcasts: all sent in about 12 s (at the free rate: about 6 min).");
    expect(en.text).toContain("Cost: 10,000 notices ≈ 1,000 ⭐ from the bot's balance");
    expect(en.keyboard.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Close (1,000 ⭐)"]);
  });
});
