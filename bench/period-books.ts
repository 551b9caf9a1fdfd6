// /books for a month: 100 buys closed in it, 100,000 orders, summed by the
// use-case the command calls (periodBooks: grouped queries, the pure
// statement). Seeded in bulk; the figures are the use-case's wall time and
// the RSS the call adds to the process (sampled every 5 ms), beside the targets;
// and the same call in a fresh process (as the bot is), whose peak RSS is its own.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../src/db/client";
import { newReferralCode } from "../src/db/members";
import { createBreakdown } from "../src/db/breakdowns";
import { periodBooks } from "../src/features/period-books/use-cases";
import { freshDatabase } from "./lib/database";
import { round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";

const PRICE = 1_000; // producer 700, co-op fee 200, commission 100
const CHUNK = 2_000;
const PERIOD = { year: 2026, month: 11 };

async function seed(url: string, buys: number, perBuy: number) {
  const { db, close } = await openDatabase(url);
  try {
    const community = await db.community.create({ data: { telegramChatId: -100_777n, title: "Bench co-op", status: "APPROVED", active: true } });
    await db.member.createMany({ data: Array.from({ length: perBuy }, (_, i) => ({ telegramId: BigInt(7_000_000 + i), firstName: `M${i}`, referralCode: newReferralCode() })) });
    const members = (await db.member.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((m) => m.id);
    const recommender = members[0]!;
    const producer = await db.producer.create({ data: { communityId: community.id, name: "Farm", location: "x", contact: "x" } });
    const product = await db.product.create({ data: { communityId: community.id, recommenderId: recommender, producerId: producer.id, status: "APPROVED" } });
    const revision = await db.productRevision.create({ data: { productId: product.id, version: 1, name: "Rice", unit: "bag", story: "", tags: "", priceFen: PRICE, currency: "CNY", status: "APPROVED" } });
    const closedAt = new Date("2026-11-15T04:00:00Z");
    let refunded = 0;
    for (let b = 0; b < buys; b++) {
      const breakdownId = await createBreakdown(db, {
        priceFen: PRICE, currency: "CNY",
        lines: [{ label: "Rice", kind: "PRODUCER", amountFen: 700 }, { label: "Co-op fee", kind: "COOP_FEE", amountFen: 200 }, { label: "Commission", kind: "COMMISSION", amountFen: 100 }],
      });
      const buy = await db.groupBuy.create({
        data: {
          communityId: community.id, productId: product.id, revisionId: revision.id, openedById: recommender, recommenderId: recommender, status: "SUCCEEDED",
          unitPriceFen: PRICE, currency: "CNY", deadlineAt: closedAt, closedAt, pickupDetails: "x", commissionKind: "FIXED_PER_UNIT", commissionValue: 100, breakdownId,
        },
      });
      const rows = members.map((memberId, i) => {
        const refund = i % 20 === 0;
        if (refund) refunded++;
        return {
          groupBuyId: buy.id, memberId, position: i + 1, quantity: 1, status: refund ? ("REFUNDED" as const) : ("ACTIVE" as const), unitPriceFen: PRICE, amountFen: PRICE,
          revisionId: revision.id, commissionKind: "FIXED_PER_UNIT" as const, commissionValue: 100, referrerId: recommender, attribution: "PRODUCT" as const,
          paymentStatus: refund ? ("REFUNDED" as const) : i % 2 === 0 ? ("PAID" as const) : ("UNPAID" as const), breakdownId,
        };
      });
      for (let i = 0; i < rows.length; i += CHUNK) await db.order.createMany({ data: rows.slice(i, i + CHUNK) });
      const standing = rows.filter((r) => r.status === "ACTIVE").length;
      await db.ledgerEntry.create({ data: { communityId: community.id, recommenderId: recommender, seq: b + 1, kind: "ACCRUAL", amountFen: standing * 100, balanceFen: (b + 1) * standing * 100, groupBuyId: buy.id, idempotencyKey: `bench:${b}`, createdAt: closedAt } });
    }
    return { communityId: community.id, refunded, standing: buys * perBuy - refunded };
  } finally {
    await close();
  }
}

/** periodBooks in a fresh process (bench/lib/period-books-worker.ts): median of `runs`, its idle and peak RSS (VmHWM). */
function inFreshProcess(url: string, communityId: number, runs: number): { medianMs: number; idleMb: number; peakMb: number } {
  const worker = fileURLToPath(new URL("./lib/period-books-worker.ts", import.meta.url));
  const out = execFileSync(process.execPath, ["--import", "tsx", worker, url, String(communityId), String(PERIOD.year), String(PERIOD.month), String(runs)], { encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").at(-1)!) as { ms: number[]; idleMb: number; peakMb: number };
  return { medianMs: [...r.ms].sort((a, b) => a - b)[Math.floor(r.ms.length / 2)]!, idleMb: r.idleMb, peakMb: r.peakMb };
}

async function periodBooksBench({ db, quick }: BenchOptions): Promise<BenchResult> {
  const buys = quick ? 10 : 100;
  const perBuy = quick ? 100 : 1_000;
  const database = await freshDatabase(db);
  try {
    const seeded = await seed(database.url, buys, perBuy);
    const { db: client, close } = await openDatabase(database.url);
    try {
      await periodBooks(client, seeded.communityId, "Asia/Shanghai", { year: 2026, month: 10 }); // warm the connection, not the data
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const idleMb = peak / 1024 / 1024;
      const started = performance.now();
      const books = await periodBooks(client, seeded.communityId, "Asia/Shanghai", PERIOD);
      const ms = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const s = books.total;
      const fresh = inFreshProcess(database.url, seeded.communityId, 5);
      return {
        bench: "period-books",
        db,
        params: { buys, orders: buys * perBuy },
        figures: [
          below("/books month (the use-case)", round(ms, 0), "ms", 2000),
          // the seeding ran in this process and left its RSS: what the call itself adds is its footprint
          below("RSS added while it runs (peak − before)", round(peak / 1024 / 1024 - idleMb), "MB", 300),
          plain("process peak RSS (with the seeding's)", round(peak / 1024 / 1024), "MB"),
          plain("in a fresh process: /books month, median of 5", round(fresh.medianMs, 0), "ms"),
          plain("in a fresh process: RSS connected, before", round(fresh.idleMb), "MB"),
          below("in a fresh process: peak RSS (VmHWM)", round(fresh.peakMb), "MB", 300),
        ],
        checks: [
          { name: "every buy counted", ok: books.buyCount === buys, detail: String(books.buyCount) },
          { name: "standing orders and revenue", ok: s.orderCount === seeded.standing && s.revenueFen === seeded.standing * PRICE, detail: `${s.orderCount} / ${s.revenueFen}` },
          { name: "fee income = 2.00 × units", ok: books.feeIncomeFen === seeded.standing * 200, detail: String(books.feeIncomeFen) },
          { name: "commissions accrued", ok: books.commissionsAccruedFen === seeded.standing * 100, detail: String(books.commissionsAccruedFen) },
          { name: "refunds", ok: s.refunds.count === seeded.refunded, detail: String(s.refunds.count) },
          { name: "parts add up to the revenue", ok: s.balanced },
        ],
      };
    } finally {
      await close();
    }
  } finally {
    await database.cleanup();
  }
}

export const periodBooksBenchmark: Benchmark = {
  name: "period-books",
  description: "/books for a month of 100 buys and 100,000 orders (the use-case): wall time and peak RSS",
  run: async (options) => [await periodBooksBench(options)],
};
