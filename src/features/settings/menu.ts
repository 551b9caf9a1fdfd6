// The /settings menu: one message whose buttons edit it in place. Not
// @grammyjs/menu: its buttons carry their own callback data outside the typed
// registry, which the callback guard checks every press against (audience
// "organizer"); ours go through createCallbackData like every other button.
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";
import type { CommunityRecord } from "../../db/communities";
import type { LoggedChange } from "../../db/community-settings";
import { displayName } from "../../db/members";
import { COMMON_TIME_ZONES, formatOffsets, isSettingKey, READ_TOKENS_LOG_KEY, showValue, type SettingsState } from "../../domain/community-settings";
import { formatMinute } from "../../domain/dates";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { escapeHtml, truncate } from "../../domain/html";
import { formatShare } from "../../domain/patronage";
import type { Translate } from "../../views/env";

/** The menu's pages: the settings, time zones, the log, the admins' confirmation, the tokens' revocation. */
export type MenuPage = "menu" | "tzs" | "log" | "adm" | "rvk";

/** The settings a typed answer sets (a dialog in private). */
export const TYPED_KEYS = ["reminders", "timezone", "votingHours", "autoApprove", "patronage"] as const;
export type TypedKey = (typeof TYPED_KEYS)[number];
export const isTypedKey = (k: unknown): k is TypedKey => (TYPED_KEYS as readonly unknown[]).includes(k);

export const MENU_ACTIONS = ["menu", "log", "tzs", "tz", "lang", "self", "vote", "adm", "ask", "page", "tok", "rvk", "paid"] as const;
/** c: the community; a: what the press does; v: its value (a zone, a key, on "1" / off "0", "y" to confirm) */
export const settingsButton = createCallbackData(
  "stg",
  { c: idField, a: z.enum(MENU_ACTIONS), v: z.string().regex(/^[A-Za-z0-9_+\-/]{0,40}$/) },
  { chats: ["group", "private"], audience: "organizer" },
);

export type MenuView = { text: string; keyboard: InlineKeyboard };
type Where = { inGroup: boolean; botUsername: string };

const onOff = (t: Translate, on: boolean) => t(on ? "settings-on" : "settings-off");

export function autoApproveText(t: Translate, rule: { support: number | null; maxObject: number }): string {
  return rule.support === null ? t("settings-auto-off") : t("settings-auto-rule", { support: rule.support, object: rule.maxObject });
}

function press(community: CommunityRecord, a: (typeof MENU_ACTIONS)[number], v = ""): string {
  return settingsButton.pack({ c: community.id, a, v });
}

/** A button that asks for a typed value: a dialog in private; in a group, a link to it in private. */
function askButton(keyboard: InlineKeyboard, label: string, community: CommunityRecord, key: TypedKey, where: Where): InlineKeyboard {
  if (!where.inGroup) return keyboard.text(label, press(community, "ask", key));
  return keyboard.url(label, deepLinkUrl(where.botUsername, encodeDeepLink({ kind: "settings", communityId: community.id, key })));
}

/** `liveTokens`: the community's live DFC read tokens (how many; never a token). */
export function menuView(t: Translate, community: CommunityRecord, s: SettingsState, where: Where, liveTokens = 0): MenuView {
  const text = [
    t("settings-menu-title", { community: escapeHtml(truncate(community.title, 80)) }),
    t("settings-line-locale", { value: t(`settings-locale-${s.locale}`) }),
    t("settings-line-timezone", { value: escapeHtml(s.timezone) }),
    t("settings-line-reminders", { value: formatOffsets(s.reminderOffsetsMin) }),
    t("settings-line-self", { value: onOff(t, s.selfReferralEarns) }),
    t("settings-line-voting", { value: onOff(t, s.votingEnabled), hours: s.votingHours }),
    t("settings-line-auto", { value: autoApproveText(t, { support: s.autoApproveSupport, maxObject: s.autoApproveMaxObject }) }),
    t("settings-line-admins", { value: onOff(t, s.adminsOrganize) }),
    t("settings-line-patronage", { value: formatShare(s.patronageShareBp) }),
    t("settings-line-currency", { value: escapeHtml(community.currency) }),
    t("settings-line-page", { value: onOff(t, s.publicPage) }),
    t("settings-line-tokens", { count: liveTokens }),
    t("settings-line-paid", { value: onOff(t, s.paidBroadcast) }),
    "",
    t(where.inGroup ? "settings-menu-hint-group" : "settings-menu-hint"),
  ].join("\n");
  const other = s.locale === "zh" ? "en" : "zh";
  const k = new InlineKeyboard();
  k.text(t("settings-button-locale", { value: t(`settings-locale-${other}`) }), press(community, "lang", other));
  k.text(t("settings-button-timezone"), press(community, "tzs")).row();
  askButton(k, t("settings-button-reminders"), community, "reminders", where).row();
  k.text(t(s.selfReferralEarns ? "settings-button-self-off" : "settings-button-self-on"), press(community, "self", s.selfReferralEarns ? "0" : "1")).row();
  k.text(t(s.votingEnabled ? "settings-button-voting-off" : "settings-button-voting-on"), press(community, "vote", s.votingEnabled ? "0" : "1"));
  askButton(k, t("settings-button-hours"), community, "votingHours", where).row();
  askButton(k, t("settings-button-auto"), community, "autoApprove", where).row();
  k.text(t(s.adminsOrganize ? "settings-button-admins-off" : "settings-button-admins-on"), press(community, "adm", s.adminsOrganize ? "0" : "1")).row();
  askButton(k, t("settings-button-patronage"), community, "patronage", where);
  k.text(t("settings-button-log"), press(community, "log")).row();
  k.text(t(s.publicPage ? "settings-button-page-off" : "settings-button-page-on"), press(community, "page", s.publicPage ? "0" : "1")).row();
  // a token is shown once, in private only: in a group the button opens the private menu
  if (where.inGroup) k.url(t("settings-button-token-issue"), deepLinkUrl(where.botUsername, encodeDeepLink({ kind: "settings", communityId: community.id })));
  else k.text(t("settings-button-token-issue"), press(community, "tok"));
  if (liveTokens > 0) k.text(t("settings-button-token-revoke"), press(community, "rvk"));
  k.row();
  k.text(t(s.paidBroadcast ? "settings-button-paid-off" : "settings-button-paid-on"), press(community, "paid", s.paidBroadcast ? "0" : "1")).row();
  return { text, keyboard: k };
}

