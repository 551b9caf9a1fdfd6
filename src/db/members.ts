import { randomBytes } from "node:crypto";
import type { Db, Tx } from "./client";
import { Coalescer } from "./coalescer";
import { insertRowsReturning } from "./bulk-insert";
import { isLocale } from "../domain/locale";
import type { Locale } from "../domain/money";

export type MemberRecord = {
  id: number;
  telegramId: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  telegramLanguage: string | null;
  locale: Locale | null;
  referralCode: string;
  hideFromRecommenders: boolean;
};

export type TelegramUser = {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
};

type MemberRow = {
  id: number;
  telegramId: bigint;
  firstName: string;
  lastName: string | null;
  username: string | null;
  telegramLanguage: string | null;
  locale: string | null;
  referralCode: string;
  hideFromRecommenders: boolean;
};

export function toMemberRecord(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    telegramId: Number(row.telegramId),
    firstName: row.firstName,
    lastName: row.lastName,
    username: row.username,
    telegramLanguage: row.telegramLanguage,
    locale: isLocale(row.locale) ? row.locale : null,
    referralCode: row.referralCode,
    hideFromRecommenders: row.hideFromRecommenders,
  };
}

const CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
// random bytes drawn 4 KiB at a time, each used once: a burst of first taps makes a code per member,
// and a randomBytes call per code was ~2 % of the join burst's CPU (bench/join.ts)
let randomPool: Buffer = Buffer.alloc(0);
let poolAt = 0;

/** A short code for share links: 8 characters of Crockford base32. */
export function newReferralCode(): string {
  if (poolAt + 8 > randomPool.length) {
    randomPool = randomBytes(4096);
    poolAt = 0;
  }
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomPool[poolAt++]! % 32];
  return code;
}

const MEMBER_COLUMNS = [
  "telegramId", "firstName", "lastName", "username", "telegramLanguage", "locale", "referralCode", "hideFromRecommenders", "blockedBotAt", "createdAt", "updatedAt",
] as const;

/** The names and language Telegram tells us on every update, as stored. */
function namesOf(user: TelegramUser) {
  return {
    firstName: user.first_name.slice(0, 256),
    lastName: user.last_name?.slice(0, 256) ?? null,
    username: user.username ?? null,
    telegramLanguage: user.language_code ?? null,
  };
}

const fingerprintOf = (user: TelegramUser) => [user.first_name, user.last_name ?? "", user.username ?? "", user.language_code ?? ""].join("\u0000");

export function displayName(member: Pick<MemberRecord, "firstName" | "lastName">): string {
  return [member.firstName, member.lastName].filter(Boolean).join(" ").trim() || "—";
}

/**
 * Members are upserted on every update; most updates come from members we
 * already know with unchanged names, so a short-lived cache skips the write.
 */
/** A member by id, inside a transaction or not. */
export async function memberById(db: Tx, memberId: number): Promise<MemberRecord | undefined> {
  const row = await db.member.findUnique({ where: { id: memberId } });
  return row ? toMemberRecord(row) : undefined;
}

/** The members with these ids (unknown ids are left out). */
export async function membersByIds(db: Tx, memberIds: number[]): Promise<MemberRecord[]> {
  const rows = await db.member.findMany({ where: { id: { in: memberIds } } });
  return rows.map(toMemberRecord);
}

export class MemberDirectory {
  private cache = new Map<number, { record: MemberRecord; fingerprint: string; at: number }>();
  /** members first seen side by side (a burst of taps) are looked up and written together */
  private seen: Coalescer<TelegramUser, MemberRecord>;

  constructor(
    private db: Db,
    private ttlMs = 60_000,
    private now: () => number = Date.now,
  ) {
    this.seen = new Coalescer({ many: (users) => this.upsertMany(users), one: (user) => this.upsertOne(user), key: (user) => String(user.id) });
  }

  async fromTelegram(user: TelegramUser): Promise<MemberRecord> {
    const hit = this.cache.get(user.id);
    if (hit && hit.fingerprint === fingerprintOf(user) && this.now() - hit.at < this.ttlMs) return hit.record;
    const record = await this.seen.run(user);
    this.remember(record, fingerprintOf(user));
    return record;
  }

