import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase, type Db } from "../src/db/client";
import type { Config } from "../src/config";
import { catalogDocument, ordersDocument } from "../src/features/open-data/dfc-documents";
import { seedBigBuy } from "../test/helpers/big-buy";
import { freshDatabase } from "./lib/database";
import { round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";

const BASE = "https://coop.example";
const RUNS = 5;

/** 199 more approved products beside the big buy's, each with a four-line breakdown: a catalogue of 200. */
async function seedCatalogue(db: Db, communityId: number, products: number): Promise<void> {
  const producer = await db.producer.create({ data: { communityId, name: "云南高山茶园", location: "普洱", contact: "13900000000" } });
  const recommender = await db.member.findFirstOrThrow({ select: { id: true } });
  for (let i = 1; i < products; i++) {
    const product = await db.product.create({ data: { communityId, recommenderId: recommender.id, producerId: producer.id, status: "APPROVED" } });
    const lines = [["茶叶", 3000 + i, "PRODUCER"], ["包装", 300, "PACKAGING"], ["物流", 450, "LOGISTICS"], ["合作社", 250, "COOP_FEE"]] as const;
    const revision = await db.productRevision.create({
      data: {
        productId: product.id, version: 1, name: `普洱茶 ${i}`, unit: i % 2 ? "斤" : "盒", story: "高山生态茶园，手工采摘。".repeat(8), tags: "",
        priceFen: lines.reduce((s, l) => s + l[1], 0), currency: "CNY", status: "APPROVED", reviewedAt: new Date(),
        costLines: { create: lines.map(([label, amountFen, kind], position) => ({ label, amountFen, kind, position })) },
      },
    });
    await db.product.update({ where: { id: product.id }, data: { approvedRevisionId: revision.id } });
  }
  await db.community.update({ where: { id: communityId }, data: { publicPage: true } });
}

/** Reads a streamed document to the end as a server writes it out: bytes counted, nothing kept. */
async function drain(doc: AsyncIterable<string> | undefined): Promise<{ bytes: number; chunks: number }> {
  let bytes = 0;
  let chunks = 0;
  for await (const chunk of doc ?? []) {
    bytes += Buffer.byteLength(chunk);
    chunks++;
  }
  return { bytes, chunks };
}

async function text(doc: AsyncIterable<string> | undefined): Promise<string> {
  let all = "";
  for await (const chunk of doc ?? []) all += chunk;
  return all;
}

/** Both documents drained in a fresh process (bench/lib/dfc-worker.ts): median of `runs`, its idle and peak RSS (VmHWM). */
function inFreshProcess(url: string, communityId: number, buyId: number, runs: number): { medianMs: number; idleMb: number; peakMb: number } {
  const worker = fileURLToPath(new URL("./lib/dfc-worker.ts", import.meta.url));
  const out = execFileSync(process.execPath, ["--import", "tsx", worker, url, String(communityId), String(buyId), String(runs)], { encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").at(-1)!) as { ms: number[]; idleMb: number; peakMb: number };
  return { medianMs: median(r.ms), idleMb: r.idleMb, peakMb: r.peakMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => round(bytes / 1024 / 1024);

/**
 * The DFC JSON-LD of a community of 200 approved products (the catalogue) and
 * of a 10,000-order buy (its orders, read in pages of 500 and streamed), as the
 * web server serves them: drained chunk by chunk, in-process. Median of 5 after
 * a warm-up; the orders' RSS is sampled every 5 ms during one more run.
 */
async function dfcAtSize(options: BenchOptions, orders: number, products: number): Promise<BenchResult> {
  const database = await freshDatabase(options.db);
  try {
    const seeded = await seedBigBuy(database.url, { orders });
    const { db, close } = await openDatabase(database.url);
    try {
      await seedCatalogue(db, seeded.communityId, products);
      const services = { db, config: { botToken: "bench:token" } as Config };
      const catalogMs: number[] = [];
      const ordersMs: number[] = [];
      let ordersBytes = 0;
      let ordersChunks = 0;
      for (let run = 0; run <= RUNS; run++) {
        const t0 = performance.now();
        await drain(await catalogDocument(services, seeded.communityId, BASE));
        const t1 = performance.now();
        ({ bytes: ordersBytes, chunks: ordersChunks } = await drain(await ordersDocument(services, seeded.communityId, seeded.buyId, BASE)));
        const t2 = performance.now();
        if (run === 0) continue; // warm-up
        catalogMs.push(t1 - t0);
        ordersMs.push(t2 - t1);
      }
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      await drain(await ordersDocument(services, seeded.communityId, seeded.buyId, BASE));
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);

      // checked apart from the timed runs (this holds the whole text)
      const catalog = JSON.parse(await text(await catalogDocument(services, seeded.communityId, BASE))) as { "@graph": { "@type": string }[] };
      const doc = JSON.parse(await text(await ordersDocument(services, seeded.communityId, seeded.buyId, BASE))) as { "@graph": { "@type": string; "dfc-b:quantity"?: number }[] };
      const orderNodes = doc["@graph"].filter((n) => n["@type"] === "dfc-b:Order").length;
      const quantity = doc["@graph"].reduce((s, n) => s + (n["@type"] === "dfc-b:OrderLine" ? n["dfc-b:quantity"]! : 0), 0);
      const fresh = inFreshProcess(database.url, seeded.communityId, seeded.buyId, RUNS);
      const suppliedProducts = catalog["@graph"].filter((n) => n["@type"] === "dfc-b:SuppliedProduct").length;
      return {
        bench: "dfc",
        db: options.db,
        params: { orders, products },
        figures: [
          below("catalogue document, median", round(median(catalogMs)), "ms", 2000),
          below("orders document, streamed, median", round(median(ordersMs)), "ms", 2000),
          plain("orders document, worst of 5", round(Math.max(...ordersMs)), "ms"),
          plain("orders document size", mb(ordersBytes), "MB"),
          plain("orders document chunks", ordersChunks, ""),
          below("RSS added while streaming (peak − before)", mb(peak - before), "MB", 300),
          plain("process peak RSS (with the seeding's)", mb(peak), "MB"),
          below("fresh process: both documents, median", round(fresh.medianMs), "ms", 2000),
          plain("fresh process: RSS connected, before", round(fresh.idleMb), "MB"),
          below("fresh process: peak RSS (VmHWM)", round(fresh.peakMb), "MB", 300),
        ],
        checks: [
          { name: "every order in the document", ok: orderNodes === orders, detail: String(orderNodes) },
          { name: "quantities add up to the buy's", ok: quantity === seeded.totalQty, detail: `${quantity} vs ${seeded.totalQty}` },
          { name: "every approved product in the catalogue", ok: suppliedProducts === products, detail: String(suppliedProducts) },
        ],
      };
    } finally {
      await close();
    }
  } finally {
    await database.cleanup();
  }
}

export const dfcBenchmark: Benchmark = {
  name: "dfc",
  description: "DFC JSON-LD: a 200-product catalogue and a 10,000-order buy's orders, streamed",
  run: async (options) => [await dfcAtSize(options, options.quick ? 300 : 10_000, options.quick ? 20 : 200)],
};
