import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { TEST_TOKEN } from "../helpers/harness";
import { freshTestDatabase } from "../helpers/test-database";
import { ManualClock } from "../../src/clock";
import { openDatabase } from "../../src/db/client";
import { createLogger } from "../../src/logger";
import { Outbox } from "../../src/services/outbox";
import { Scheduler } from "../../src/services/scheduler";

// A big notification backlog is sent in passes, with the other scheduled jobs
// (deadlines, reminders, announcement edits) running between them.

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database() {
  const fresh = await freshTestDatabase();
  cleanups.push(() => fresh.cleanup());
  const opened = await openDatabase(fresh.url);
  cleanups.push(() => opened.close());
  return opened.db;
}

const logger = createLogger("silent");

describe("work in passes", () => {
  it("a job with work left yields to the others and runs again in the same tick", async () => {
    const scheduler = new Scheduler(await database(), new ManualClock(), logger);
    cleanups.push(() => scheduler.stop());
    const runs: string[] = [];
    let left = 3;
    scheduler.register({ name: "backlog", run: async () => (runs.push("backlog"), left-- > 0 ? "more" : undefined) });
    scheduler.register({ name: "deadlines", run: async () => void runs.push("deadlines") });
    await scheduler.tick();
    expect(runs).toEqual(["backlog", "deadlines", "backlog", "deadlines", "backlog", "deadlines", "backlog", "deadlines"]);
  });

  /** A scheduler whose regular job's first pass stays stuck (until the test's clean-up) beside an urgent job that records its runs. */
  async function stuckPassBeside(options: { urgentEveryMs: number; leaseMs?: number }, regular: string) {
    const scheduler = new Scheduler(await database(), new ManualClock(), logger, options);
    cleanups.push(() => scheduler.stop());
    const urgentRuns: number[] = [];
    let release!: () => void;
    const slowDone = new Promise<void>((resolve) => (release = resolve));
    let slowStarted = 0;
    scheduler.register({ name: regular, run: async () => void (slowStarted++ === 0 && (await slowDone)) });
    scheduler.register({ name: "deadlines", urgent: true, run: async () => void urgentRuns.push(performance.now()) });
    cleanups.push(async () => release()); // before the stop, which waits for the pass
    return { scheduler, urgentRuns, slowStarted: () => slowStarted };
  }

  it("an urgent job (deadlines) runs on time while another job's long pass is still going, not after it", async () => {
    const { scheduler, urgentRuns, slowStarted } = await stuckPassBeside({ urgentEveryMs: 50 }, "statements");
    scheduler.start("0 0 1 1 *"); // one tick now; the urgent lane on its own timer
    // the first tick's regular pass stays stuck in "statements"; the urgent lane keeps running meanwhile
    for (const until = Date.now() + 20_000; urgentRuns.length < 4 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(slowStarted()).toBe(1);
    expect(urgentRuns.length).toBeGreaterThanOrEqual(4);
  });

  it("an urgent job keeps its lease and runs on while another job's pass outlasts the lease the ticks renew", async () => {
    const leaseMs = 1_000;
    const { scheduler, urgentRuns, slowStarted } = await stuckPassBeside({ urgentEveryMs: 50, leaseMs }, "outbox");
    const started = performance.now();
    scheduler.start("0 0 1 1 *"); // one tick, whose regular pass stays stuck: no tick renews a lease after it
    // three leases' time later the urgent lane still runs, its lease renewed by itself
    const late = () => urgentRuns.filter((t) => t - started > 3 * leaseMs).length;
    for (const until = Date.now() + 20_000; late() < 4 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(slowStarted()).toBe(1);
    expect(late()).toBeGreaterThanOrEqual(4);
    expect(scheduler.holds("deadlines")).toBe(true);
  });

  it("an outbox pass stops at its budget with the rest left pending, and a later pass sends the rest once", async () => {
    const db = await database();
    const fake = new FakeTelegram({ token: TEST_TOKEN });
    const apiRoot = await fake.start();
    cleanups.push(() => fake.stop());
    const outbox = new Outbox(db, new Api(TEST_TOKEN, { apiRoot }), new ManualClock(), logger, async () => undefined);
    cleanups.push(() => outbox.stop());
    const members = Array.from({ length: 60 }, (_, i) => 7_100_000 + i);
    await outbox.enqueue(members.map((chatId) => ({ dedupKey: `pass:${chatId}`, chatId, text: "Your group buy is going ahead." })));

    // 28 a second: half a second sends about 15 of the 60
    expect(await outbox.drainPass(new AbortController().signal, 500)).toBe("more");
    const afterFirst = await db.outboxMessage.count({ where: { status: "PENDING" } });
    expect(afterFirst).toBeGreaterThan(0);
    expect(afterFirst).toBeLessThan(60);

    expect(await outbox.drainPass(new AbortController().signal, 10_000)).toBeUndefined();
    expect(await db.outboxMessage.count({ where: { status: "SENT" } })).toBe(60);
    const sent = fake.calls.filter((c) => c.method === "sendMessage" && c.response.ok).map((c) => Number(c.params.chat_id));
    expect(sent.sort()).toEqual(members);
    fake.assertNoRejections();
  });
});
