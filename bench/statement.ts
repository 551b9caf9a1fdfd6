import { openDatabase } from "../src/db/client";
import { Ledger } from "../src/db/ledger";
import { statementData } from "../src/db/statements";
import { reconcileInput } from "../src/db/reconciliation";
import { reconcileBuy } from "../src/domain/reconciliation";
import { settle } from "../src/domain/statement";
import { createI18n } from "../src/bot/i18n";
import { systemClock } from "../src/clock";
import { statementText } from "../src/features/books/statement-view";
import { viewEnvFor } from "../src/views/env";
import { seedBigBuy } from "../test/helpers/big-buy";
import { freshDatabase } from "./lib/database";
import { round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark } from "./lib/types";

const RUNS = 7;

/**
 * The settlement statement of a closed buy of 10,000 orders: read (orders
 * summed in the database, the ledger's commissions per recommender), settled
 * and rendered, as /books and the statement job do it; and the buy's
 * reconciliation (every order's accrual checked against its snapshot).
 * Median of 7 runs after one warm-up; the worst is shown too.
 */
async function statementAtSize(options: BenchOptions, orders: number): Promise<BenchResult> {
  const database = await freshDatabase(options.db);
  try {
    const seeded = await seedBigBuy(database.url, { orders });
    const { db, close } = await openDatabase(database.url);
    try {
      // closed as the bot closes it: SUCCEEDED, its orders' commissions accrued
      await db.groupBuy.update({ where: { id: seeded.buyId }, data: { status: "SUCCEEDED", closedAt: new Date() } });
      const ledger = new Ledger(db, systemClock);
      await db.$transaction((tx) => ledger.accrueBuy(tx, seeded.buyId), { timeout: 120_000 });
      const i18n = createI18n("zh");
      const env = viewEnvFor(i18n, "zh", new Date(), "letscoop_bench_bot");

      const statementMs: number[] = [];
      const reconcileMs: number[] = [];
      let text = "";
      let balanced = false;
      let revenue = 0;
      let problems = -1;
      for (let run = 0; run <= RUNS; run++) {
        const t0 = performance.now();
        const data = (await statementData(db, seeded.buyId))!;
        const s = settle(data.input);
        text = statementText(data, s, env);
        const t1 = performance.now();
        const input = (await reconcileInput(db, seeded.buyId))!;
        problems = reconcileBuy(input).length;
        const t2 = performance.now();
        balanced = s.balanced;
        revenue = s.revenueFen;
        if (run === 0) continue; // warm-up
        statementMs.push(t1 - t0);
        reconcileMs.push(t2 - t1);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      return {
        bench: "statement",
        db: options.db,
        params: { orders },
        figures: [
          below("statement (read, settle, render), median", round(median(statementMs)), "ms", 1000),
          plain("statement, worst of 7", round(Math.max(...statementMs)), "ms"),
          plain("reconciliation of the buy, median", round(median(reconcileMs)), "ms"),
        ],
        checks: [
          { name: "statement balances (parts = revenue)", ok: balanced },
          { name: "revenue = the orders' amounts", ok: revenue === seeded.amountFen, detail: `${revenue} vs ${seeded.amountFen}` },
          { name: "reconciliation holds", ok: problems === 0, detail: `${problems} discrepancies` },
          { name: "within Telegram's 4,096 characters", ok: text.length <= 4096 },
        ],
      };
    } finally {
      await close();
    }
  } finally {
    await database.cleanup();
  }
}

export const statementBenchmark: Benchmark = {
  name: "statement",
  description: "the settlement statement (and reconciliation) of a closed 10,000-order buy",
  run: async (options) => [await statementAtSize(options, options.quick ? 200 : 10_000)],
};
