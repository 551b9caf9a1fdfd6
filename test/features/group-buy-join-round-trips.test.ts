import { afterEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { testDatabaseKind } from "../helpers/test-database";
import { callbackQuery, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { recordRoundTrips, sequentialChain, shortSql, type RoundTrip } from "../helpers/pg-round-trips";

// A getUpdates batch of 100 "+1" taps on PostgreSQL: how many round trips
// the batch waits on one after the other (issue 19). The figure that
// decides the join burst's rate on PostgreSQL, and the one a shared machine
// doesn't blur. On SQLite a round trip is a function call: not counted.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1900;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

/** Sends one batch and records its round trips, until the bot is done with it. */
async function batchTrips(updates: Update[]): Promise<RoundTrip[]> {
  // a held long poll would hand out the first update alone: the next getUpdates is held back
  // (after the held one has ended) until all are queued
  h.fake.failNext("getUpdates", { kind: "delay", ms: 300 });
  await h.fake.waitFor((c) => c.method === "getUpdates", 5000, h.fake.mark());
  const recorder = recordRoundTrips();
  let trips: RoundTrip[];
  const before = h.fake.callsOf("getUpdates").length;
  try {
    for (const u of updates) h.fake.pushUpdate(u);
    await h.fake.settle();
  } finally {
    trips = recorder.stop();
  }
  // one getUpdates handed out the whole batch
  const handouts = h.fake.callsOf("getUpdates").slice(before).filter((c) => Array.isArray(c.response.result) && c.response.result.length > 0);
  expect(handouts.map((c) => (c.response.result as unknown[]).length)).toEqual([updates.length]);
  return trips;
}

type Counted = { statements: number; sequential: number; transactions: number; marksOutside: number };

/** What the batch sent: statements, how many one after the other, transactions, handled marks written outside one. */
function counted(what: string, trips: RoundTrip[]): Counted {
  const chain = sequentialChain(trips);
  if (process.env.ROUND_TRIPS_REPORT) {
    const t0 = trips[0]?.start ?? 0;
    const at = (t: RoundTrip) => `${(t.start - t0).toFixed(1)}–${(t.end - t0).toFixed(1)} ms`;
    console.log(`${what}: ${trips.length} statements, ${chain.length} one after the other\n${chain.map((t, i) => `  ${i + 1}. ${shortSql(t.sql)} (${at(t)})`).join("\n")}`);
    if (process.env.ROUND_TRIPS_REPORT === "all") console.log(trips.map((t) => `     ${shortSql(t.sql)} (${at(t)})`).join("\n"));
  }
  const begins = trips.filter((t) => t.sql === "BEGIN");
  const commits = trips.filter((t) => t.sql === "COMMIT");
  const inside = (t: RoundTrip) => begins.some((b, i) => t.start > b.start && commits[i] !== undefined && t.start < commits[i]!.start);
  const marksOutside = trips.filter((t) => /^INSERT INTO "(public"\.")?ProcessedUpdate"/.test(t.sql) && !inside(t)).length;
  return { statements: trips.length, sequential: chain.length, transactions: begins.length, marksOutside };
}

describe.skipIf(testDatabaseKind() !== "postgres")("a batch of 100 taps on PostgreSQL", () => {
  it("waits on few round trips, one after the other", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const { communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: rita });
    const buyId = await openBuy(h, boss, productId, { min: "3", deadline: "2026-12-03 20:00" });
    const post = await announcement(h, buyId);
    const crowd = members(100);
    const tap = (m: (typeof crowd)[number]) => callbackQuery(m, post, buttonData(post, "gbadd:"));

    const others = members(100, "Other");
    // the bot's first batch of taps: what it reads once (the buy's facts) is read here
    counted("first batch", await batchTrips(crowd.map(tap)));
    // a burst's every other batch: members seen for the first time, their membership and orders new.
    // [handled? ∥ members] → [4 reads ∥ sightings] → BEGIN → claim → orders → events → marks → COMMIT
    const first = counted("first taps", await batchTrips(others.map(tap)));
    // the same members again: known to the bot, their orders there (changed alike: one statement)
    // handled? → 4 reads → BEGIN → claim → orders → events → marks → COMMIT (members cached, sighting recorded)
    const again = counted("second taps", await batchTrips(others.map(tap)));

    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy).toMatchObject({ totalQty: 300, orderCount: 200 });
    expect(await h.db.processedUpdate.count()).toBeGreaterThanOrEqual(300);
    // one transaction a batch, which marks its updates handled: no mark waits on the answers
    expect(first).toMatchObject({ transactions: 1, marksOutside: 0 });
    expect(again).toMatchObject({ transactions: 1, marksOutside: 0 });
    expect(first.statements).toBeLessThanOrEqual(13);
    expect(again.statements).toBeLessThanOrEqual(11);
    // 8 each; what runs side by side may not quite overlap on a busy machine (9 seen at load 9): slack of two
    expect(first.sequential).toBeLessThanOrEqual(10);
    expect(again.sequential).toBeLessThanOrEqual(10);
  });
});
