import { openDatabase, type Db } from "../../src/db/client";
import { newReferralCode } from "../../src/db/members";
import { attributeOrder } from "../../src/domain/attribution";
import { orderAmountFen } from "../../src/domain/group-buy-rules";

// A big buy for the close benchmark and the tests of closes that take many
// pages: a community with one open group buy and `orders` members who joined
// it, written straight to the database in bulk (createMany) the way the bot
// would have left them: each order with its snapshots (price, revision,
// commission rule) and its attribution from attributeOrder — through a
// recommender's share link (a ReferralVisit) for two orders in three, else to
// the product's recommender. The recommenders order too (self-referrals,
// which earn nothing), and each already has an entry in the ledger, so the
// close continues their seq chains instead of starting them.

export const COMMUNITY_CHAT_ID = -1001234567890;
export const ORGANIZER_TELEGRAM_ID = 6_000_001;
const FIRST_RECOMMENDER = 6_100_000;
const FIRST_MEMBER = 7_000_000;
const UNIT_PRICE_FEN = 1999;
/** 12.5 %: most orders' commissions end in a fraction of a fen, which the floor rule drops */
const COMMISSION_BP = 1250;
const OPENING_BALANCE_FEN = 500;
const CHUNK = 1000;

export type BigBuyOptions = {
  orders: number;
  /** members 0… of the buyers are recommenders; the first one recommends the product (default 10) */
  recommenders?: number;
  /** a minimum the orders don't reach: the close fails */
  failing?: boolean;
};

export type SeededBuy = {
  buyId: number;
  communityId: number;
  orders: number;
  totalQty: number;
  amountFen: number;
  recommenderIds: number[];
  openingBalanceFen: number;
};