  private async upsertOne(user: TelegramUser): Promise<MemberRecord> {
    const data = namesOf(user);
    const row = await this.db.member.upsert({
      where: { telegramId: BigInt(user.id) },
      update: data,
      create: { ...data, telegramId: BigInt(user.id), referralCode: newReferralCode() },
    });
    return toMemberRecord(row);
  }

  /**
   * The same as upsertOne for each, in one statement when all are new (a
   * burst of first taps): insert them, leaving those known already (their
   * telegramId is taken) to be read and, if their names changed, updated.
   * A failed insert (say two instances creating the same member, or a
   * referral code taken) writes nothing, and the batch is done one by one.
   */
  private async upsertMany(users: TelegramUser[]): Promise<MemberRecord[]> {
    const at = new Date();
    const data = users.map((u) => ({
      ...namesOf(u),
      telegramId: BigInt(u.id),
      locale: null,
      referralCode: newReferralCode(),
      hideFromRecommenders: false,
      blockedBotAt: null,
      createdAt: at,
      updatedAt: at,
    }));
    const created = await insertRowsReturning(this.db, "Member", MEMBER_COLUMNS, data, ["id", "telegramId"], { key: ["telegramId"] });
    const records = new Map<number, MemberRecord>();
    const ids = new Map(created.map((r) => [Number(r.telegramId), Number(r.id)]));
    for (const d of data) {
      const id = ids.get(Number(d.telegramId));
      if (id !== undefined) records.set(Number(d.telegramId), toMemberRecord({ ...d, id }));
    }
    const known = users.filter((u) => !records.has(u.id));
    if (known.length > 0) {
      for (const row of await this.db.member.findMany({ where: { telegramId: { in: known.map((u) => BigInt(u.id)) } } })) {
        const user = known.find((u) => u.id === Number(row.telegramId))!;
        const names = namesOf(user);
        const changed = (Object.keys(names) as (keyof typeof names)[]).some((k) => row[k] !== names[k]);
        records.set(user.id, toMemberRecord(changed ? await this.db.member.update({ where: { id: row.id }, data: names }) : row));
      }
    }
    if (records.size !== users.length) throw new Error(`of ${users.length} members, ${records.size} were written or found`);
    return users.map((u) => records.get(u.id)!);
  }

  private remember(record: MemberRecord, fingerprint: string) {
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(record.telegramId, { record, fingerprint, at: this.now() });
  }

  async setLocale(memberId: number, locale: Locale): Promise<MemberRecord> {
    const row = await this.db.member.update({ where: { id: memberId }, data: { locale } });
    const record = toMemberRecord(row);
    this.cache.delete(record.telegramId);
    return record;
  }

  async byId(memberId: number): Promise<MemberRecord | undefined> {
    const row = await this.db.member.findUnique({ where: { id: memberId } });
    return row ? toMemberRecord(row) : undefined;
  }

  async byTelegramId(telegramId: number): Promise<MemberRecord | undefined> {
    const row = await this.db.member.findUnique({ where: { telegramId: BigInt(telegramId) } });
    return row ? toMemberRecord(row) : undefined;
  }

  async byUsername(username: string): Promise<MemberRecord | undefined> {
    const row = await this.db.member.findFirst({ where: { username: username.replace(/^@/, "") } });
    return row ? toMemberRecord(row) : undefined;
  }

  async byReferralCode(code: string): Promise<MemberRecord | undefined> {
    const row = await this.db.member.findUnique({ where: { referralCode: code } });
    return row ? toMemberRecord(row) : undefined;
  }

  async markBlocked(telegramId: number, at: Date): Promise<void> {
    this.reachable.delete(telegramId);
    await this.db.member.updateMany({ where: { telegramId: BigInt(telegramId) }, data: { blockedBotAt: at } });
  }

  private reachable = new Set<number>();
  /** A member wrote to the bot privately, so they (re)started it: clear a stale "blocked" mark, once per process. */
  async markReachable(telegramId: number): Promise<void> {
    if (this.reachable.has(telegramId)) return;
    await this.db.member.updateMany({ where: { telegramId: BigInt(telegramId), blockedBotAt: { not: null } }, data: { blockedBotAt: null } });
    if (this.reachable.size > 100_000) this.reachable.clear();
    this.reachable.add(telegramId);
  }

  async setHidden(memberId: number, hidden: boolean): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { hideFromRecommenders: hidden } });
    for (const [key, hit] of this.cache) if (hit.record.id === memberId) this.cache.delete(key);
  }
}
