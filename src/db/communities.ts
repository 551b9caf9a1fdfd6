import type { Db } from "./client";
import type { Tx } from "./client";
import { Coalescer } from "./coalescer";
import { insertRows } from "./bulk-insert";
import { isUniqueViolation } from "./processed-updates";
import { isLocale } from "../domain/locale";
import type { Locale } from "../domain/money";

export type CommunityRecord = {
  id: number;
  telegramChatId: number;
  title: string;
  locale: Locale;
  timezone: string;
  currency: string;
  selfReferralEarns: boolean;
  reminderOffsetsMin: number[];
  /** PENDING until an operator approves (or adds the bot); IGNORED when one declined */
  status: CommunityStatus;
  /** the bot serves it: approved, and the bot is in the group */
  active: boolean;
  /** the group's Telegram administrators organize it too */
  adminsOrganize: boolean;
};

export type CommunityStatus = "PENDING" | "APPROVED" | "IGNORED";

type CommunityRow = {
  id: number;
  telegramChatId: bigint;
  title: string;
  locale: string;
  timezone: string;
  currency: string;
  selfReferralEarns: boolean;
  reminderOffsetsMin: string;
  status: CommunityStatus;
  active: boolean;
  adminsOrganize: boolean;
};

export function toCommunityRecord(row: CommunityRow): CommunityRecord {
  return {
    id: row.id,
    telegramChatId: Number(row.telegramChatId),
    title: row.title,
    locale: isLocale(row.locale) ? row.locale : "zh",
    timezone: row.timezone,
    currency: row.currency,
    selfReferralEarns: row.selfReferralEarns,
    reminderOffsetsMin: row.reminderOffsetsMin
      .split(",")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    status: row.status,
    active: row.active,
    adminsOrganize: row.adminsOrganize,
  };
}

/** A community by id, inside a transaction or not. */
export async function communityById(db: Tx, id: number): Promise<CommunityRecord | undefined> {
  const row = await db.community.findUnique({ where: { id } });
  return row ? toCommunityRecord(row) : undefined;
}

/** Whether a member was seen in a community's group. */
export async function isCommunityMember(db: Tx, communityId: number, memberId: number): Promise<boolean> {
  return (await db.communityMember.findUnique({ where: { communityId_memberId: { communityId, memberId } } })) !== null;
}

export type CommunityDefaults = { locale: Locale; timezone: string; currency: string; reminderOffsetsMin: number[] };

export class CommunityDirectory {
  // Group chats are few and change rarely: cache them per process, for a
  // minute, so that a change made through another instance (a language, the
  // self-referral rule) reaches this one within it.
  private byChat = new Map<number, { community: CommunityRecord; at: number }>();
  constructor(
    private db: Db,
    private cacheMs = 60_000,
  ) {}

  private remember(community: CommunityRecord): void {
    this.byChat.set(community.telegramChatId, { community, at: performance.now() });
  }

  private forget(chatId: number): void {
    this.byChat.delete(chatId);
  }

  private static create(chat: { id: number; title: string }, defaults: CommunityDefaults) {
    return {
      telegramChatId: BigInt(chat.id),
      title: chat.title.slice(0, 256),
      locale: defaults.locale,
      timezone: defaults.timezone,
      currency: defaults.currency,
      reminderOffsetsMin: defaults.reminderOffsetsMin.join(","),
    };
  }

  /**
   * Makes the group an active community: an operator added the bot, or the
   * bot is back in a group that was approved before. `decidedById`: the
   * operator who made a group that was not approved yet a community.
   */
  async activate(
    chat: { id: number; title: string },
    defaults: CommunityDefaults,
    decidedById?: number,
  ): Promise<{ community: CommunityRecord; wasActive: boolean }> {
    const existing = await this.db.community.findUnique({ where: { telegramChatId: BigInt(chat.id) } });
    const approval = existing?.status === "APPROVED" ? {} : { status: "APPROVED" as const, decidedAt: new Date(), decidedById: decidedById ?? null };
    const data = { title: chat.title.slice(0, 256), active: true, ...approval };
    // the row read may be gone by now (a pending group forgotten by an update handled beside this one): then it is created
    const updated = existing ? await this.db.community.updateMany({ where: { id: existing.id }, data }) : { count: 0 };
    const row =
      updated.count > 0
        ? await this.db.community.findUniqueOrThrow({ where: { id: existing!.id } })
        : await this.db.community.upsert({
            where: { telegramChatId: BigInt(chat.id) },
            update: data,
            create: { ...CommunityDirectory.create(chat, defaults), ...data },
          });
    const community = toCommunityRecord(row);
    this.remember(community);
    return { community, wasActive: existing?.active === true };
  }

