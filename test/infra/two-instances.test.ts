import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxProduct } from "../helpers/ledger-fixtures";
import { freshTestDatabase, testDatabaseKind } from "../helpers/test-database";
import { user } from "../fake-telegram/updates";
import { openDatabase, TX_OPTIONS } from "../../src/db/client";
import { changeMany, type ChangeInput, type ChangeResult } from "../../src/db/order-changes";
import { JobLeases } from "../../src/db/job-leases";
import { runWebhookBurst, twinChecks } from "../../bench/lib/twin-run";

// Two instances of the bot in webhook mode on one PostgreSQL database (issue
// 19): Telegram's updates split between them by a load balancer, some
// delivered to both. PostgreSQL only: one SQLite file takes one instance.

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(testDatabaseKind() !== "postgres")("two webhook instances on one PostgreSQL", () => {
  it("a burst of +1 split between two processes, one tap in ten delivered to both: one order per member, every tap answered", async () => {
    const database = await freshTestDatabase();
    cleanups.push(() => database.cleanup());
    const members = 60;
    // two `npm start` processes, BOT_MODE=webhook, each on its own port; 20 connections to each
    const run = await runWebhookBurst(database.url, members, 2, { concurrency: 20, redeliverEvery: 10 });
    expect(run.post.redelivered).toBe(6); // three while the first copy is handled, three after it was answered
    expect(run.orders).toEqual({ count: members, members, allOnePerMember: true, events: members });
    expect(run.buy).toEqual({ totalQty: members, orderCount: members });
    expect(run.answered).toBe(members);
    expect(run.silentAnswers).toBe(0);
    expect(run.otherRejections).toEqual([]);
    expect(twinChecks(run).filter((c) => !c.ok)).toEqual([]);
  }, 60_000);
});

describe.skipIf(testDatabaseKind() !== "postgres")("two instances' batches of joins on one buy", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("a batch that loses its claim to another instance's commit reads again and builds on it, rather than falling back to one change at a time", async () => {
    h = await createHarness();
    const community = await fxCommunity(h.db, { chatId: -1001234567890 });
    const rec = await fxMember(h.db, user({ first_name: "Rita" }), community.id);
    const product = await fxProduct(h.db, { communityId: community.id, recommenderId: rec.id, priceFen: 2500 });
    const buy = await fxBuy(h.db, { product, openedById: rec.id, commission: { kind: "PERCENT_BP", value: 500 }, deadlineAt: new Date(h.clock.now().getTime() + 86_400_000) });
    const people: { id: number }[] = [];
    for (let i = 0; i < 6; i++) people.push(await fxMember(h.db, user({ first_name: `M${i}` }), community.id));
    const joins = (from: number, to: number): ChangeInput[] =>
      people.slice(from, to).map((m, i) => ({ groupBuyId: buy.id, memberId: m.id, change: { kind: "add", delta: 1 }, updateKey: `u${9000 + from + i}`, now: h!.clock.now() }));
    // instance B: its own connection
    const other = await openDatabase(h.databaseUrl);
    cleanups.push(() => other.close());

    // instance A's batch of three joins, written but not committed yet when B's starts
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const writtenByA = new Promise<void>((resolve) => (written = resolve));
    const a = h.db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "GroupBuy" SET "totalQty" = "totalQty" + 3, "orderCount" = "orderCount" + 3 WHERE "id" = ${buy.id}`;
      written();
      await released;
    }, TX_OPTIONS);
    await writtenByA;
    // B reads the totals A has not committed, and its claim waits for A's lock of the buy's row
    const b: Promise<ChangeResult[] | Error> = changeMany(other.db as never, joins(3, 6)).catch((error: Error) => error);
    const name = new URL(h.databaseUrl).pathname.slice(1);
    for (let i = 0; ; i++) {
      const [row] = await h.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, name);
      if (Number(row!.n) > 0) break;
      if (i > 500) throw new Error("B never waited for A");
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await a;
    const fromB = await b;
    // before, B lost the claim and threw (its batch then went one change at a time)
    expect(fromB).not.toBeInstanceOf(Error);
    expect((fromB as ChangeResult[]).every((r) => r.ok)).toBe(true);
    const orders = await h.db.order.findMany({ where: { groupBuyId: buy.id }, orderBy: { position: "asc" } });
    expect(orders).toHaveLength(3);
    // built on A's totals: its three and B's three
    expect(await h.db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).toMatchObject({ totalQty: 6, orderCount: 6 });
  });
});

describe.skipIf(testDatabaseKind() !== "postgres")("job leases with two instances", () => {
  it("an instance asking for a lease another holds gets no, without a failed statement (which PostgreSQL would log every tick)", async () => {
    const database = await freshTestDatabase();
    cleanups.push(() => database.cleanup());
    const opened = await openDatabase(database.url);
    cleanups.push(() => opened.close());
    const until = new Date(Date.now() + 15_000);
    // in one transaction, so that a failed statement shows: PostgreSQL refuses every statement after it
    const asked = await opened.db.$transaction(async (tx) => {
      const leases = new JobLeases(tx as never);
      const first = await leases.create("group-buy-deadlines", "instance-a", until);
      const second = await leases.create("group-buy-deadlines", "instance-b", until);
      return { first, second, holder: (await tx.jobLease.findUniqueOrThrow({ where: { name: "group-buy-deadlines" } })).holder };
    });
    expect(asked).toEqual({ first: true, second: false, holder: "instance-a" });
  });
});
