// A community's settings that /settings shows and sets (more to come: it will be a menu).
import type { Db, Tx } from "./client";

export type CommunitySettings = { patronageShareBp: number; selfReferralEarns: boolean; timezone: string; currency: string; locale: string; reminderOffsetsMin: string };

export async function settingsOf(db: Db | Tx, communityId: number): Promise<CommunitySettings | undefined> {
  const row = await db.community.findUnique({
    where: { id: communityId },
    select: { patronageShareBp: true, selfReferralEarns: true, timezone: true, currency: true, locale: true, reminderOffsetsMin: true },
  });
  return row ?? undefined;
}

/** Sets the patronage share (basis points); setting the same value again changes nothing (re-delivery safe). */
export async function setPatronageShare(db: Db | Tx, communityId: number, shareBp: number): Promise<void> {
  await db.community.update({ where: { id: communityId }, data: { patronageShareBp: shareBp } });
}
