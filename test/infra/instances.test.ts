import { until } from "../helpers/bot-process";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { BOT_USERNAME, createHarness, TEST_TOKEN } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { createApprovedProduct, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { createGroupBuyModule } from "../../src/features/group-buy/module";
import { freshTestDatabase } from "../helpers/test-database";
import { parseConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { ManualClock } from "../../src/clock";
import { openDatabase, type Db } from "../../src/db/client";
import { createBot } from "../../src/bot/create-bot";
import { Scheduler, type ScheduledJob } from "../../src/services/scheduler";
import { databaseClock } from "../../src/db/job-leases";

// Several instances of the bot on one database (PostgreSQL in production;
// these run on the suite's database, so on both).

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `count` connections to one fresh database, as separate instances would have. */
async function sharedDatabase(count: number): Promise<Db[]> {
  const database = await freshTestDatabase();
  cleanups.push(() => database.cleanup());
  const dbs: Db[] = [];
  for (let i = 0; i < count; i++) {
    const opened = await openDatabase(database.url);
    cleanups.push(() => opened.close());
    dbs.push(opened.db);
  }
  return dbs;
}

const logs: string[] = [];
const logger = createLogger("info", { write: (l) => logs.push(l) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counting(name: string, runs: string[], who: string, extra: Partial<ScheduledJob> = {}): ScheduledJob {
  return { name, run: async () => void runs.push(who), ...extra };
}

describe("scheduled jobs with two instances", () => {
  it("two bots on one database: a job runs on exactly one of them, whatever their clocks say", async () => {
    const fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME });
    const apiRoot = await fake.start();
    cleanups.push(() => fake.stop());
    const [dbA, dbB] = await sharedDatabase(2);
    const config = parseConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: "file:./unused.db" });
    // their business clocks disagree by three hours: leases don't use them
    const a = createBot({ config, db: dbA!, clock: new ManualClock(new Date("2026-12-01T04:00:00Z")), logger });
    const b = createBot({ config, db: dbB!, clock: new ManualClock(new Date("2026-12-01T07:00:00Z")), logger });
    cleanups.push(() => a.services.scheduler.stop(), () => b.services.scheduler.stop());
    const runs: string[] = [];
    a.services.scheduler.register(counting("count", runs, "A"));
    b.services.scheduler.register(counting("count", runs, "B"));

    // one after the other (the one whose clock is behind first), then at once
    await a.services.scheduler.tick();
    await b.services.scheduler.tick();
    for (let round = 0; round < 8; round++) {
      await Promise.all(round % 2 ? [a.services.scheduler.tick(), b.services.scheduler.tick()] : [b.services.scheduler.tick(), a.services.scheduler.tick()]);
    }
    expect(runs).toEqual(Array(9).fill("A")); // its first tick and eight rounds

    // A stops (a deploy): B takes over at its next tick
    await a.services.scheduler.stop();
    runs.length = 0;
    await b.services.scheduler.tick();
    expect(runs).toEqual(["B"]);
  });

  it("a crashed holder's jobs are taken over once its lease has expired, not before", async () => {
    const [dbA, dbB] = await sharedDatabase(2);
    const a = new Scheduler(dbA!, new ManualClock(), logger, { leaseMs: 800 });
    const b = new Scheduler(dbB!, new ManualClock(), logger, { leaseMs: 800 });
    cleanups.push(() => b.stop());
    const runs: string[] = [];
    a.register(counting("count", runs, "A"));
    b.register(counting("count", runs, "B"));
    await a.tick();
    const { expiresAt } = await dbB!.jobLease.findUniqueOrThrow({ where: { name: "count" } });
    // A dies without releasing anything; B keeps ticking
    const leaseClock = databaseClock(dbB!);
    let takenOverAt: number | undefined;
    for (let i = 0; i < 200 && takenOverAt === undefined; i++) {
      await b.tick();
      if (runs.includes("B")) takenOverAt = await leaseClock();
      else await sleep(20);
    }
    expect(runs).toEqual(["A", "B"]);
    expect(takenOverAt).toBeGreaterThanOrEqual(expiresAt.getTime());
  });

  it("a job that runs longer than the lease keeps it, renewing it as it goes", async () => {
    const [dbA, dbB] = await sharedDatabase(2);
    const a = new Scheduler(dbA!, new ManualClock(), logger, { leaseMs: 300 });
    const b = new Scheduler(dbB!, new ManualClock(), logger, { leaseMs: 300 });
    cleanups.push(() => a.stop(), () => b.stop());
    const runs: string[] = [];
    let aborted = false;
    a.register({
      name: "slow",
      run: async (signal) => {
        runs.push("A");
        await sleep(1200); // four leases long
        aborted = signal.aborted;
      },
    });
    b.register(counting("slow", runs, "B"));
    const running = a.tick();
    // A holds the lease once its job has started (a fixed head start lost the race on a loaded machine)
    await until(() => runs.includes("A"), "A's job to start", 5_000);
    const deadline = Date.now() + 1100;
    while (Date.now() < deadline) {
      await b.tick();
      await sleep(50);
    }
    await running;
    expect(runs).toEqual(["A"]);
    expect(aborted).toBe(false);
  });

  it("a job whose lease was lost is told to stop", async () => {
    const [db] = await sharedDatabase(1);
    const a = new Scheduler(db!, new ManualClock(), logger, { leaseMs: 150 });
    cleanups.push(() => a.stop());
    let reason: unknown;
    a.register({
      name: "long",
      run: (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            reason = signal.reason;
            resolve();
          });
        }),
    });
    const running = a.tick();
    await until(async () => (await db!.jobLease.findUnique({ where: { name: "long" } })) !== null, "the job to take its lease");
    // e.g. this instance stalled and another took the job over meanwhile
    await db!.jobLease.update({ where: { name: "long" }, data: { holder: "another-instance" } });
    await running;
    expect(String(reason)).toContain("lease lost");
    expect(logs.some((l) => l.includes('"msg":"lost the lease of a running job; stopping it"'))).toBe(true);
  });

  it("an interval job runs once per interval across instances", async () => {
    const [dbA, dbB] = await sharedDatabase(2);
    const clock = new ManualClock();
    const a = new Scheduler(dbA!, clock, logger);
    const b = new Scheduler(dbB!, clock, logger);
    cleanups.push(() => a.stop(), () => b.stop());
    const runs: string[] = [];
    a.register(counting("hourly", runs, "A", { intervalMs: 3600_000 }));
    b.register(counting("hourly", runs, "B", { intervalMs: 3600_000 }));
    for (let minute = 0; minute < 180; minute += 10) {
      await Promise.all([a.tick(), b.tick()]);
      clock.advance(10 * 60_000);
    }
    expect(runs).toHaveLength(3);
    expect(new Set(runs).size).toBe(1);
  });
});

