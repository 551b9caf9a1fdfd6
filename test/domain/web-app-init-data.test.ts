import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { checkInitData, dataCheckString, signInitData } from "../../src/domain/web-app-init-data";

const TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghij";
const now = new Date("2026-12-03T10:00:00Z");
const authDate = String(now.getTime() / 1000 - 60);
const fields = { auth_date: authDate, query_id: "AAHdF6IQAAAAAN0XohDhrOrc", user: JSON.stringify({ id: 4242, first_name: "Ana", language_code: "en" }) };

describe("a Mini App's initData", () => {
  it("is taken when Telegram signed it: the data-check-string sorted, the key HMAC('WebAppData', token)", () => {
    const signed = signInitData(fields, TOKEN);
    // the documented construction, spelled out once
    const params = new URLSearchParams(signed);
    const check = Object.entries(fields).map(([k, v]) => `${k}=${v}`).sort().join("\n");
    expect(dataCheckString(params)).toBe(check);
    const key = createHmac("sha256", "WebAppData").update(TOKEN).digest();
    expect(params.get("hash")).toBe(createHmac("sha256", key).update(check).digest("hex"));
    expect(checkInitData(signed, TOKEN, now)).toEqual({ ok: true, user: { id: 4242, firstName: "Ana", languageCode: "en" }, authDate: new Date(Number(authDate) * 1000) });
  });

  it("refuses a forged hash, a changed field, another bot's signature", () => {
    const signed = new URLSearchParams(signInitData(fields, TOKEN));
    const forged = new URLSearchParams(signed);
    forged.set("hash", "0".repeat(64));
    expect(checkInitData(forged.toString(), TOKEN, now)).toEqual({ ok: false, reason: "forged" });
    const changed = new URLSearchParams(signed);
    changed.set("user", JSON.stringify({ id: 1, first_name: "Mallory" }));
    expect(checkInitData(changed.toString(), TOKEN, now)).toEqual({ ok: false, reason: "forged" });
    expect(checkInitData(signInitData(fields, "987654321:AAHanotherBotsTokenxxxxxxxxxxx"), TOKEN, now)).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses data signed more than a day ago (and far in the future)", () => {
    const old = signInitData({ ...fields, auth_date: String(now.getTime() / 1000 - 24 * 3600 - 1) }, TOKEN);
    expect(checkInitData(old, TOKEN, now)).toEqual({ ok: false, reason: "stale" });
    const ahead = signInitData({ ...fields, auth_date: String(now.getTime() / 1000 + 3600) }, TOKEN);
    expect(checkInitData(ahead, TOKEN, now)).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses missing or malformed data, and signed data without a user", () => {
    expect(checkInitData(undefined, TOKEN, now)).toEqual({ ok: false, reason: "missing" });
    expect(checkInitData("", TOKEN, now)).toEqual({ ok: false, reason: "missing" });
    expect(checkInitData("auth_date=1&user=x", TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
    expect(checkInitData("hash=zz", TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
    expect(checkInitData(signInitData({ auth_date: authDate }, TOKEN), TOKEN, now)).toEqual({ ok: false, reason: "no-user" });
    expect(checkInitData(signInitData({ auth_date: "soon", user: fields.user }, TOKEN), TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
  });
});
