import { Prisma } from "../../src/generated/prisma/client";
import type { Db } from "../../src/db/client";
import type { DbKind } from "./types";

// A co-op grown large (issue 19): communities × their members, recommenders,
// products, buys, one order per member per buy and a ledger whose every
// accrual is an order's commission. Written set-wise by the database itself
// (INSERT … SELECT over a generated series of numbers, the same SQL on SQLite
// and PostgreSQL), with explicit ids computed from the layout below, so a
// million rows take seconds, not a million round trips. Every value follows a
// formula, so the bench knows what each command must answer.
//
// Layout (0-based c community, i member, p product, b buy, k order, r recommender, j entry):
//   member c·M+i+1: i < R recommenders, i = R the organizer, i = R+1 the member with an order in every buy
//   buy c·B+b+1: b < B−O SUCCEEDED (closed this month), the rest OPEN (deadline days ahead)
//   order (c·B+b)·K+k+1: referred by recommender k mod R; k = 0 is the busy member's
//   ledger (c·R+r)·E+j+1: recommender r's entry seq j+1, every 10th a payout, the others accruals in order

export type ScaleSizes = {
  communities: number;
  /** per community */
  recommenders: number;
  members: number;
  products: number;
  buys: number;
  openBuys: number;
  ordersPerBuy: number;
};

export const FULL: ScaleSizes = { communities: 100, recommenders: 10, members: 1000, products: 100, buys: 100, openBuys: 10, ordersPerBuy: 100 };
export const QUICK: ScaleSizes = { communities: 2, recommenders: 5, members: 100, products: 20, buys: 20, openBuys: 2, ordersPerBuy: 25 };

export const PRICE_FEN = 2500;
export const COMMISSION_BP = 500;
/** what each order earns: 5 % of ¥25.00 */
export const COMMISSION_FEN = 125;
export const PAYOUT_FEN = 1000;
const TELEGRAM_BASE = 5_000_000_000;
export const CHAT_BASE = -1_003_000_000_000;

export type ScaleLayout = ScaleSizes & {
  /** accruals per recommender, and their entries (with the payouts) */
  accruals: number;
  entries: number;
  totals: { members: number; recommenders: number; buys: number; orders: number; ledger: number; products: number };
};

export function layout(s: ScaleSizes): ScaleLayout {
  const perBuy = s.ordersPerBuy / s.recommenders;
  const accruals = (s.buys - s.openBuys) * perBuy;
  if (!Number.isInteger(perBuy) || accruals % 9 !== 0 || s.ordersPerBuy - 1 > s.members - s.recommenders - 2) throw new Error("scale: sizes don't fit the layout");
  const entries = accruals + accruals / 9;
  const C = s.communities;
  return {
    ...s, accruals, entries,
    totals: { members: C * s.members, recommenders: C * s.recommenders, buys: C * s.buys, orders: C * s.buys * s.ordersPerBuy, ledger: C * s.recommenders * entries, products: C * s.products },
  };
}

export const memberId = (l: ScaleLayout, c: number, i: number) => c * l.members + i + 1;
export const telegramIdOf = (id: number) => TELEGRAM_BASE + id;
export const organizerOf = (l: ScaleLayout, c: number) => memberId(l, c, l.recommenders);
export const busyMemberOf = (l: ScaleLayout, c: number) => memberId(l, c, l.recommenders + 1);

/** What a recommender's chain adds up to (the same for every recommender). */
export function expectedEarnings(l: ScaleLayout) {
  const earnedFen = l.accruals * COMMISSION_FEN;
  const paidFen = (l.accruals / 9) * PAYOUT_FEN;
  const pendingFen = l.openBuys * (l.ordersPerBuy / l.recommenders) * COMMISSION_FEN;
  return { earnedFen, paidFen, balanceFen: earnedFen - paidFen, pendingFen };
}

