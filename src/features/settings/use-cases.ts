import type { Services } from "../../bot/context";
import type { CommunityRecord } from "../../db/communities";
import { inTransaction } from "../../db/client";
import { applySetting, logSettingChange, settingChangeLogged, settingsState } from "../../db/community-settings";
import type { MemberRecord } from "../../db/members";
import { markUpdateHandled } from "../../db/processed-updates";
import { currentValue, serializeValue, type SettingValue } from "../../domain/community-settings";

export type ChangeInput = {
  communityId: number;
  member: Pick<MemberRecord, "id" | "telegramId">;
  change: SettingValue;
  /** the update that asked for it: its change is logged once, however often it is delivered */
  updateId: number;
};

export type ChangeResult =
  | { kind: "changed"; oldValue: string; newValue: string; community: CommunityRecord }
  /** the value was already this: nothing to log */
  | { kind: "same"; community: CommunityRecord }
  /** this update's change was made already (re-delivered) */
  | { kind: "already"; community: CommunityRecord }
  | { kind: "not-allowed" };

type SettingServices = Pick<Services, "db" | "clock" | "communities" | "organizers" | "organizerMenus" | "logger">;

/**
 * The one use-case behind every settings change (the /settings menu, its
 * typed values, /self_referral, /admins_organize, /settings patronage): the
 * organizer's right is checked for this very community, and the new value,
 * its SettingChange row and the update's handled mark are committed together.
 */
export async function changeSetting(services: SettingServices, input: ChangeInput): Promise<ChangeResult> {
  const { db, clock, communities, organizers, organizerMenus } = services;
  if (!(await organizers.isOrganizer(input.communityId, input.member))) return { kind: "not-allowed" };
  const updateKey = `u${input.updateId}`;
  // who organizes before an authorization change: their menus change with it
  const before = input.change.key === "adminsOrganize" ? await organizerMenus.organizersOf(input.communityId) : [];
  const outcome = await inTransaction(db, async (tx) => {
    if (await settingChangeLogged(tx, updateKey)) return { kind: "already" as const };
    const state = await settingsState(tx, input.communityId);
    if (!state) return { kind: "gone" as const };
    const oldValue = currentValue(state, input.change.key);
    const newValue = serializeValue(input.change);
    if (oldValue !== newValue) {
      await applySetting(tx, input.communityId, input.change);
      await logSettingChange(tx, { communityId: input.communityId, memberId: input.member.id, key: input.change.key, oldValue, newValue, updateKey, at: clock.now() });
    }
    await markUpdateHandled(tx, input.updateId);
    return oldValue === newValue ? { kind: "same" as const } : { kind: "changed" as const, oldValue, newValue };
  });
  if (outcome.kind === "gone") return { kind: "not-allowed" };
  // the directory caches communities by chat: the next update must see the new value
  communities.invalidate(input.communityId);
  const community = await communities.byId(input.communityId);
  if (!community) return { kind: "not-allowed" };
  if (outcome.kind === "changed") {
    services.logger.info("community setting changed", { community_id: input.communityId, key: input.change.key, by_member_id: input.member.id });
    if (input.change.key === "adminsOrganize") {
      // the administrators' organizer menus appear (on) or go (off): everyone who organized before or does now
      const after = await organizerMenus.organizersOf(input.communityId);
      await organizerMenus.refreshAll([...before, ...after.filter((m) => !before.some((b) => b.id === m.id))]);
    }
  }
  return { ...outcome, community };
}