describe("the outbox with two instances", () => {
  it("two bots draining one outbox at the same time send each notification once", async () => {
    const fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME });
    const apiRoot = await fake.start();
    cleanups.push(() => fake.stop());
    const [dbA, dbB] = await sharedDatabase(2);
    const config = parseConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: "file:./unused.db" });
    const clock = new ManualClock();
    const a = createBot({ config, db: dbA!, clock, logger });
    const b = createBot({ config, db: dbB!, clock, logger });
    const chats = Array.from({ length: 40 }, (_, i) => 700_000 + i);
    await a.services.outbox.enqueue(chats.map((chatId) => ({ dedupKey: `n:${chatId}`, chatId, text: "Pickup is tomorrow" })));
    const [sentA, sentB] = await Promise.all([a.services.outbox.drain(), b.services.outbox.drain()]);
    expect(sentA + sentB).toBe(40);
    for (const chatId of chats) expect(fake.messages(chatId)).toHaveLength(1);
    expect(await dbB!.outboxMessage.count({ where: { status: "SENT" } })).toBe(40);
    fake.assertNoRejections();
  });
});

describe("a buy's announcement with two instances", () => {
  it("is posted once when two instances post it at the same time, and re-posted only after a dead instance's claim goes stale", async () => {
    const boss = user({ id: 800, first_name: "Boss", language_code: "en" });
    const h = await createHarness({ organizerIds: [boss.id] });
    cleanups.push(() => h.close());
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const buyId = await openBuy(h, boss, productId, { min: "3", deadline: "2026-12-03 20:00" });
    const posts = () => h.fake.messages(group.id).filter((m) => m.text?.includes("Organic rice")).length;
    expect(posts()).toBe(1);
    // as if its first post had failed: no announcement yet
    await h.db.groupBuy.update({ where: { id: buyId }, data: { announcementMessageId: null, announcementHash: null } });

    // instance A (the harness's bot) and instance B, each with its own connection and group-buy services
    const second = await openDatabase(h.databaseUrl);
    cleanups.push(() => second.close());
    const b = createBot({ config: h.config, db: second.db, clock: h.clock, logger }, { botInfo: h.bot.botInfo });
    const onA = createGroupBuyModule(h.services, h.bot.api, () => BOT_USERNAME).announcements;
    const onB = createGroupBuyModule(b.services, b.bot.api, () => BOT_USERNAME).announcements;
    h.fake.failNext("sendMessage", { kind: "delay", ms: 300 }); // the first post is slow: the other comes in meanwhile
    const [fromA, fromB] = await Promise.all([onA.post(buyId), onB.post(buyId)]);
    expect([fromA, fromB].filter((id) => id !== undefined)).toHaveLength(1);
    expect(posts()).toBe(2); // the first one's and one more, not two more
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).announcementMessageId).toBe(fromA ?? fromB);

    // an instance claimed it and died before posting: nobody posts until the claim is stale
    await h.db.groupBuy.update({ where: { id: buyId }, data: { announcementMessageId: null, announcementClaimedAt: h.clock.now() } });
    h.clock.advance(60_000);
    expect(await onB.post(buyId)).toBeUndefined();
    expect(posts()).toBe(2);
    h.clock.advance(5 * 60_000);
    expect(await onB.post(buyId)).toBeDefined();
    expect(posts()).toBe(3);
    h.fake.assertNoRejections();
  });
});
