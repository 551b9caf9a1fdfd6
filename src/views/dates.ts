// Dates and durations as members read them, in their language and the
// community's time zone. The arithmetic is in domain/dates.ts.
import { formatClock, localParts, monthName, splitDuration } from "../domain/dates";
import type { Translate, ViewEnv } from "./env";

/** `12月1日 20:00` / `Dec 1, 20:00` in the zone; the year only when it isn't this year's. */
export function formatDeadline(at: Date, timeZone: string, env: Pick<ViewEnv, "t" | "now" | "locale">): string {
  const p = localParts(at, timeZone);
  const nowYear = localParts(env.now, timeZone).year;
  const vars = { year: String(p.year), month: String(p.month), monthName: monthName(p.month, env.locale), day: String(p.day), time: formatClock(p) };
  return env.t(p.year === nowYear ? "date-this-year" : "date-other-year", vars);
}

/** `1天11小时`, `3 h 5 min`, … (at least one minute). */
export function formatTimeLeft(ms: number, t: Translate): string {
  const d = splitDuration(ms);
  if (d.days > 0) return d.hours > 0 ? t("time-left-days", { days: d.days, hours: d.hours }) : t("time-left-days-only", { days: d.days });
  if (d.hours > 0) return d.minutes > 0 ? t("time-left-hours", { hours: d.hours, minutes: d.minutes }) : t("time-left-hours-only", { hours: d.hours });
  return t("time-left-minutes", { minutes: Math.max(1, d.minutes) });
}
