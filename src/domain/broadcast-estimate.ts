// What a round of notices costs in time and Stars: free at Telegram's ~30 a
// second, or as paid broadcasts (allow_paid_broadcast: up to 1,000 a second
// for 0.1 Star a message, withdrawn from the bot's balance). Pure.
import type { Locale } from "./money";

/** the rates the bot's pacer keeps (src/services/send-pacer.ts), a little below Telegram's 30 and 1,000 */
export const FREE_PER_SECOND = 28;
export const PAID_PER_SECOND = 900;
/** a paid message costs a tenth of a Star: Stars are counted in tenths, so sums stay exact */
export const PAID_TENTHS_PER_MESSAGE = 1;

export type BroadcastEstimate = {
  notices: number;
  /** how long the notices take at the free rate, and paid (whole seconds, at least 1) */
  freeSeconds: number;
  paidSeconds: number;
  /** the Stars paid broadcasts cost, in tenths of a Star */
  starTenths: number;
};

export function broadcastEstimate(notices: number): BroadcastEstimate {
  const seconds = (perSecond: number) => Math.max(1, Math.ceil(notices / perSecond));
  return { notices, freeSeconds: seconds(FREE_PER_SECOND), paidSeconds: seconds(PAID_PER_SECOND), starTenths: notices * PAID_TENTHS_PER_MESSAGE };
}

const numberLocale = (locale: Locale) => (locale === "zh" ? "zh-CN" : "en-US");

/** 1000 tenths → "100", 3 → "0.3", 12345 → "1,234.5": exact (a tenth is the smallest amount). */
export function formatStars(tenths: number, locale: Locale): string {
  const whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  const grouped = new Intl.NumberFormat(numberLocale(locale)).format(whole);
  return rest === 0 ? grouped : `${grouped}.${rest}`;
}

/** A duration to show: whole seconds under 90 s, else whole minutes (rounded up). */
export function durationParts(seconds: number): { unit: "s" | "min"; value: number } {
  return seconds < 90 ? { unit: "s", value: seconds } : { unit: "min", value: Math.ceil(seconds / 60) };
}

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(numberLocale(locale)).format(n);
}
