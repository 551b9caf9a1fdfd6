import type { Services } from "../../bot/context";
import type { CommunityRecord } from "../../db/communities";

/**
 * The communities a member takes part in: those whose group they were seen
 * in, and those they organize (a global organizer may never have spoken in a
 * group). Active ones, by title.
 */
export async function communitiesOf(
  services: Pick<Services, "communities" | "organizers">,
  member: { id: number; telegramId: number },
): Promise<CommunityRecord[]> {
  const seen = await services.communities.ofMember(member.id);
  const known = new Set(seen.map((c) => c.id));
  const organized = (await services.organizers.communityIdsOf(member)).filter((id) => !known.has(id));
  const extra = (await Promise.all(organized.map((id) => services.communities.byId(id)))).filter((c): c is CommunityRecord => !!c?.active);
  return [...seen, ...extra].sort((a, b) => a.title.localeCompare(b.title));
}