export function timeZoneView(t: Translate, community: CommunityRecord, s: SettingsState, where: Where): MenuView {
  const k = new InlineKeyboard();
  COMMON_TIME_ZONES.forEach((zone, i) => {
    k.text(zone === s.timezone ? `✓ ${zone}` : zone, press(community, "tz", zone));
    if (i % 2 === 1) k.row();
  });
  k.row();
  askButton(k, t("settings-button-timezone-type"), community, "timezone", where).row();
  k.text(t("settings-button-back"), press(community, "menu"));
  return { text: t("settings-timezone-pick", { community: escapeHtml(truncate(community.title, 80)), value: escapeHtml(s.timezone) }), keyboard: k };
}

/** Turning the administrators into organizers is an authorization change: said plainly, and confirmed. */
export function adminsConfirmView(t: Translate, community: CommunityRecord): MenuView {
  const k = new InlineKeyboard().text(t("settings-admins-confirm-button"), press(community, "adm", "y")).row().text(t("settings-button-back"), press(community, "menu"));
  return { text: t("settings-admins-confirm", { community: escapeHtml(truncate(community.title, 80)) }), keyboard: k };
}

/** Revoking every read token stops the other co-ops' software that reads with them: confirmed first. */
export function revokeConfirmView(t: Translate, community: CommunityRecord, liveTokens: number): MenuView {
  const k = new InlineKeyboard().text(t("settings-token-revoke-confirm-button"), press(community, "rvk", "y")).row().text(t("settings-button-back"), press(community, "menu"));
  return { text: t("settings-token-revoke-confirm", { community: escapeHtml(truncate(community.title, 80)), count: liveTokens }), keyboard: k };
}

/** A stored value as people read it. */
export function shownValue(t: Translate, key: string, stored: string): string {
  const shown = showValue(key, stored);
  if ("on" in shown) return onOff(t, shown.on);
  if ("autoApprove" in shown) return autoApproveText(t, shown.autoApprove);
  if (key === "locale" && (stored === "zh" || stored === "en")) return t(`settings-locale-${stored}`);
  if (key === READ_TOKENS_LOG_KEY) return escapeHtml(stored);
  return escapeHtml(shown.text);
}

export function settingLabel(t: Translate, key: string): string {
  return isSettingKey(key) || key === READ_TOKENS_LOG_KEY ? t(`settings-key-${key}`) : escapeHtml(key);
}

export function logView(t: Translate, community: CommunityRecord, changes: LoggedChange[]): MenuView {
  const lines = changes.map((c) =>
    t("settings-log-line", {
      when: formatMinute(c.at, community.timezone),
      who: escapeHtml(truncate(displayName(c.by), 40)),
      setting: settingLabel(t, c.key),
      old: shownValue(t, c.key, c.oldValue),
      new: shownValue(t, c.key, c.newValue),
    }),
  );
  const header = t("settings-log-title", { community: escapeHtml(truncate(community.title, 80)), timezone: escapeHtml(community.timezone) });
  const text = [header, "", ...(lines.length ? lines : [t("settings-log-empty")])].join("\n");
  return { text, keyboard: new InlineKeyboard().text(t("settings-button-back"), press(community, "menu")) };
}
