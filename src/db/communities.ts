import type { Db } from "./client";
import { Coalescer } from "./coalescer";
import { insertRows } from "./bulk-insert";
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
  active: boolean;
};

type CommunityRow = {
  id: number;
  telegramChatId: bigint;
  title: string;
  locale: string;
  timezone: string;
  currency: string;
  selfReferralEarns: boolean;
  reminderOffsetsMin: string;
  active: boolean;
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
    active: row.active,
  };
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

  async register(chat: { id: number; title: string }, defaults: CommunityDefaults): Promise<{ community: CommunityRecord; created: boolean }> {
    const existing = await this.db.community.findUnique({ where: { telegramChatId: BigInt(chat.id) } });
    const row = existing
      ? await this.db.community.update({ where: { id: existing.id }, data: { title: chat.title.slice(0, 256), active: true } })
      : await this.db.community.upsert({
          where: { telegramChatId: BigInt(chat.id) },
          update: { title: chat.title.slice(0, 256), active: true },
          create: {
            telegramChatId: BigInt(chat.id),
            title: chat.title.slice(0, 256),
            locale: defaults.locale,
            timezone: defaults.timezone,
            currency: defaults.currency,
            reminderOffsetsMin: defaults.reminderOffsetsMin.join(","),
          },
        });
    const community = toCommunityRecord(row);
    this.remember(community);
    return { community, created: !existing };
  }

  async deactivate(chatId: number): Promise<void> {
    await this.db.community.updateMany({ where: { telegramChatId: BigInt(chatId) }, data: { active: false } });
    this.byChat.delete(chatId);
  }

  /** The bot hears from the group again (a message, a tap): it is in, whatever an earlier 403 suggested. */
  async reactivate(chatId: number): Promise<void> {
    await this.db.community.updateMany({ where: { telegramChatId: BigInt(chatId), active: false }, data: { active: true } });
    this.byChat.delete(chatId);
  }

  /** Group supergroup migration: the chat gets a new id, the community stays. */
  async migrateChat(fromChatId: number, toChatId: number): Promise<void> {
    await this.db.community.updateMany({ where: { telegramChatId: BigInt(fromChatId) }, data: { telegramChatId: BigInt(toChatId) } });
    this.byChat.delete(fromChatId);
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

  async update(id: number, data: Partial<Pick<CommunityRecord, "locale" | "selfReferralEarns">>): Promise<CommunityRecord> {
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
