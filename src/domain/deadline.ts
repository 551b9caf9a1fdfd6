// Deadlines as organizers type them, in the community's time zone:
// `2026-12-01 20:00`, `12-01 20:00`, `12月1日 20点`, `明天 20:00`, `后天 8:00`,
// `tomorrow 8pm`, `20:00`, `+3d`, `+2h`, `3天后`. Pure functions: the caller
// passes "now" and the zone. No DST tricks are needed for Asia/Shanghai, but
// the conversion below is correct for any IANA zone.

import { localParts, zonedTime, type LocalParts } from "./dates";

export type DeadlineError = "empty" | "unrecognized" | "invalid-date" | "past" | "too-far";
/** `relative`: the input was an offset (`+1d`, `3天后`), counted from `relativeTo` when given. */
export type DeadlineResult = { ok: true; at: Date; relative: boolean } | { ok: false; error: DeadlineError };

/** A buy open for more than a year is a typo. */
export const MAX_DEADLINE_DAYS = 366;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Time = { hour: number; minute: number };

const AM_WORDS = /^(上午|早上|早晨|早|凌晨)/;
const PM_WORDS = /^(下午|晚上|傍晚|晚)/;
const NOON_WORDS = /^中午/;

/** `20:00`, `8:30pm`, `8pm`, `晚上8点`, `8点半`, `20点15分`, `20时`. */
function parseTime(text: string, pmHint = false): Time | undefined {
  let s = text.trim();
  if (s === "") return undefined;
  let pm = pmHint;
  let am = false;
  let noon = false;
  if (AM_WORDS.test(s)) {
    am = true;
    s = s.replace(AM_WORDS, "");
  } else if (PM_WORDS.test(s)) {
    pm = true;
    s = s.replace(PM_WORDS, "");
  } else if (NOON_WORDS.test(s)) {
    noon = true;
    s = s.replace(NOON_WORDS, "");
  }
  s = s.trim();
  const suffix = /\s*(am|pm)$/.exec(s);
  if (suffix) {
    if (suffix[1] === "pm") pm = true;
    else am = true;
    s = s.slice(0, suffix.index);
  }
  let m = /^(\d{1,2}):(\d{2})$/.exec(s) ?? /^(\d{1,2})(?:点|时)(?:(\d{1,2})分?|(半))?$/.exec(s) ?? /^(\d{1,2})()$/.exec(suffix ? s : "");
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[3] === "半" ? 30 : m[2] ? Number(m[2]) : 0;
  if (hour > 23 || minute > 59) return undefined;
  if (hour > 12) return am ? undefined : { hour, minute }; // 晚上20点 is fine, 上午14点 is not
  if (pm && hour < 12) hour += 12;
  if (noon && hour < 6) hour += 12; // 中午1点 = 13:00
  if (am && hour === 12) hour = 0;
  return { hour, minute };
}

const RELATIVE_UNITS: Record<string, number> = {
  w: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY, 周: 7 * DAY, 星期: 7 * DAY,
  d: DAY, day: DAY, days: DAY, 天: DAY,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR, 小时: HOUR, 个小时: HOUR, 时: HOUR,
  m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE, 分: MINUTE, 分钟: MINUTE,
};

/** `+3d`, `+2h`, `+1d12h`, `+90m`, `3天后`, `2小时后`, `in 3 days`. */
function parseRelative(s: string): number | undefined {
  let body: string | undefined;
  if (s.startsWith("+")) body = s.slice(1);
  else if (/^in\s/.test(s)) body = s.slice(3);
  else if (/后$/.test(s)) body = s.slice(0, -1);
  if (body === undefined) return undefined;
  body = body.replace(/\s+/g, "");
  if (!/^(\d+[a-z\u4e00-\u9fff]+)+$/.test(body)) return undefined;
  let total = 0;
  for (const [, n, unit] of body.matchAll(/(\d+)([a-z\u4e00-\u9fff]+)/g)) {
    const size = RELATIVE_UNITS[unit!];
    if (!size) return undefined;
    total += Number(n) * size;
  }
  return total > 0 ? total : undefined;
}