  /**
   * Records a group nobody approved yet as PENDING and, only when this call
   * created it, runs `asked` in the same transaction (it queues the group's
   * one notice and the operators' question), so they go out exactly once.
   */
  async recordPending(
    chat: { id: number; title: string },
    defaults: CommunityDefaults,
    asked: (tx: Tx, community: CommunityRecord) => Promise<void>,
  ): Promise<{ community: CommunityRecord; created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const community = await this.db.$transaction(async (tx) => {
          const row = await tx.community.create({ data: { ...CommunityDirectory.create(chat, defaults), status: "PENDING", active: false } });
          const created = toCommunityRecord(row);
          await asked(tx, created);
          return created;
        });
        this.remember(community);
        return { community, created: true };
      } catch (error) {
        const existing = await this.byChatId(chat.id);
        if (existing) return { community: existing, created: false }; // recorded meanwhile (a unique violation)
        // the row we collided with was forgotten again (the bot left, handled beside this): try once more
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  /**
   * An operator's decision on a PENDING group; only the first one counts.
   * `decided` runs in the same transaction when this call made it.
   */
  async decide(
    id: number,
    decision: "APPROVED" | "IGNORED",
    byMemberId: number,
    decided: (tx: Tx, community: CommunityRecord) => Promise<void>,
  ): Promise<{ decided: boolean; community?: CommunityRecord }> {
    const result = await this.db.$transaction(async (tx) => {
      const { count } = await tx.community.updateMany({
        where: { id, status: "PENDING" },
        data: { status: decision, active: decision === "APPROVED", decidedAt: new Date(), decidedById: byMemberId },
      });
      const row = await tx.community.findUnique({ where: { id } });
      const community = row ? toCommunityRecord(row) : undefined;
      if (count === 1 && community) await decided(tx, community);
      return { decided: count === 1, community };
    });
    if (result.community) this.forget(result.community.telegramChatId);
    return result;
  }

  /** The bot left a group nobody approved: forget it, so a later add asks again. */
  async forgetPending(chatId: number): Promise<void> {
    await this.db.community.deleteMany({ where: { telegramChatId: BigInt(chatId), status: "PENDING" } });
    this.forget(chatId);
  }

  /** Switches a community off (the bot was removed, or the group is gone); its data stays. */
  async deactivate(chatId: number): Promise<void> {
    await this.db.community.updateMany({ where: { telegramChatId: BigInt(chatId) }, data: { active: false } });
    this.forget(chatId);
  }

  /** The bot hears from an approved group again (a message, a tap): it is in, whatever an earlier 403 suggested. */
  async reactivate(chatId: number): Promise<void> {
    await this.db.community.updateMany({ where: { telegramChatId: BigInt(chatId), status: "APPROVED", active: false }, data: { active: true } });
    this.forget(chatId);
  }

  /**
   * Group → supergroup migration: the chat gets a new id, the community (and
   * everything of it) stays. A row the new chat got meanwhile (it can only be
   * an unapproved one without data) gives way.
   */
  async migrateChat(fromChatId: number, toChatId: number): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const from = await tx.community.findUnique({ where: { telegramChatId: BigInt(fromChatId) } });
      if (!from) return;
      await tx.community.deleteMany({ where: { telegramChatId: BigInt(toChatId), status: { not: "APPROVED" } } });
      await tx.community.update({ where: { id: from.id }, data: { telegramChatId: BigInt(toChatId) } });
    });
    this.forget(fromChatId);
    this.forget(toChatId);
  }

  async byChatId(chatId: number): Promise<CommunityRecord | undefined> {
    const hit = this.byChat.get(chatId);
    if (hit && performance.now() - hit.at < this.cacheMs) return hit.community;
    const row = await this.db.community.findUnique({ where: { telegramChatId: BigInt(chatId) } });
    if (!row) return undefined;
    const community = toCommunityRecord(row);
    this.remember(community);
    return community;
  }

  async byId(id: number): Promise<CommunityRecord | undefined> {
    const row = await this.db.community.findUnique({ where: { id } });
    return row ? toCommunityRecord(row) : undefined;
  }

  /** A community's settings changed (in a transaction of its own): the next read sees them, not the cached row. */
  invalidate(id: number): void {
    for (const [chatId, hit] of this.byChat) if (hit.community.id === id) this.byChat.delete(chatId);
  }

  async update(id: number, data: Partial<Pick<CommunityRecord, "locale" | "selfReferralEarns" | "adminsOrganize">>): Promise<CommunityRecord> {
    const row = await this.db.community.update({ where: { id }, data });
    const community = toCommunityRecord(row);
    this.remember(community);
    return community;
  }

  /** Communities a member belongs to (seen in the group), active ones first by title. */
  async ofMember(memberId: number): Promise<CommunityRecord[]> {
    const rows = await this.db.community.findMany({
      where: { active: true, OR: [{ members: { some: { memberId } } }, { roles: { some: { memberId } } }] },
      orderBy: { title: "asc" },
    });
    return rows.map(toCommunityRecord);
  }

  async allActive(): Promise<CommunityRecord[]> {
    const rows = await this.db.community.findMany({ where: { active: true }, orderBy: { title: "asc" } });
    return rows.map(toCommunityRecord);
  }

  private seen = new Set<string>();
  /** members seen side by side are recorded together */
  private touches = new Coalescer<{ communityId: number; memberId: number }, void>({
    many: (pairs) => this.touchMany(pairs),
    one: ({ communityId, memberId }) => this.touchOne(communityId, memberId),
    key: ({ communityId, memberId }) => `${communityId}/${memberId}`,
  });

  /** Records that a member was seen in a community's group (once per process). */
  async touchMember(communityId: number, memberId: number): Promise<void> {
    const key = `${communityId}/${memberId}`;
    if (this.seen.has(key)) return;
    await this.touches.run({ communityId, memberId });
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.add(key);
  }

  private async touchOne(communityId: number, memberId: number): Promise<void> {
    await this.db.communityMember.upsert({
      where: { communityId_memberId: { communityId, memberId } },
      update: { lastSeenAt: new Date() },
      create: { communityId, memberId },
    });
  }

  /** touchOne for each, in one statement: new pairs inserted, known ones seen again. */
  private async touchMany(pairs: { communityId: number; memberId: number }[]): Promise<void[]> {
    const at = new Date();
    const rows = pairs.map(({ communityId, memberId }) => ({ communityId, memberId, firstSeenAt: at, lastSeenAt: at }));
    await insertRows(this.db, "CommunityMember", ["communityId", "memberId", "firstSeenAt", "lastSeenAt"], rows, { key: ["communityId", "memberId"], update: ["lastSeenAt"] });
    return pairs.map(() => undefined);
  }
}
