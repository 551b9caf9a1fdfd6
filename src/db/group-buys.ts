import type { Db, Tx } from "./client";
import type { CommissionKind, GroupBuy, GroupBuyStatus, OrderStatus, Prisma } from "../generated/prisma/client";
import { isLocale } from "../domain/locale";
import type { Locale } from "../domain/money";
import type { KindedLine } from "../domain/cost-kinds";
import { parseBreakdownRow, type Adjustment } from "./breakdowns";

export { TX_OPTIONS } from "./client";

export type { GroupBuy, GroupBuyStatus };

export type NewGroupBuy = {
  communityId: number;
  productId: number;
  revisionId: number;
  openedById: number;
  recommenderId: number;
  unitPriceFen: number;
  currency: string;
  minTotalQty: number;
  stockCap: number | null;
  perMemberCap: number | null;
  deadlineAt: Date;
  pickupDetails: string;
  commissionKind: CommissionKind;
  commissionValue: number;
  selfReferralEarns: boolean;
  /** the PriceBreakdown written in the same transaction (db/breakdowns.ts) */
  breakdownId?: number | null;
};

/** What views need about a buy: the buy, its product revision and its community. */
export type BuyDetails = GroupBuy & {
  productName: string;
  unit: string;
  /** the buy's breakdown (adds up to its price); older buys: their revision's lines */
  costLines: KindedLine[];
  /** lines the opener moved when the price or rule differed from the product's */
  adjusted: Adjustment[];
  /** paidBroadcast: the close's notices go as paid broadcasts (the community's setting) */
  community: { id: number; telegramChatId: number; title: string; locale: Locale; timezone: string; reminderOffsetsMin: number[]; paidBroadcast: boolean };
};

/** What never changes once a buy is open: its group, product, unit and price. */
export type BuyFacts = Pick<BuyDetails, "id" | "communityId" | "productName" | "unit" | "currency" | "unitPriceFen">;

/** A product a member may open a buy for, with the approved revision's price. */
export type OpenableProduct = {
  productId: number;
  revisionId: number;
  communityId: number;
  communityTitle: string;
  recommenderId: number;
  name: string;
  unit: string;
  priceFen: number;
  currency: string;
  /** the approved revision's lines with their kinds */
  costLines: KindedLine[];
};

export const ACTIVE_STATUSES: GroupBuyStatus[] = ["OPEN", "CLOSING"];

/** The orders a buy's roster lists: the active ones, or, once it failed or was cancelled, those it ended. */
function rosterStatuses(status: GroupBuyStatus | undefined): OrderStatus[] {
  if (status === "FAILED") return ["VOID"];
  if (status === "CANCELLED") return ["VOID", "REFUNDED"];
  return ["ACTIVE"];
}

export class GroupBuys {
  /** BuyFacts never change and buys are never deleted: cached for the process's life (bounded) */
  private factsCache = new Map<number, BuyFacts>();

  constructor(private db: Db) {}

  /** A buy's unchanging facts, from memory after the first read: enough to answer a tap on its buttons. */
  async facts(id: number): Promise<BuyFacts | undefined> {
    const hit = this.factsCache.get(id);
    if (hit) return hit;
    const row = await this.db.groupBuy.findUnique({
      where: { id },
      select: { id: true, communityId: true, currency: true, unitPriceFen: true, revision: { select: { name: true, unit: true } } },
    });
    if (!row) return undefined;
    const facts: BuyFacts = { id: row.id, communityId: row.communityId, currency: row.currency, unitPriceFen: row.unitPriceFen, productName: row.revision.name, unit: row.revision.unit };
    if (this.factsCache.size >= 10_000) this.factsCache.clear();
    this.factsCache.set(id, facts);
    return facts;
  }

  async create(input: NewGroupBuy, now: Date, writer: Tx = this.db): Promise<GroupBuy> {
    return writer.groupBuy.create({ data: { ...input, status: "OPEN", announcementDirty: false, createdAt: now } });
  }

  byId(id: number, writer: Tx = this.db): Promise<GroupBuy | null> {
    return writer.groupBuy.findUnique({ where: { id } });
  }

  async details(id: number, writer: Tx = this.db): Promise<BuyDetails | undefined> {
    const row = await writer.groupBuy.findUnique({
      where: { id },
      include: { revision: { include: { costLines: { orderBy: { position: "asc" } } } }, community: true, breakdown: true },
    });
    if (!row) return undefined;
    const { revision, community, breakdown, ...buy } = row;
    const stored = breakdown ? parseBreakdownRow(breakdown) : undefined;
    return {
      ...buy,
      productName: revision.name,
      unit: revision.unit,
      costLines: stored?.lines ?? revision.costLines.map((c) => ({ label: c.label, amountFen: c.amountFen, kind: c.kind })),
      adjusted: stored?.adjusted ?? [],
      community: {
        id: community.id,
        telegramChatId: Number(community.telegramChatId),
        title: community.title,
        locale: isLocale(community.locale) ? community.locale : "zh",
        timezone: community.timezone,
        reminderOffsetsMin: parseOffsets(community.reminderOffsetsMin),
        paidBroadcast: community.paidBroadcast,
      },
    };
  }