/** Member names as a spreadsheet will meet them: Chinese, English, and a few that need CSV quoting. */
function nameOf(i: number): { firstName: string; lastName: string | null; username: string | null } {
  const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"];
  if (i % 97 === 5) return { firstName: `Lee, Ann ${i}`, lastName: null, username: null };
  if (i % 89 === 7) return { firstName: `"Kiki" ${i}`, lastName: "=SUM(A1)", username: null };
  if (i % 2 === 0) return { firstName: `${surnames[i % surnames.length]}${i}`, lastName: null, username: i % 4 === 0 ? `member_${i}` : null };
  return { firstName: `Member${i}`, lastName: "Green", username: `m${i}` };
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

async function idsByTelegramId(db: Db, from: number, count: number): Promise<number[]> {
  const rows = await db.member.findMany({
    where: { telegramId: { gte: BigInt(from), lt: BigInt(from + count) } },
    select: { id: true, telegramId: true },
  });
  const byTelegram = new Map(rows.map((r) => [Number(r.telegramId), r.id]));
  return Array.from({ length: count }, (_, i) => byTelegram.get(from + i)!);
}

export async function seedBigBuy(url: string, options: BigBuyOptions): Promise<SeededBuy> {
  const { orders, recommenders = 10, failing = false } = options;
  const { db, close } = await openDatabase(url);
  try {
    const now = Date.now();
    const community = await db.community.create({ data: { telegramChatId: BigInt(COMMUNITY_CHAT_ID), title: "绿街合作社 Green Street Co-op", locale: "zh", status: "APPROVED", active: true } });
    const organizer = await db.member.create({
      data: { telegramId: BigInt(ORGANIZER_TELEGRAM_ID), firstName: "Olga", username: "olga_org", telegramLanguage: "en", referralCode: newReferralCode() },
    });
    await db.communityRole.create({ data: { communityId: community.id, memberId: organizer.id, role: "ORGANIZER" } });

    // The first `recommenders` buyers are the recommenders: they order too.
    const people = Array.from({ length: orders }, (_, i) => ({
      telegramId: BigInt(i < recommenders ? FIRST_RECOMMENDER + i : FIRST_MEMBER + i),
      ...nameOf(i),
      telegramLanguage: i % 3 === 0 ? "en" : "zh",
      referralCode: newReferralCode(),
    }));
    await inChunks(people, (data) => db.member.createMany({ data }));
    const recommenderIds = await idsByTelegramId(db, FIRST_RECOMMENDER, Math.min(recommenders, orders));
    const memberIds = [...recommenderIds, ...(await idsByTelegramId(db, FIRST_MEMBER + recommenders, Math.max(0, orders - recommenders)))];
    await inChunks(memberIds, (ids) => db.communityMember.createMany({ data: ids.map((memberId) => ({ communityId: community.id, memberId })) }));

    const productRecommender = recommenderIds[0]!;
    const producer = await db.producer.create({ data: { communityId: community.id, name: "崇明生态农场", location: "崇明", contact: "13800000000" } });
    const product = await db.product.create({ data: { communityId: community.id, recommenderId: productRecommender, producerId: producer.id, status: "APPROVED" } });
    const revision = await db.productRevision.create({
      data: {
        productId: product.id,
        version: 1,
        name: "有机糙米 (5 kg)",
        unit: "袋",
        story: "家庭农场种植，不用农药。",
        tags: "grain",
        priceFen: UNIT_PRICE_FEN,
        currency: "CNY",
        status: "APPROVED",
        reviewedAt: new Date(now - 3 * 86_400_000),
        costLines: { create: [["稻谷", 1500], ["包装", 150], ["物流", 200], ["合作社费用", 149]].map(([label, amountFen], position) => ({ label: String(label), amountFen: Number(amountFen), position })) },
      },
    });
    await db.product.update({ where: { id: product.id }, data: { approvedRevisionId: revision.id } });

    const rows = memberIds.map((memberId, i) => {
      const visitReferrerId = i % 3 === 0 ? undefined : recommenderIds[i % recommenderIds.length]!;
      const quantity = 1 + (i % 3);
      const paid = i % 10 === 0;
      return {
        memberId,
        visitReferrerId,
        quantity,
        order: {
          memberId,
          position: i + 1,
          quantity,
          unitPriceFen: UNIT_PRICE_FEN,
          amountFen: orderAmountFen(UNIT_PRICE_FEN, quantity),
          revisionId: revision.id,
          commissionKind: "PERCENT_BP" as const,
          commissionValue: COMMISSION_BP,
          ...attributeOrder({ memberId, buyRecommenderId: productRecommender, visitReferrerId }),
          paymentStatus: paid ? ("PAID" as const) : ("UNPAID" as const),
          paidAt: paid ? new Date(now - 3_600_000) : null,
          createdAt: new Date(now - 86_400_000 + i * 1000),
        },
      };
    });
    const totalQty = rows.reduce((s, r) => s + r.quantity, 0);
    const amountFen = rows.reduce((s, r) => s + r.order.amountFen, 0);
    const buy = await db.groupBuy.create({
      data: {
        communityId: community.id,
        productId: product.id,
        revisionId: revision.id,
        openedById: productRecommender,
        recommenderId: productRecommender,
        status: "OPEN",
        unitPriceFen: UNIT_PRICE_FEN,
        currency: "CNY",
        minTotalQty: failing ? totalQty + 1 : Math.max(1, Math.floor(totalQty / 2)),
        totalQty,
        orderCount: orders,
        deadlineAt: new Date(now + 7 * 86_400_000), // ahead: the bench closes it by /close, not the deadline job
        pickupDetails: "周六 10:00–12:00，社区活动室（绿街 8 号）",
        commissionKind: "PERCENT_BP",
        commissionValue: COMMISSION_BP,
        selfReferralEarns: false,
        createdAt: new Date(now - 2 * 86_400_000),
      },
    });
    const visits = rows.filter((r) => r.visitReferrerId !== undefined);
    await inChunks(visits, (chunk) =>
      db.referralVisit.createMany({ data: chunk.map((r) => ({ groupBuyId: buy.id, memberId: r.memberId, referrerId: r.visitReferrerId!, createdAt: r.order.createdAt })) }),
    );
    await inChunks(rows, (chunk) => db.order.createMany({ data: chunk.map((r) => ({ ...r.order, groupBuyId: buy.id })) }));
    const orderIds = await db.order.findMany({ where: { groupBuyId: buy.id }, select: { id: true, quantity: true, memberId: true, createdAt: true } });
    await inChunks(orderIds, (chunk) =>
      db.orderEvent.createMany({ data: chunk.map((o) => ({ orderId: o.id, kind: "JOIN", quantityOld: 0, quantityNew: o.quantity, actorId: o.memberId, createdAt: o.createdAt })) }),
    );
    // earlier earnings: the close appends after seq 1
    await db.ledgerEntry.createMany({
      data: recommenderIds.map((recommenderId) => ({
        communityId: community.id,
        recommenderId,
        seq: 1,
        kind: "ADJUSTMENT" as const,
        amountFen: OPENING_BALANCE_FEN,
        balanceFen: OPENING_BALANCE_FEN,
        adjustedToDateFen: OPENING_BALANCE_FEN,
        createdById: organizer.id,
        memo: "opening balance",
        idempotencyKey: `bench:opening:${recommenderId}`,
      })),
    });
    return { buyId: buy.id, communityId: community.id, orders, totalQty, amountFen, recommenderIds, openingBalanceFen: OPENING_BALANCE_FEN };
  } finally {
    await close();
  }
}