const DAY_WORDS: [RegExp, number, boolean][] = [
  [/^(今天|今日|today)/, 0, false],
  [/^今晚/, 0, true],
  [/^(明天|明日|tomorrow|tmr)/, 1, false],
  [/^明晚/, 1, true],
  [/^大后天/, 3, false],
  [/^(后天|day after tomorrow)/, 2, false],
];

/**
 * Parses a deadline typed by a person. A date without a time means the end
 * of that day (23:59); a time alone means its next occurrence; a month and
 * day without a year that already passed more than a month ago means next year.
 * An offset counts from `relativeTo` (moving a deadline: `+1d` is a day later
 * than the current one), else from now; either way the result must lie ahead
 * of now and within MAX_DEADLINE_DAYS of it.
 */
export function parseDeadline(input: string, now: Date, timeZone: string, relativeTo: Date = now): DeadlineResult {
  const s = input.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  if (s === "") return { ok: false, error: "empty" };
  const today = localParts(now, timeZone);
  let at: Date | undefined;

  const relative = parseRelative(s);
  if (relative !== undefined) {
    at = new Date(relativeTo.getTime() + relative);
  } else {
    const resolved = parseCalendar(s, today, now, timeZone);
    if (resolved === "invalid") return { ok: false, error: "invalid-date" };
    if (!resolved) return { ok: false, error: "unrecognized" };
    at = resolved;
  }
  if (at.getTime() <= now.getTime()) return { ok: false, error: "past" };
  if (at.getTime() - now.getTime() > MAX_DEADLINE_DAYS * DAY) return { ok: false, error: "too-far" };
  return { ok: true, at, relative: relative !== undefined };
}

function parseCalendar(s: string, today: LocalParts, now: Date, timeZone: string): Date | "invalid" | undefined {
  const endOfDay: Time = { hour: 23, minute: 59 };
  for (const [pattern, offsetDays, pm] of DAY_WORDS) {
    const m = pattern.exec(s);
    if (!m) continue;
    const rest = s.slice(m[0].length).trim();
    const time = rest === "" ? (pm ? undefined : endOfDay) : parseTime(rest, pm);
    if (!time) return undefined;
    const base = new Date(Date.UTC(today.year, today.month - 1, today.day + offsetDays));
    return zonedTime(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), time.hour, time.minute, timeZone) ?? "invalid";
  }

  // 2026-12-01, 2026/12/1, 2026.12.01, 2026年12月1日, 12-01, 12/1, 12月1日 / 12月1号
  const dateMatch =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+|t|$)/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?\s*/.exec(s) ??
    /^()(\d{1,2})[-/.](\d{1,2})(?:\s+|$)/.exec(s) ??
    /^()(\d{1,2})月(\d{1,2})[日号]?\s*/.exec(s);
  if (dateMatch) {
    const rest = s.slice(dateMatch[0].length).trim();
    const time = rest === "" ? endOfDay : parseTime(rest);
    if (!time) return undefined;
    const month = Number(dateMatch[2]);
    const day = Number(dateMatch[3]);
    if (dateMatch[1]) return zonedTime(Number(dateMatch[1]), month, day, time.hour, time.minute, timeZone) ?? "invalid";
    const thisYear = zonedTime(today.year, month, day, time.hour, time.minute, timeZone);
    if (!thisYear) return "invalid";
    // "01-05" typed in December means next January; a date a few days ago is a mistake.
    if (now.getTime() - thisYear.getTime() > 31 * DAY) return zonedTime(today.year + 1, month, day, time.hour, time.minute, timeZone) ?? "invalid";
    return thisYear;
  }

  const time = parseTime(s);
  if (time) {
    const todayAt = zonedTime(today.year, today.month, today.day, time.hour, time.minute, timeZone);
    if (!todayAt) return "invalid";
    return todayAt.getTime() > now.getTime() ? todayAt : new Date(todayAt.getTime() + DAY);
  }
  return undefined;
}
