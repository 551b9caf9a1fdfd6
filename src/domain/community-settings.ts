// A community's own rules, set by its organizers in /settings: what each
// setting may be, how a typed value reads, and how a value is written in the
// settings log (SettingChange.oldValue/newValue). Pure: no grammY, no Prisma.
import { formatShare, parseSharePercent, MAX_SHARE_BP } from "./patronage";
import { isLocale, LOCALES } from "./locale";
import type { Locale } from "./money";

/** The log's names for the settings: stored in SettingChange.key, never renamed. */
export const SETTING_KEYS = ["locale", "timezone", "reminders", "selfReferral", "voting", "votingHours", "autoApprove", "adminsOrganize", "patronage", "publicPage", "paidBroadcast"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The log's name for the DFC read tokens: its values are how many are live (never a token). */
export const READ_TOKENS_LOG_KEY = "readTokens";

export function isSettingKey(value: unknown): value is SettingKey {
  return typeof value === "string" && (SETTING_KEYS as readonly string[]).includes(value);
}

export type AutoApproveRule = { support: number | null; maxObject: number };

/** One change a settings press or typed value asks for. */
export type SettingValue =
  | { key: "locale"; value: Locale }
  | { key: "timezone"; value: string }
  | { key: "reminders"; value: number[] }
  | { key: "selfReferral" | "voting" | "adminsOrganize" | "publicPage" | "paidBroadcast"; value: boolean }
  | { key: "votingHours"; value: number }
  | { key: "autoApprove"; value: AutoApproveRule }
  | { key: "patronage"; value: number };

/** What the settings are now, as the menu and the log read them. */
export type SettingsState = {
  locale: Locale;
  timezone: string;
  reminderOffsetsMin: number[];
  selfReferralEarns: boolean;
  votingEnabled: boolean;
  votingHours: number;
  autoApproveSupport: number | null;
  autoApproveMaxObject: number;
  adminsOrganize: boolean;
  patronageShareBp: number;
  /** the public open-books page and the public DFC documents */
  publicPage: boolean;
  /** a close's notices go as paid broadcasts (allow_paid_broadcast: 0.1 Star each, up to 1,000 a second) */
  paidBroadcast: boolean;
};

// ── Limits ──────────────────────────────────────────────────────────────
export const REMINDER_LIMITS = { minMinutes: 5, maxMinutes: 14 * 24 * 60, maxCount: 5 } as const;
export const VOTING_HOURS = { min: 1, max: 336 } as const;
/** no community has more members than this: a larger threshold is a typo */
export const MAX_VOTES = 100_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

// ── Reminder offsets ────────────────────────────────────────────────────
const UNIT_MINUTES: Record<string, number> = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, 分: 1, 分钟: 1, h: 60, hr: 60, hour: 60, hours: 60, 小时: 60, 时: 60, d: 1440, day: 1440, days: 1440, 天: 1440 };

/** "24h,1h", "1440,60" (bare numbers are minutes), "1d 30min", "2小时": 1–5 distinct offsets of 5 min…14 days, nearest the deadline last. */
export function parseReminderOffsets(text: string): Parsed<number[]> {
  const tokens = text.trim().split(/[\s,，、;；]+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: "empty" };
  const minutes: number[] = [];
  for (const token of tokens) {
    const m = /^(\d{1,6}(?:\.\d{1,2})?)([a-z]*|[\u4e00-\u9fff]*)$/i.exec(token);
    const unit = m ? UNIT_MINUTES[m[2]!.toLowerCase() || "m"] : undefined;
    if (!m || unit === undefined) return { ok: false, error: "unreadable" };
    const value = Number(m[1]) * unit;
    if (!Number.isInteger(value)) return { ok: false, error: "unreadable" };
    minutes.push(value);
  }
  if (minutes.length > REMINDER_LIMITS.maxCount) return { ok: false, error: "too-many" };
  if (minutes.some((v) => v < REMINDER_LIMITS.minMinutes || v > REMINDER_LIMITS.maxMinutes)) return { ok: false, error: "out-of-range" };
  if (new Set(minutes).size !== minutes.length) return { ok: false, error: "duplicate" };
  return { ok: true, value: [...minutes].sort((a, b) => b - a) };
}

