import type { Db } from "./client";
import { toMemberRecord, type MemberRecord } from "./members";

/**
 * Organizers of a community: the ids in ORGANIZER_IDS (organizers of every
 * community the bot serves) plus members an organizer granted the role to.
 */
export class Organizers {
  constructor(
    private db: Db,
    private globalIds: ReadonlySet<number>,
  ) {}

  isGlobal(telegramId: number): boolean {
    return this.globalIds.has(telegramId);
  }

  /** Whether anyone organizes anything yet: false on a fresh install with ORGANIZER_IDS empty. */
  async anyOrganizer(): Promise<boolean> {
    if (this.globalIds.size > 0) return true;
    return (await this.db.communityRole.findFirst({ where: { role: "ORGANIZER" }, select: { id: true } })) !== null;
  }

  async isOrganizer(communityId: number, member: Pick<MemberRecord, "id" | "telegramId">): Promise<boolean> {
    if (this.globalIds.has(member.telegramId)) return true;
    const role = await this.db.communityRole.findUnique({
      where: { communityId_memberId_role: { communityId, memberId: member.id, role: "ORGANIZER" } },
    });
    return role !== null;
  }

  /** Communities this member organizes (all active ones for a global organizer). */
  async communityIdsOf(member: Pick<MemberRecord, "id" | "telegramId">): Promise<number[]> {
    if (this.globalIds.has(member.telegramId)) {
      const rows = await this.db.community.findMany({ where: { active: true }, select: { id: true } });
      return rows.map((r) => r.id);
    }
    const roles = await this.db.communityRole.findMany({
      where: { memberId: member.id, role: "ORGANIZER", community: { active: true } },
      select: { communityId: true },
    });
    return roles.map((r) => r.communityId);
  }

  async grant(communityId: number, memberId: number, grantedById: number): Promise<boolean> {
    const existing = await this.db.communityRole.findUnique({
      where: { communityId_memberId_role: { communityId, memberId, role: "ORGANIZER" } },
    });
    if (existing) return false;
    await this.db.communityRole.create({ data: { communityId, memberId, role: "ORGANIZER", grantedById } });
    return true;
  }

  async revoke(communityId: number, memberId: number): Promise<boolean> {
    const { count } = await this.db.communityRole.deleteMany({ where: { communityId, memberId, role: "ORGANIZER" } });
    return count > 0;
  }

  /** Organizers who can be reached in private: granted ones and global ids known as members. */
  async listOf(communityId: number): Promise<MemberRecord[]> {
    const rows = await this.db.member.findMany({
      where: {
        OR: [
          { roles: { some: { communityId, role: "ORGANIZER" } } },
          { telegramId: { in: [...this.globalIds].map((id) => BigInt(id)) } },
        ],
      },
      orderBy: { id: "asc" },
    });
    return rows.map(toMemberRecord);
  }
}
