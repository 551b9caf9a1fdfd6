// A calendar month in a community's time zone: what /books month and
// /my_books read. Pure: the caller passes "now" and the zone.
import { localParts, zonedTime } from "./dates";

export type Period = { year: number; month: number };

// words for "this month" and "last month", zh and en
const THIS_MONTH = new Set(["month", "this", "thismonth", "本月", "这个月", "這個月", "当月"]);
const LAST_MONTH = new Set(["last", "lastmonth", "prev", "previous", "上月", "上个月", "上個月"]);

/**
 * What an argument names: a month; "bad" when it looks like a month but
 * isn't one (2026-13); "not-period" for anything else (a buy number, "check"),
 * which other commands may take. `empty` says what no argument means.
 */
export function parsePeriod(arg: string, now: Date, timeZone: string, empty: "this" | "not-period" = "not-period"): Period | "bad" | "not-period" {
  const text = arg.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "");
  const today = localParts(now, timeZone);
  const current = { year: today.year, month: today.month };
  if (text === "") return empty === "this" ? current : "not-period";
  if (THIS_MONTH.has(text)) return current;
  if (LAST_MONTH.has(text)) return shift(current, -1);
  const m = /^(\d{4})(?:-|\/|\.|年)(\d{1,2})月?$/.exec(text);
  if (!m) return /^\d{4}[-/.年]/.test(text) ? "bad" : "not-period";
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2200) return "bad";
  return { year, month };
}

/** The month `by` months away. */
export function shift(p: Period, by: number): Period {
  const index = p.year * 12 + (p.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The period's instants: from its first midnight in the zone (inclusive) to the next month's (exclusive). */
export function periodRange(p: Period, timeZone: string): { from: Date; to: Date } {
  const next = shift(p, 1);
  return { from: zonedTime(p.year, p.month, 1, 0, 0, timeZone)!, to: zonedTime(next.year, next.month, 1, 0, 0, timeZone)! };
}

/** `2026-11`: the period as typed and as files are named. */
export function periodKey(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

/** Parses `2026-11` exactly (callback data). */
export function periodFromKey(key: string): Period | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return undefined;
  const p = { year: Number(m[1]), month: Number(m[2]) };
  return p.month >= 1 && p.month <= 12 ? p : undefined;
}
