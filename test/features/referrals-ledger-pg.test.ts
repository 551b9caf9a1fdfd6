import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenDatabase } from "../../src/db/client";
import { migrateDatabase } from "../../src/db/migrate";
import { Ledger } from "../../src/db/ledger";
import { ManualClock } from "../../src/clock";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct } from "../helpers/ledger-fixtures";
import { user } from "../fake-telegram/updates";
import { postgresReachable, testPostgresUrl, throwawayPostgresDatabase } from "../helpers/postgres";

/** Skipped only if the test PostgreSQL server is unreachable. */
const available = await postgresReachable(testPostgresUrl());

describe.skipIf(!available)("the ledger on PostgreSQL, with concurrent writers", () => {
  let throwaway: { url: string; drop(): Promise<void> };
  let database: OpenDatabase;
  const clock = new ManualClock();
  let chat = -300_000;

  beforeAll(async () => {
    throwaway = await throwawayPostgresDatabase("letscoop_ledger");
    await migrateDatabase(throwaway.url);
    database = await openDatabase(throwaway.url);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await throwaway?.drop();
  });

  /** A recommender with `balance` fen earned from one succeeded buy. */
  async function earner(balance: number) {
    const db = database.db;
    const community = await fxCommunity(db, { chatId: --chat });
    const rec = await fxMember(db, user({ first_name: "Rita" }), community.id);
    const buyer = await fxMember(db, user({ first_name: "Ben" }), community.id);
    const product = await fxProduct(db, { communityId: community.id, recommenderId: rec.id, priceFen: 100 });
    const buy = await fxBuy(db, { product, openedById: rec.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: new Date(Date.now() + 3600_000) });
    await fxOrder(db, { groupBuyId: buy.id, memberId: buyer.id, quantity: balance / 100 });
    await db.$transaction(async (tx) => {
      await tx.groupBuy.update({ where: { id: buy.id }, data: { status: "SUCCEEDED" } });
      await new Ledger(db, clock).accrueBuy(tx, buy.id);
    });
    return { community, rec, buyer, product };
  }

  it("lets one of two simultaneous payouts of the whole balance through", async () => {
    const { community, rec } = await earner(500);
    const ledger = new Ledger(database.db, clock);
    const input = { communityId: community.id, recommenderId: rec.id, createdById: rec.id, amountFen: 500 };
    const results = await Promise.all([ledger.payout({ ...input, idempotencyKey: `pg-a-${chat}` }), ledger.payout({ ...input, idempotencyKey: `pg-b-${chat}` })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await ledger.verify(community.id)).toEqual([]);
  });

  it("relies on the unique seq alone when writers don't queue: conflicts are re-read and re-checked", async () => {
    const { community, rec } = await earner(300);
    let conflicts = 0;
    const ledger = new Ledger(database.db, clock, { lockRecommender: false, maxAttempts: 10, onConflict: () => conflicts++ });
    const input = { communityId: community.id, recommenderId: rec.id, createdById: rec.id, amountFen: 100 };
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => ledger.payout({ ...input, idempotencyKey: `pg-seq-${chat}-${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "exceeds-balance")).toBe(true);
    expect(conflicts).toBeGreaterThan(0); // the seq really was contested
    expect(await new Ledger(database.db, clock).balanceOf(community.id, rec.id)).toBe(0);
    expect(await ledger.verify(community.id)).toEqual([]);
  });

  it("an accrual inside a buy's close waits for a concurrent payout instead of failing the close", async () => {
    const { community, rec, buyer, product } = await earner(200);
    const db = database.db;
    const buy = await fxBuy(db, { product, openedById: rec.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: new Date(Date.now() + 3600_000) });
    await fxOrder(db, { groupBuyId: buy.id, memberId: buyer.id, quantity: 1 });
    const ledger = new Ledger(db, clock);
    const close = db.$transaction(async (tx) => {
      await tx.groupBuy.update({ where: { id: buy.id }, data: { status: "SUCCEEDED" } });
      return ledger.accrueBuy(tx, buy.id);
    });
    const pay = ledger.payout({ communityId: community.id, recommenderId: rec.id, createdById: rec.id, amountFen: 200, idempotencyKey: `pg-close-${chat}` });
    const [closed, paid] = await Promise.all([close, pay]);
    expect(closed).toHaveLength(1);
    expect(paid.ok).toBe(true);
    expect(await ledger.balanceOf(community.id, rec.id)).toBe(100);
    expect(await ledger.verify(community.id)).toEqual([]);
  });
});
