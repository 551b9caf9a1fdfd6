// A Telegram Mini App's initData, checked as Telegram documents it
// (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
// the data-check-string is every field but `hash`, sorted, as key=value
// lines; its HMAC-SHA256 under HMAC_SHA256("WebAppData", bot token) must be
// `hash`. Pure: the caller passes the token and now.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Telegram's own advice: signed data older than a day is not taken. */
export const INIT_DATA_MAX_AGE_S = 24 * 60 * 60;

export type WebAppUser = { id: number; firstName: string; languageCode?: string };

export type InitDataCheck =
  | { ok: true; user: WebAppUser; authDate: Date }
  | { ok: false; reason: "missing" | "malformed" | "forged" | "stale" | "no-user" };

function secretKey(botToken: string): Buffer {
  return createHmac("sha256", "WebAppData").update(botToken).digest();
}

/** The data-check-string of these fields (hash left out), as Telegram builds it. */
export function dataCheckString(fields: URLSearchParams): string {
  return [...fields.entries()]
    .filter(([key]) => key !== "hash")
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("\n");
}

/** The hash Telegram would put on these fields (tests sign with it; the fake Telegram too). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  const hash = createHmac("sha256", secretKey(botToken)).update(dataCheckString(params)).digest("hex");
  params.set("hash", hash);
  return params.toString();
}

export function checkInitData(initData: string | undefined, botToken: string, now: Date, maxAgeS = INIT_DATA_MAX_AGE_S): InitDataCheck {
  if (!initData) return { ok: false, reason: "missing" };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(initData);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const hash = params.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", secretKey(botToken)).update(dataCheckString(params)).digest();
  // constant time: a forger learns nothing from how long the comparison took
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "forged" };
  const authDate = Number(params.get("auth_date"));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: "malformed" };
  const ageS = now.getTime() / 1000 - authDate;
  // a little ahead is a clock difference; far ahead is not a real signature's date
  if (ageS > maxAgeS || ageS < -300) return { ok: false, reason: "stale" };
  let user: unknown;
  try {
    user = JSON.parse(params.get("user") ?? "null");
  } catch {
    return { ok: false, reason: "no-user" };
  }
  const u = user as { id?: unknown; first_name?: unknown; language_code?: unknown } | null;
  if (!u || typeof u.id !== "number" || !Number.isSafeInteger(u.id) || u.id <= 0) return { ok: false, reason: "no-user" };
  return {
    ok: true,
    user: { id: u.id, firstName: typeof u.first_name === "string" ? u.first_name : "", ...(typeof u.language_code === "string" ? { languageCode: u.language_code } : {}) },
    authDate: new Date(authDate * 1000),
  };
}
