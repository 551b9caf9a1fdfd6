// Stand-ins for the group-buy flow in referral tests: communities, members,
// products, buys and orders written straight to the database, the way the
// group-buy code does (orders are placed through Orders.changeQuantity), and
// closes/refunds that call the buy listeners inside their transaction.
import type { User } from "grammy/types";
import type { Db } from "../../src/db/client";
import type { Services } from "../../src/bot/context";
import { newReferralCode } from "../../src/db/members";
import { Orders } from "../../src/db/orders";
import type { CommissionRule } from "../../src/domain/commission";

/** A small seeded PRNG (mulberry32): property-style tests replay exactly from a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function fxCommunity(db: Db, init: { chatId: number; title?: string; locale?: string; selfReferralEarns?: boolean }) {
  return db.community.create({
    data: { telegramChatId: BigInt(init.chatId), title: init.title ?? "Green Street Co-op", locale: init.locale ?? "en", selfReferralEarns: init.selfReferralEarns ?? false, status: "APPROVED", active: true },
  });
}

/** A member known to the bot (as if seen in the community's group). */
export async function fxMember(db: Db, u: User, communityId?: number) {
  const data = { firstName: u.first_name, lastName: u.last_name ?? null, username: u.username ?? null, telegramLanguage: u.language_code ?? null };
  const member = await db.member.upsert({
    where: { telegramId: BigInt(u.id) },
    update: data,
    create: { ...data, telegramId: BigInt(u.id), referralCode: newReferralCode() },
  });
  if (communityId !== undefined) {
    await db.communityMember.upsert({
      where: { communityId_memberId: { communityId, memberId: member.id } },
      update: {},
      create: { communityId, memberId: member.id },
    });
  }
  return member;
}

export async function fxOrganizer(db: Db, communityId: number, memberId: number) {
  await db.communityRole.create({ data: { communityId, memberId, role: "ORGANIZER" } });
}

/** An approved product with its reviewed revision. */
export async function fxProduct(db: Db, init: { communityId: number; recommenderId: number; name?: string; priceFen: number }) {
  const producer = await db.producer.create({ data: { communityId: init.communityId, name: "Hillside Farm", location: "Anji", contact: "private" } });
  const product = await db.product.create({
    data: { communityId: init.communityId, recommenderId: init.recommenderId, producerId: producer.id, status: "APPROVED" },
  });
  const revision = await db.productRevision.create({
    data: {
      productId: product.id,
      version: 1,
      name: init.name ?? "Wild honey",
      unit: "jar",
      story: "From the hills.",
      tags: "",
      priceFen: init.priceFen,
      currency: "CNY",
      status: "APPROVED",
      reviewedAt: new Date(),
    },
  });
  await db.product.update({ where: { id: product.id }, data: { approvedRevisionId: revision.id } });
  return { product, revision };
}

/** An open buy of a product, with the commission rule fixed as the opener set it. */
export async function fxBuy(
  db: Db,
  init: {
    product: Awaited<ReturnType<typeof fxProduct>>;
    openedById: number;
    commission: CommissionRule;
    deadlineAt: Date;
    selfReferralEarns?: boolean;
  },
) {
  const { product, revision } = init.product;
  const community = await db.community.findUniqueOrThrow({ where: { id: product.communityId } });
  return db.groupBuy.create({
    data: {
      communityId: product.communityId,
      productId: product.id,
      revisionId: revision.id,
      openedById: init.openedById,
      recommenderId: product.recommenderId,
      unitPriceFen: revision.priceFen,
      currency: revision.currency,
      deadlineAt: init.deadlineAt,
      pickupDetails: "Saturday 10:00, community hall",
      commissionKind: init.commission.kind,
      commissionValue: init.commission.value,
      selfReferralEarns: init.selfReferralEarns ?? community.selfReferralEarns,
    },
  });
}

/**
 * A member joins a buy through the bot's own order path (Orders.changeQuantity,
 * as a +1 tap does): the order gets its snapshots and attribution exactly as in
 * production. `now` defaults to a minute before the buy's deadline.
 */
export async function fxOrder(db: Db, init: { groupBuyId: number; memberId: number; quantity: number; now?: Date }) {
  const buy = await db.groupBuy.findUniqueOrThrow({ where: { id: init.groupBuyId }, select: { deadlineAt: true } });
  const now = init.now ?? new Date(buy.deadlineAt.getTime() - 60_000);
  const result = await new Orders(db).changeQuantity({
    groupBuyId: init.groupBuyId,
    memberId: init.memberId,
    change: { kind: "set", quantity: init.quantity },
    now,
  });
  if (!result.ok) throw new Error(`fxOrder: the order was refused (${result.reason})`);
  return result.order;
}

/** The buy closes successfully: marked SUCCEEDED, then every listener in the same transaction. */
export async function fxSucceed(db: Db, services: Services, groupBuyId: number, closedById?: number) {
  await db.$transaction(async (tx) => {
    await tx.groupBuy.update({ where: { id: groupBuyId }, data: { status: "SUCCEEDED", closedAt: services.clock.now(), closedById } });
    for (const l of services.buyListeners) await l.buySucceeded?.(tx, groupBuyId);
  });
}

/** An organizer refunds an order of a succeeded buy. */
export async function fxRefund(db: Db, services: Services, orderId: number, refundedById: number | null = null) {
  await db.$transaction(async (tx) => {
    await tx.order.update({ where: { id: orderId }, data: { status: "REFUNDED", paymentStatus: "REFUNDED" } });
    for (const l of services.buyListeners) await l.orderReversed?.(tx, orderId, "REFUNDED", refundedById);
  });
}