/** The SQL of a series 0…n−1, as the CTE "n"(i). */
const series = (n: number) => Prisma.raw(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n - 1})`);

export type SeedTimes = Record<string, number>;

/** Seeds the layout into a fresh, migrated database. Returns ms per table. */
export async function seedScale(db: Db, kind: DbKind, l: ScaleLayout, now: Date): Promise<SeedTimes> {
  const pg = kind === "postgresql";
  const as = (type: string) => Prisma.raw(pg ? `::"${type}"` : "");
  const at = (d: Date) => (pg ? Prisma.sql`CAST(${d.toISOString()} AS timestamp(3))` : Prisma.sql`${d}`);
  const raw = (n: number) => Prisma.raw(String(n));
  const { communities: C, members: M, recommenders: R, products: P, buys: B, openBuys: O, ordersPerBuy: K, entries: E } = l;
  const perBuy = K / R;
  const t0 = at(new Date(now.getTime() - 60 * 86_400_000));
  const times: SeedTimes = {};
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    times[name] = Math.round(performance.now() - start);
  };

  await timed("communities", async () => {
    await db.$executeRaw`${series(C)} INSERT INTO "Community" ("id", "telegramChatId", "title", "locale", "status", "active", "createdAt", "updatedAt")
      SELECT i + 1, ${raw(CHAT_BASE)} - i, 'Scale co-op ' || CAST(i + 1 AS TEXT), 'en', 'APPROVED'${as("CommunityStatus")}, true, ${t0}, ${t0} FROM n`;
    await db.$executeRaw`${series(C)} INSERT INTO "Producer" ("id", "communityId", "name", "location", "contact", "createdAt") SELECT i + 1, i + 1, 'Farm ' || CAST(i + 1 AS TEXT), 'Chongming', '13800000000', ${t0} FROM n`;
  });
  await timed("members", async () => {
    await db.$executeRaw`${series(C * M)} INSERT INTO "Member" ("id", "telegramId", "firstName", "telegramLanguage", "referralCode", "createdAt", "updatedAt")
      SELECT i + 1, ${raw(TELEGRAM_BASE)} + i + 1, 'Member' || CAST(i + 1 AS TEXT), 'en', 'sc' || CAST(i + 1 AS TEXT), ${t0}, ${t0} FROM n`;
    await db.$executeRaw`${series(C * M)} INSERT INTO "CommunityMember" ("communityId", "memberId", "firstSeenAt", "lastSeenAt") SELECT i / ${raw(M)} + 1, i + 1, ${t0}, ${t0} FROM n`;
    await db.$executeRaw`${series(C)} INSERT INTO "CommunityRole" ("id", "communityId", "memberId", "role", "createdAt") SELECT i + 1, i + 1, i * ${raw(M)} + ${raw(R + 1)}, 'ORGANIZER'${as("Role")}, ${t0} FROM n`;
  });
  await timed("products", async () => {
    await db.$executeRaw`${series(C * P)} INSERT INTO "Product" ("id", "communityId", "recommenderId", "producerId", "status", "createdAt", "updatedAt")
      SELECT i + 1, i / ${raw(P)} + 1, (i / ${raw(P)}) * ${raw(M)} + (i % ${raw(P)}) % ${raw(R)} + 1, i / ${raw(P)} + 1, 'APPROVED'${as("ProductStatus")}, ${t0}, ${t0} FROM n`;
    await db.$executeRaw`${series(C * P)} INSERT INTO "ProductRevision" ("id", "productId", "version", "name", "unit", "story", "tags", "priceFen", "currency", "status", "submittedAt", "reviewedAt")
      SELECT i + 1, i + 1, 1, 'Organic rice ' || CAST(i % ${raw(P)} + 1 AS TEXT), 'bag', 'Grown without pesticides by a family farm.', '', ${raw(PRICE_FEN)}, 'CNY', 'APPROVED'${as("RevisionStatus")}, ${t0}, ${t0} FROM n`;
    await db.$executeRaw`${series(C * P * 4)} INSERT INTO "CostLine" ("id", "revisionId", "position", "label", "amountFen", "kind")
      SELECT i + 1, i / 4 + 1, i % 4, CASE i % 4 WHEN 0 THEN 'Rice' WHEN 1 THEN 'Packaging' WHEN 2 THEN 'Co-op fee' ELSE 'Commission' END,
        CASE i % 4 WHEN 0 THEN 1975 WHEN 1 THEN 200 WHEN 2 THEN 200 ELSE ${raw(COMMISSION_FEN)} END,
        (CASE i % 4 WHEN 0 THEN 'PRODUCER' WHEN 1 THEN 'PACKAGING' WHEN 2 THEN 'COOP_FEE' ELSE 'COMMISSION' END)${as("CostKind")} FROM n`;
    // approved and their cards already in the groups
    await db.$executeRaw`UPDATE "Product" SET "approvedRevisionId" = "id", "cardMessageId" = 20000 + "id"`;
  });
  await timed("buys", async () => {
    // closed this month, evenly from its second hour (Asia/Shanghai) until an hour ago, one buy index at a time
    const monthStart = shanghaiMonthStart(now).getTime() + 3_600_000;
    for (let b = 0; b < B; b++) {
      const open = b >= B - O;
      const closedAt = new Date(monthStart + ((now.getTime() - 3_600_000 - monthStart) * b) / (B - O));
      const deadline = open ? at(new Date(now.getTime() + (7 + (b % 7)) * 86_400_000)) : at(closedAt);
      const closed = open ? Prisma.sql`NULL` : at(closedAt);
      const msg = raw(1000 + b);
      await db.$executeRaw`${series(C)} INSERT INTO "GroupBuy" ("id", "communityId", "productId", "revisionId", "openedById", "recommenderId", "status", "unitPriceFen", "currency",
        "minTotalQty", "totalQty", "orderCount", "deadlineAt", "pickupDetails", "commissionKind", "commissionValue", "closedAt", "closedById",
        "announcementMessageId", "announcementHash", "chartMessageId", "statementMessageId", "statementHash", "progressDoneAt", "createdAt", "updatedAt")
        SELECT i * ${raw(B)} + ${raw(b + 1)}, i + 1, i * ${raw(P)} + ${raw((b % P) + 1)}, i * ${raw(P)} + ${raw((b % P) + 1)}, i * ${raw(M)} + ${raw(R + 1)},
          i * ${raw(M)} + ${raw(((b % P) % R) + 1)}, ${Prisma.raw(open ? "'OPEN'" : "'SUCCEEDED'")}${as("GroupBuyStatus")}, ${raw(PRICE_FEN)}, 'CNY',
          10, ${raw(K)}, ${raw(K)}, ${deadline}, 'Saturday 10:00–12:00 at the community centre', 'PERCENT_BP'${as("CommissionKind")}, ${raw(COMMISSION_BP)}, ${closed},
          ${open ? Prisma.sql`NULL` : Prisma.sql`i * ${raw(M)} + ${raw(R + 1)}`}, ${msg}, 'seeded', ${raw(3000 + b)},
          ${open ? Prisma.sql`NULL` : msg}, ${open ? Prisma.sql`NULL` : Prisma.sql`'seeded'`}, ${closed}, ${t0}, ${t0} FROM n`;
    }
  });
  // the busy member (k = 0) orders in every buy; the others take turns, one order per member per buy
  const spread = M - R - 2;
  await timed("orders", async () => {
    for (let c = 0; c < C; c++) {
      await db.$executeRaw`${series(B * K)}, x AS (SELECT i, i / ${raw(K)} AS b, i % ${raw(K)} AS k FROM n)
        INSERT INTO "Order" ("id", "groupBuyId", "memberId", "position", "quantity", "status", "unitPriceFen", "amountFen", "revisionId", "commissionKind", "commissionValue",
          "referrerId", "attribution", "paymentStatus", "createdAt", "updatedAt")
        SELECT ${raw(c * B * K)} + i + 1, ${raw(c * B)} + b + 1,
          ${raw(c * M + 1)} + CASE WHEN k = 0 THEN ${raw(R + 1)} ELSE ${raw(R + 2)} + (b * 7 + k - 1) % ${raw(spread)} END,
          k + 1, 1, 'ACTIVE'${as("OrderStatus")}, ${raw(PRICE_FEN)}, ${raw(PRICE_FEN)}, ${raw(c * P + 1)} + b % ${raw(P)}, 'PERCENT_BP'${as("CommissionKind")}, ${raw(COMMISSION_BP)},
          ${raw(c * M + 1)} + k % ${raw(R)}, 'LINK'${as("AttributionSource")},
          (CASE WHEN b < ${raw(B - O)} AND k % 2 = 0 THEN 'PAID' ELSE 'UNPAID' END)${as("PaymentStatus")}, ${t0}, ${t0} FROM x`;
    }
  });
  // entry j of recommender r: a payout when j mod 10 = 9, else accrual a = 9·(j div 10) + j mod 10, of the a-th order they brought
  await timed("ledger", async () => {
    for (let c = 0; c < C && E > 0; c++) {
      await db.$executeRaw`${series(R * E)},
        x AS (SELECT i, i / ${raw(E)} AS r, i % ${raw(E)} AS j, i % ${raw(E)} % 10 AS pos FROM n),
        y AS (SELECT i, r, j, pos, (j / 10) * 9 + CASE WHEN pos < 9 THEN pos ELSE 8 END AS a FROM x),
        z AS (SELECT i, r, j, pos, a / ${raw(perBuy)} AS b, (a % ${raw(perBuy)}) * ${raw(R)} + r AS k FROM y)
        INSERT INTO "LedgerEntry" ("id", "communityId", "recommenderId", "seq", "kind", "amountFen", "balanceFen", "paidToDateFen", "orderId", "groupBuyId", "createdById", "memo", "idempotencyKey", "createdAt")
        SELECT ${raw(c * R * E)} + i + 1, ${raw(c + 1)}, ${raw(c * M + 1)} + r, j + 1,
          (CASE WHEN pos < 9 THEN 'ACCRUAL' ELSE 'PAYOUT' END)${as("LedgerKind")},
          CASE WHEN pos < 9 THEN ${raw(COMMISSION_FEN)} ELSE ${raw(-PAYOUT_FEN)} END,
          ((j + 1) - (j + 1) / 10) * ${raw(COMMISSION_FEN)} - ((j + 1) / 10) * ${raw(PAYOUT_FEN)},
          -((j + 1) / 10) * ${raw(PAYOUT_FEN)},
          CASE WHEN pos < 9 THEN ${raw(c * B)} * ${raw(K)} + b * ${raw(K)} + k + 1 END,
          CASE WHEN pos < 9 THEN ${raw(c * B)} + b + 1 END,
          CASE WHEN pos = 9 THEN ${raw(organizerOf(l, c))} END,
          CASE WHEN pos = 9 THEN 'WeChat transfer' END,
          CASE WHEN pos < 9 THEN 'accrual:' || CAST(${raw(c * B)} * ${raw(K)} + b * ${raw(K)} + k + 1 AS TEXT) ELSE 'scale:payout:' || CAST(${raw(c * R * E)} + i + 1 AS TEXT) END,
          g."closedAt"
        FROM z JOIN "GroupBuy" g ON g."id" = ${raw(c * B)} + b + 1`;
    }
  });
  await timed("finish", async () => {
    if (pg) {
      for (const table of ["Community", "Producer", "Member", "CommunityRole", "Product", "ProductRevision", "CostLine", "GroupBuy", "Order", "LedgerEntry"]) {
        await db.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`);
      }
      await db.$executeRawUnsafe("ANALYZE");
    }
  });
  return times;
}

/** The first instant of `now`'s month in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiMonthStart(now: Date): Date {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 8 * 3_600_000);
}
