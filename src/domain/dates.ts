// Dates and times in a community's time zone, by Intl: the one date module.
// Pure functions; the caller passes the instant and the zone (and "now").
import type { Locale } from "./money";

const MINUTE = 60_000;

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const partFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The wall-clock reading of an instant in a zone (weekday 0 = Sunday). */
export function localParts(at: Date, timeZone: string): LocalParts & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

function offsetMs(utcMs: number, timeZone: string): number {
  const p = localParts(new Date(utcMs), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a wall-clock time names in a zone; undefined for dates like 02-30. */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  let at = naive - offsetMs(naive, timeZone);
  const second = offsetMs(at, timeZone);
  if (second !== naive - at) at = naive - second; // crossed an offset change
  return new Date(at);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** `2026-12-01` in the zone. */
export function formatDay(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** `2026-12-01 12:00` in the zone (24-hour clock). */
export function formatMinute(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** `20:05`. */
export function formatClock(p: { hour: number; minute: number }): string {
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

const monthFormatters = new Map<Locale, Intl.DateTimeFormat>();

/** A month's short name in a language: `Dec`, `12月` (month 1–12). */
export function monthName(month: number, locale: Locale): string {
  let f = monthFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-US", { month: "short", timeZone: "UTC" });
    monthFormatters.set(locale, f);
  }
  return f.format(new Date(Date.UTC(2000, month - 1, 15)));
}

export type DurationParts = { days: number; hours: number; minutes: number };

/** Splits a duration for display; never negative, minutes rounded up. */
export function splitDuration(ms: number): DurationParts {
  const totalMinutes = Math.max(0, Math.ceil(ms / MINUTE));
  return {
    days: Math.floor(totalMinutes / (24 * 60)),
    hours: Math.floor((totalMinutes % (24 * 60)) / 60),
    minutes: totalMinutes % 60,
  };
}
