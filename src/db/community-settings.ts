// A community's settings (/settings) and their log (SettingChange).
import type { Db, Tx } from "./client";
import { isLocale } from "../domain/locale";
import type { SettingsState, SettingValue } from "../domain/community-settings";

export type CommunitySettings = { patronageShareBp: number; selfReferralEarns: boolean; timezone: string; currency: string; locale: string; reminderOffsetsMin: string };

export async function settingsOf(db: Db | Tx, communityId: number): Promise<CommunitySettings | undefined> {
  const row = await db.community.findUnique({
    where: { id: communityId },
    select: { patronageShareBp: true, selfReferralEarns: true, timezone: true, currency: true, locale: true, reminderOffsetsMin: true },
  });
  return row ?? undefined;
}

/** Every setting /settings shows, read inside the change's transaction (the log's "old" is what it replaced). */
export async function settingsState(db: Db | Tx, communityId: number): Promise<SettingsState | undefined> {
  const row = await db.community.findUnique({ where: { id: communityId } });
  if (!row) return undefined;
  return {
    locale: isLocale(row.locale) ? row.locale : "zh",
    timezone: row.timezone,
    reminderOffsetsMin: row.reminderOffsetsMin
      .split(",")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    selfReferralEarns: row.selfReferralEarns,
    votingEnabled: row.votingEnabled,
    votingHours: row.votingHours,
    autoApproveSupport: row.autoApproveSupport,
    autoApproveMaxObject: row.autoApproveMaxObject,
    adminsOrganize: row.adminsOrganize,
    patronageShareBp: row.patronageShareBp,
    publicPage: row.publicPage,
    paidBroadcast: row.paidBroadcast,
  };
}

/** Writes one setting's new value. */
export async function applySetting(tx: Tx, communityId: number, change: SettingValue): Promise<void> {
  const data = (() => {
    switch (change.key) {
      case "locale":
        return { locale: change.value };
      case "timezone":
        return { timezone: change.value };
      case "reminders":
        return { reminderOffsetsMin: change.value.join(",") };
      case "selfReferral":
        return { selfReferralEarns: change.value };
      case "voting":
        return { votingEnabled: change.value };
      case "votingHours":
        return { votingHours: change.value };
      case "autoApprove":
        return { autoApproveSupport: change.value.support, autoApproveMaxObject: change.value.maxObject };
      case "adminsOrganize":
        return { adminsOrganize: change.value };
      case "patronage":
        return { patronageShareBp: change.value };
      case "publicPage":
        return { publicPage: change.value };
      case "paidBroadcast":
        return { paidBroadcast: change.value };
    }
  })();
  await tx.community.update({ where: { id: communityId }, data });
}

export type NewSettingChange = { communityId: number; memberId: number; key: string; oldValue: string; newValue: string; updateKey: string; at: Date };

export async function logSettingChange(tx: Tx, change: NewSettingChange): Promise<void> {
  const { at, ...data } = change;
  await tx.settingChange.create({ data: { ...data, createdAt: at } });
}

/** Whether this update's change was logged already (a re-delivered tap or answer). */
export async function settingChangeLogged(db: Db | Tx, updateKey: string): Promise<boolean> {
  return (await db.settingChange.findUnique({ where: { updateKey }, select: { id: true } })) !== null;
}

export type LoggedChange = { key: string; oldValue: string; newValue: string; at: Date; by: { firstName: string; lastName: string | null } };

/** The latest changes of a community's settings, newest first. */
export async function latestSettingChanges(db: Db, communityId: number, take: number): Promise<LoggedChange[]> {
  const rows = await db.settingChange.findMany({
    where: { communityId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { member: { select: { firstName: true, lastName: true } } },
  });
  return rows.map((r) => ({ key: r.key, oldValue: r.oldValue, newValue: r.newValue, at: r.createdAt, by: r.member }));
}