  /**
   * The 接龙: the first `take` active orders in joining order (display names
   * only) and how many there are in all. An announcement shows a few dozen
   * lines: a buy of thousands is not read whole for every edit. A buy that
   * did not go ahead has no active orders: its roster is who had joined when
   * it failed or was cancelled (the orders it voided or refunded).
   */
  async roster(groupBuyId: number, take: number): Promise<{ rows: { memberId: number; firstName: string; lastName: string | null; quantity: number }[]; total: number }> {
    const buy = await this.db.groupBuy.findUnique({ where: { id: groupBuyId }, select: { status: true } });
    const statuses = rosterStatuses(buy?.status);
    const where = { groupBuyId, status: statuses.length === 1 ? statuses[0]! : { in: statuses } };
    const [rows, total] = await Promise.all([
      this.db.order.findMany({
        where,
        orderBy: [{ position: "asc" }, { id: "asc" }],
        take,
        select: { memberId: true, quantity: true, member: { select: { firstName: true, lastName: true } } },
      }),
      this.db.order.count({ where }),
    ]);
    return { rows: rows.map((r) => ({ memberId: r.memberId, firstName: r.member.firstName, lastName: r.member.lastName, quantity: r.quantity })), total };
  }

  /** Open buys whose deadline has come (also long ago: catching up after downtime). */
  /** Open buys whose deadline is within `withinMs`, with the reminders already sent. */
  async nearingDeadline(now: Date, withinMs: number): Promise<(GroupBuy & { sentOffsets: number[]; reminderOffsetsMin: number[] })[]> {
    const rows = await this.db.groupBuy.findMany({
      where: { status: "OPEN", deadlineAt: { gt: now, lte: new Date(now.getTime() + withinMs) } },
      include: { reminders: { select: { offsetMinutes: true } }, community: { select: { reminderOffsetsMin: true } } },
      orderBy: { deadlineAt: "asc" },
      take: 200,
    });
    return rows.map(({ reminders, community, ...buy }) => ({ ...buy, sentOffsets: reminders.map((r) => r.offsetMinutes), reminderOffsetsMin: parseOffsets(community.reminderOffsetsMin) }));
  }

  /** Records reminders as sent; false when one of them was recorded already (another instance). */
  async recordReminders(tx: Tx, groupBuyId: number, offsets: number[], at: Date): Promise<boolean> {
    // Checked first: on PostgreSQL a failed insert would abort the whole transaction.
    const existing = await tx.groupBuyReminder.count({ where: { groupBuyId, offsetMinutes: { in: offsets } } });
    if (existing > 0) return false;
    await tx.groupBuyReminder.createMany({ data: offsets.map((offsetMinutes) => ({ groupBuyId, offsetMinutes, sentAt: at })) });
    return true;
  }

  /** Buys of these communities: the open ones and the most recent others. */
  async listForCommunities(communityIds: number[], recent = 10): Promise<(GroupBuy & { productName: string })[]> {
    const include = { revision: { select: { name: true } } } as const;
    const [open, closed] = await Promise.all([
      this.db.groupBuy.findMany({ where: { communityId: { in: communityIds }, status: { in: ACTIVE_STATUSES } }, include, orderBy: { deadlineAt: "asc" }, take: 50 }),
      this.db.groupBuy.findMany({ where: { communityId: { in: communityIds }, status: { notIn: ACTIVE_STATUSES } }, include, orderBy: { id: "desc" }, take: recent }),
    ]);
    return [...open, ...closed].map(({ revision, ...buy }) => ({ ...buy, productName: revision.name }));
  }

  markDirty(groupBuyId: number, writer: Tx = this.db): Promise<unknown> {
    return writer.groupBuy.updateMany({ where: { id: groupBuyId }, data: { announcementDirty: true } });
  }

  async setAnnouncement(groupBuyId: number, messageId: number, hash: string, at: Date): Promise<void> {
    await this.db.groupBuy.update({
      where: { id: groupBuyId },
      data: { announcementMessageId: messageId, announcementHash: hash, announcementEditedAt: at, announcementClaimedAt: null },
    });
  }