/** 1440 → "24h", 90 → "90min": how offsets are shown (and read back by parseReminderOffsets). */
export function formatOffset(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}min`;
}

export function formatOffsets(minutes: readonly number[]): string {
  return minutes.length === 0 ? "—" : minutes.map(formatOffset).join(", ");
}

// ── Time zone ───────────────────────────────────────────────────────────
/** A few zones offered as buttons; any other IANA name can be typed. */
export const COMMON_TIME_ZONES = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"] as const;

/** An IANA time zone name, as Intl spells it ("asia/shanghai" → "Asia/Shanghai"). */
export function parseTimeZone(text: string): Parsed<string> {
  const tz = text.trim();
  if (tz === "" || tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return { ok: false, error: "unknown" };
  try {
    return { ok: true, value: new Intl.DateTimeFormat("en", { timeZone: tz }).resolvedOptions().timeZone };
  } catch {
    return { ok: false, error: "unknown" };
  }
}

// ── Numbers ─────────────────────────────────────────────────────────────
function wholeNumber(text: string): number | undefined {
  const s = text.trim();
  return /^\d{1,7}$/.test(s) ? Number(s) : undefined;
}

export function parseVotingHours(text: string): Parsed<number> {
  const n = wholeNumber(text.replace(/\s*(h|hours?|小时)$/i, ""));
  if (n === undefined) return { ok: false, error: "not-a-number" };
  return n < VOTING_HOURS.min || n > VOTING_HOURS.max ? { ok: false, error: "out-of-range" } : { ok: true, value: n };
}

const OFF_WORDS = new Set(["off", "no", "none", "关", "关闭", "不", "否"]);

/** "off" (organizers decide), "10" (at least 10 support, none object) or "10 2" / "10/2" (at most 2 object). */
export function parseAutoApprove(text: string): Parsed<AutoApproveRule> {
  const s = text.trim().toLowerCase();
  if (OFF_WORDS.has(s)) return { ok: true, value: { support: null, maxObject: 0 } };
  const parts = s.split(/[\s,，/]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 2) return { ok: false, error: "unreadable" };
  const [support, maxObject = 0] = parts.map(wholeNumber);
  if (support === undefined || maxObject === undefined) return { ok: false, error: "unreadable" };
  if (support < 1 || support > MAX_VOTES || maxObject > MAX_VOTES) return { ok: false, error: "out-of-range" };
  return { ok: true, value: { support, maxObject } };
}

export function parsePatronage(text: string): Parsed<number> {
  const bp = parseSharePercent(text.replace(/\s+/g, ""));
  return bp === undefined || bp < 0 || bp > MAX_SHARE_BP ? { ok: false, error: "out-of-range" } : { ok: true, value: bp };
}

export function parseLocale(text: string): Parsed<Locale> {
  const s = text.trim().toLowerCase();
  return isLocale(s) ? { ok: true, value: s } : { ok: false, error: "unknown" };
}

// ── The log ─────────────────────────────────────────────────────────────
/** A setting's current value, as the log stores it. */
export function currentValue(state: SettingsState, key: SettingKey): string {
  switch (key) {
    case "locale":
      return state.locale;
    case "timezone":
      return state.timezone;
    case "reminders":
      return state.reminderOffsetsMin.join(",");
    case "selfReferral":
      return onOff(state.selfReferralEarns);
    case "voting":
      return onOff(state.votingEnabled);
    case "votingHours":
      return String(state.votingHours);
    case "autoApprove":
      return serializeAutoApprove({ support: state.autoApproveSupport, maxObject: state.autoApproveMaxObject });
    case "adminsOrganize":
      return onOff(state.adminsOrganize);
    case "patronage":
      return String(state.patronageShareBp);
    case "publicPage":
      return onOff(state.publicPage);
    case "paidBroadcast":
      return onOff(state.paidBroadcast);
  }
}

/** A change's new value, as the log stores it. */
export function serializeValue(change: SettingValue): string {
  switch (change.key) {
    case "reminders":
      return change.value.join(",");
    case "selfReferral":
    case "voting":
    case "adminsOrganize":
    case "publicPage":
    case "paidBroadcast":
      return onOff(change.value);
    case "autoApprove":
      return serializeAutoApprove(change.value);
    default:
      return String(change.value);
  }
}

function onOff(on: boolean): "on" | "off" {
  return on ? "on" : "off";
}

function serializeAutoApprove(rule: AutoApproveRule): string {
  return rule.support === null ? "off" : `${rule.support}/${rule.maxObject}`;
}

/**
 * A stored value as people read it: a text, or "on"/"off" for the view to
 * translate. Unknown stored text is shown as it is.
 */
export type ShownValue = { text: string } | { on: boolean } | { autoApprove: AutoApproveRule };

export function showValue(key: string, stored: string): ShownValue {
  if (key === "selfReferral" || key === "voting" || key === "adminsOrganize" || key === "publicPage" || key === "paidBroadcast") return stored === "on" || stored === "off" ? { on: stored === "on" } : { text: stored };
  if (key === "reminders") return { text: formatOffsets(stored.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0)) };
  if (key === "patronage" && /^\d+$/.test(stored)) return { text: formatShare(Number(stored)) };
  if (key === "votingHours") return { text: `${stored}h` };
  if (key === "autoApprove") {
    if (stored === "off") return { autoApprove: { support: null, maxObject: 0 } };
    const m = /^(\d+)\/(\d+)$/.exec(stored);
    if (m) return { autoApprove: { support: Number(m[1]), maxObject: Number(m[2]) } };
  }
  return { text: stored };
}

export { LOCALES };
