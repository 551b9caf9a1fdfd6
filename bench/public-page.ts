// The public open-books page under load (issue 18): a community with 200
// approved products (five cost lines each), open buys and closed ones with
// their statements; the real bot started as `npm start` does, in polling mode
// with WEB_PORT, and autocannon (its own process, so the load tool doesn't
// share the server's event loop) keeping 100 connections busy on loopback.
// Clients ask for gzip, as every browser does.
// Every client is 127.0.0.1, so the per-IP limit is off (WEB_RATE_LIMIT=0);
// the figure is the page as served: rendered again at most every 15 s, readers getting the last rendering meanwhile.
import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { FakeTelegram } from "../test/fake-telegram/server";
import { openDatabase } from "../src/db/client";
import { newReferralCode } from "../src/db/members";
import { createBreakdown } from "../src/db/breakdowns";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import { round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";
import { TOKEN } from "./footprint";

const LINES = [
  { label: "大米", kind: "PRODUCER", amountFen: 1_800 },
  { label: "包装", kind: "PACKAGING", amountFen: 200 },
  { label: "物流", kind: "LOGISTICS", amountFen: 300 },
  { label: "合作社服务费", kind: "COOP_FEE", amountFen: 100 },
  { label: "推介佣金", kind: "COMMISSION", amountFen: 100 },
] as const;
const PRICE = LINES.reduce((s, l) => s + l.amountFen, 0);

export async function seedPublicPage(url: string, products: number, closedBuys: number, ordersPerBuy: number) {
  const { db, close } = await openDatabase(url);
  try {
    const community = await db.community.create({ data: { telegramChatId: -100_888n, title: "压测合作社", status: "APPROVED", active: true, publicPage: true } });
    await db.member.createMany({ data: Array.from({ length: ordersPerBuy }, (_, i) => ({ telegramId: BigInt(8_000_000 + i), firstName: `M${i}`, referralCode: newReferralCode() })) });
    const members = (await db.member.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((m) => m.id);
    const recommender = members[0]!;
    const producer = await db.producer.create({ data: { communityId: community.id, name: "阳光农场", location: "崇明", contact: "x" } });
    const revisions: { productId: number; revisionId: number }[] = [];
    for (let p = 0; p < products; p++) {
      const product = await db.product.create({ data: { communityId: community.id, recommenderId: recommender, producerId: producer.id, status: "APPROVED" } });
      const revision = await db.productRevision.create({
        data: {
          productId: product.id, version: 1, name: `有机大米 ${p + 1} 号`, unit: "袋", story: "一个家庭农场种的，不用农药。每一袋都从田里直接送到社区。", tags: "ecological_farming,fair_trade",
          priceFen: PRICE, currency: "CNY", status: "APPROVED", reviewedAt: new Date(), costLines: { create: LINES.map((l, position) => ({ ...l, position })) },
        },
      });
      await db.product.update({ where: { id: product.id }, data: { approvedRevisionId: revision.id } });
      revisions.push({ productId: product.id, revisionId: revision.id });
    }
    const now = Date.now();
    for (let b = 0; b < closedBuys + 5; b++) {
      const open = b >= closedBuys;
      const { productId, revisionId } = revisions[b % revisions.length]!;
      const breakdownId = await createBreakdown(db, { priceFen: PRICE, currency: "CNY", lines: LINES.map((l) => ({ ...l })) });
      const buy = await db.groupBuy.create({
        data: {
          communityId: community.id, productId, revisionId, openedById: recommender, recommenderId: recommender, status: open ? "OPEN" : "SUCCEEDED", unitPriceFen: PRICE, currency: "CNY",
          deadlineAt: new Date(now + (open ? 86_400_000 : -86_400_000)), closedAt: open ? null : new Date(now - 3_600_000 * (b + 1)), pickupDetails: "x",
          commissionKind: "FIXED_PER_UNIT", commissionValue: 100, breakdownId, totalQty: ordersPerBuy, orderCount: ordersPerBuy,
        },
      });
      await db.order.createMany({
        data: members.map((memberId, i) => ({
          groupBuyId: buy.id, memberId, position: i + 1, quantity: 1, unitPriceFen: PRICE, amountFen: PRICE, revisionId, commissionKind: "FIXED_PER_UNIT" as const, commissionValue: 100,
          referrerId: recommender, attribution: "PRODUCT" as const, paymentStatus: i % 2 === 0 ? ("PAID" as const) : ("UNPAID" as const), breakdownId,
        })),
      });
    }
    return community.id;
  } finally {
    await close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPage(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`no page at ${url} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Autocannon = { latency: { p50: number; p99: number; max: number }; requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number };

async function autocannon(url: string, connections: number, seconds: number): Promise<Autocannon> {
  const bin = join(import.meta.dirname, "..", "node_modules", ".bin", "autocannon");
  const { stdout } = await promisify(execFile)(bin, ["-c", String(connections), "-d", String(seconds), "-H", "accept-encoding=gzip, deflate, br", "-j", url], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Autocannon;
}

async function publicPageBench({ db, quick }: BenchOptions): Promise<BenchResult> {
  const products = quick ? 20 : 200;
  const connections = quick ? 20 : 100;
  const seconds = quick ? 2 : 10;
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN });
  const apiRoot = await fake.start();
  try {
    const communityId = await seedPublicPage(database.url, products, 20, quick ? 20 : 100);
    const port = await freePort();
    const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url, WEB_PORT: String(port), HOST: "127.0.0.1", WEB_RATE_LIMIT: "0" });
    try {
      const url = `http://127.0.0.1:${port}/c/${communityId}`;
      await waitForPage(`http://127.0.0.1:${port}/healthz`);
      // the first read renders: the page's cost when nothing is cached
      const started = performance.now();
      const first = await fetch(url);
      const page = await first.text();
      const coldMs = performance.now() - started;
      const run = await autocannon(url, connections, seconds);
      return {
        bench: "public-page",
        db,
        params: { products, connections, seconds, page_kb: Math.round(Buffer.byteLength(page) / 1024), gzip_kb: Math.round(gzipSync(page).length / 1024) },
        figures: [
          below("p99 at load", run.latency.p99, "ms", 50),
          plain("p50 at load", run.latency.p50, "ms"),
          plain("max at load", run.latency.max, "ms"),
          plain("requests/s", round(run.requests.average, 0), ""),
          plain("first render (cold)", round(coldMs), "ms"),
        ],
        checks: [
          { name: "the page lists every product", ok: first.status === 200 && (page.match(/<article /g) ?? []).length === products, detail: `${(page.match(/<article /g) ?? []).length} of ${products}` },
          { name: "every answer 200, no error or timeout", ok: run.non2xx === 0 && run.errors === 0 && run.timeouts === 0, detail: `${run.requests.total} requests, ${run.non2xx} not 2xx, ${run.errors} errors, ${run.timeouts} timeouts` },
          { name: "the bot stops cleanly after the load", ok: (await bot.stop()) === 0 },
        ],
      };
    } finally {
      if (bot.child.exitCode === null) await bot.stop();
    }
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}

export const publicPageBenchmark: Benchmark = {
  name: "public-page",
  description: "the public open-books page of a 200-product community: p99 at 100 concurrent clients (autocannon, loopback)",
  run: async (options) => [await publicPageBench(options)],
};