  /** Records the chart photo posted above a buy's announcement (posted under the announcement's claim). */
  async setChartMessage(groupBuyId: number, messageId: number): Promise<void> {
    await this.db.groupBuy.updateMany({ where: { id: groupBuyId, chartMessageId: null }, data: { chartMessageId: messageId } });
  }

  /**
   * Claims the right to post a buy's announcement: true for one caller across
   * instances, while it is unposted and nobody claimed it since `staleBefore`
   * (a claim older than that was left by an instance that died mid-post).
   */
  async claimAnnouncement(groupBuyId: number, now: Date, staleBefore: Date): Promise<boolean> {
    const { count } = await this.db.groupBuy.updateMany({
      where: {
        id: groupBuyId,
        announcementMessageId: null,
        OR: [{ announcementClaimedAt: null }, { announcementClaimedAt: { lt: staleBefore } }],
      },
      data: { announcementClaimedAt: now },
    });
    return count === 1;
  }

  /** Gives a claim back after a failed post, so the next try needn't wait for it to go stale. */
  async releaseAnnouncement(groupBuyId: number, claimedAt: Date): Promise<void> {
    await this.db.groupBuy.updateMany({ where: { id: groupBuyId, announcementMessageId: null, announcementClaimedAt: claimedAt }, data: { announcementClaimedAt: null } });
  }

  /**
   * Announcements to bring up to date: dirty ones, plus open ones not edited
   * for `refreshMs` (their "time left" ages). Least recently edited first;
   * one community's only when `communityId` is given.
   */
  async announcementsToRefresh(
    now: Date,
    refreshMs: number,
    take = 100,
    communityId?: number,
  ): Promise<{ id: number; communityId: number; chatId: number; announcementEditedAt: Date | null }[]> {
    const rows = await this.db.groupBuy.findMany({
      where: {
        announcementMessageId: { not: null },
        communityId,
        OR: [{ announcementDirty: true }, { status: "OPEN", announcementEditedAt: { lt: new Date(now.getTime() - refreshMs) } }],
      },
      orderBy: [{ announcementEditedAt: "asc" }, { id: "asc" }],
      take,
      select: { id: true, communityId: true, announcementEditedAt: true, community: { select: { telegramChatId: true } } },
    });
    return rows.map(({ community, ...row }) => ({ ...row, chatId: Number(community.telegramChatId) }));
  }

  /** Open buys without an announcement, opened before `before` (their first post failed). */
  async unannounced(before: Date): Promise<number[]> {
    const rows = await this.db.groupBuy.findMany({
      where: { status: "OPEN", announcementMessageId: null, createdAt: { lte: before } },
      select: { id: true },
      take: 20,
    });
    return rows.map((r) => r.id);
  }

  /** Takes the dirty mark before rendering, so a change made meanwhile marks it again. */
  async takeDirty(groupBuyId: number): Promise<void> {
    await this.db.groupBuy.updateMany({ where: { id: groupBuyId, announcementDirty: true }, data: { announcementDirty: false } });
  }

  async recordEdit(groupBuyId: number, hash: string | null, at: Date): Promise<void> {
    await this.db.groupBuy.update({ where: { id: groupBuyId }, data: { announcementHash: hash ?? undefined, announcementEditedAt: at } });
  }

  /** Approved products in these communities that this member may open a buy for. */
  async openableProducts(filter: { communityIds: number[]; recommenderId?: number; productId?: number }): Promise<OpenableProduct[]> {
    const where: Prisma.ProductWhereInput = {
      status: "APPROVED",
      approvedRevisionId: { not: null },
      community: { active: true },
      ...(filter.productId !== undefined ? { id: filter.productId } : {}),
      OR: [{ communityId: { in: filter.communityIds } }, ...(filter.recommenderId !== undefined ? [{ recommenderId: filter.recommenderId }] : [])],
    };
    const rows = await this.db.product.findMany({
      where,
      include: { approvedRevision: { include: { costLines: { orderBy: { position: "asc" } } } }, community: { select: { title: true } } },
      orderBy: { id: "desc" },
      take: 50,
    });
    return rows.flatMap((p) =>
      p.approvedRevision
        ? [
            {
              productId: p.id,
              revisionId: p.approvedRevision.id,
              communityId: p.communityId,
              communityTitle: p.community.title,
              recommenderId: p.recommenderId,
              name: p.approvedRevision.name,
              unit: p.approvedRevision.unit,
              priceFen: p.approvedRevision.priceFen,
              currency: p.approvedRevision.currency,
              costLines: p.approvedRevision.costLines.map((c) => ({ label: c.label, amountFen: c.amountFen, kind: c.kind })),
            },
          ]
        : [],
    );
  }
}

/** A community's reminder offsets as stored ("1440,60"). */
const parseOffsets = (stored: string): number[] => stored.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
