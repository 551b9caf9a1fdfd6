import type { Db } from "./client";
import { toMemberRecord, type MemberRecord } from "./members";

/** Who administers a group on Telegram (src/services/group-admins.ts: cached getChatAdministrators). */
export interface GroupAdminLookup {
  idsOf(chatId: number): Promise<ReadonlySet<number>>;
}

const NO_ADMINS: GroupAdminLookup = { idsOf: async () => new Set() };

/**
 * Organizers of a community: the operators (the ids in ORGANIZER_IDS, who
 * organize every community the bot serves), members an organizer granted the
 * role to, and — where the community turned it on — the group's Telegram
 * administrators. The one place that answers "who organizes what".
 */
export class Organizers {
  constructor(
    private db: Db,
    private globalIds: ReadonlySet<number>,
    private admins: GroupAdminLookup = NO_ADMINS,
  ) {}

  /** Communities whose administrators organize them: active ones, or one of them. */
  private adminOrganized(where: { id?: number } = {}) {
    return this.db.community.findMany({ where: { ...where, active: true, adminsOrganize: true }, select: { id: true, telegramChatId: true } });
  }

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
    if (role) return true;
    const [community] = await this.adminOrganized({ id: communityId });
    return community ? (await this.admins.idsOf(Number(community.telegramChatId))).has(member.telegramId) : false;
  }

  /** Active communities this member organizes: all of them for an operator; else granted ones, and those whose administrators organize where they are one. */
  async communityIdsOf(member: Pick<MemberRecord, "id" | "telegramId">): Promise<number[]> {
    if (this.globalIds.has(member.telegramId)) {
      const rows = await this.db.community.findMany({ where: { active: true }, select: { id: true } });
      return rows.map((r) => r.id);
    }
    const roles = await this.db.communityRole.findMany({
      where: { memberId: member.id, role: "ORGANIZER", community: { active: true } },
      select: { communityId: true },
    });
    const ids = roles.map((r) => r.communityId);
    for (const c of await this.adminOrganized()) {
      if (!ids.includes(c.id) && (await this.admins.idsOf(Number(c.telegramChatId))).has(member.telegramId)) ids.push(c.id);
    }
    return ids;
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

  /** Organizers who can be reached in private: granted ones, and operators and admin-organizers known as members. */
  async listOf(communityId: number): Promise<MemberRecord[]> {
    const [byAdmins] = await this.adminOrganized({ id: communityId });
    const admins = byAdmins ? [...(await this.admins.idsOf(Number(byAdmins.telegramChatId)))] : [];
    const rows = await this.db.member.findMany({
      where: {
        OR: [
          { roles: { some: { communityId, role: "ORGANIZER" } } },
          { telegramId: { in: [...this.globalIds, ...admins].map((id) => BigInt(id)) } },
        ],
      },
      orderBy: { id: "asc" },
    });
    return rows.map(toMemberRecord);
  }
}
