import { afterEach, describe, expect, it } from "vitest";
import type { Transformer } from "grammy";
import type { Update, User } from "grammy/types";
import { createHarness, type Harness, type HarnessOptions } from "../helpers/harness";
import { callbackQuery, user } from "../fake-telegram/updates";
import type { Call } from "../fake-telegram/types";
import { announcement, buttonData, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";

// The roster (接龙) in a buy's group announcement catches up with the taps as
// soon as the group's budget allows (one edit per 3 s, Telegram's 20 a
// minute), not on the next scheduler tick. These tests tap and then wait, on
// the real clock, for the edits the bot sends on its own: no scheduler tick
// runs between a tap and its edit.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 800;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

async function setup(options: HarnessOptions = {}, buys = 1): Promise<Community & { buyIds: number[] }> {
  h = await createHarness({ organizerIds: [ORGANIZER], ...options });
  const community = await setupCommunity(h, boss);
  const buyIds: number[] = [];
  for (let i = 0; i < buys; i++) {
    const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, name: `Rice ${i + 1}` });
    buyIds.push(await openBuy(h, boss, productId, { min: "100", deadline: "2026-12-03 20:00" }));
  }
  return { ...community, buyIds };
}

async function plusOne(who: User, buyId: number): Promise<Update> {
  const post = await announcement(h, buyId);
  const update = callbackQuery(who, post, buttonData(post, "gbadd:"));
  await h.send(update);
  return update;
}

const edits = (chatId: number, since = 0): Call[] =>
  h.fake.calls.slice(since).filter((c) => c.method === "editMessageText" && c.response.ok && Number(c.params.chat_id) === chatId);

const answeredAt = (u: Update): number =>
  h.fake.calls.find((c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === u.callback_query!.id)!.at;

async function nthEdit(chatId: number, n: number, since: number, timeoutMs = 6_000): Promise<Call> {
  const deadline = Date.now() + timeoutMs;
  while (edits(chatId, since).length < n) {
    if (Date.now() > deadline) throw new Error(`edit ${n} did not come within ${timeoutMs} ms (${edits(chatId, since).length} so far)`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return edits(chatId, since)[n - 1]!;
}

describe("the roster catches up with the taps", () => {
  it("shows a tap after a quiet spell at once, and coalesces the taps during the gap into one edit at the next slot", async () => {
    const { group, buyIds } = await setup();
    const [buyId] = buyIds as [number];
    await h.flush(); // the announcements job takes its lease on this instance
    h.clock.advance(60_000); // a quiet minute (the pacer's clock moves with it)
    const mark = h.fake.mark();
    const [alice, bob, carol] = members(3);

    const aliceTap = await plusOne(alice!, buyId);
    const first = await nthEdit(group.id, 1, mark, 1_000);
    expect(first.params.text).toContain("1. Member1 ×1");
    // at once: no tick, no gap
    expect(first.at - answeredAt(aliceTap)).toBeLessThan(1_000);

    // two more taps inside the 3 s gap: one edit, at the group's next slot, shows both
    await plusOne(bob!, buyId);
    await plusOne(carol!, buyId);
    expect(edits(group.id, mark)).toHaveLength(1);
    const second = await nthEdit(group.id, 2, mark);
    expect(second.params.text).toMatch(/1\. Member1 ×1\n2\. Member2 ×1\n3\. Member3 ×1/);
    expect(second.at - first.at).toBeGreaterThanOrEqual(2_900);
    expect(second.at - first.at).toBeLessThan(4_500);
    await new Promise((r) => setTimeout(r, 300));
    expect(edits(group.id, mark)).toHaveLength(2);
    expect((await announcement(h, buyId)).text).toContain("接龙（3 人）");
  });

  it("brings two buys in one group up to date within the budget, the one dirty longest first", async () => {
    const { group, buyIds } = await setup({}, 2);
    const [a, b] = buyIds as [number, number];
    await h.flush();
    h.clock.advance(60_000);
    const mark = h.fake.mark();
    const [m1, m2, m3] = members(3);
    const messageOf = async (id: number) => (await announcement(h, id)).message_id;

    await plusOne(m1!, a);
    const first = await nthEdit(group.id, 1, mark, 1_000);
    // b is dirty before a is again: b has the next slot, a the one after
    await plusOne(m2!, b);
    await plusOne(m3!, a);
    const second = await nthEdit(group.id, 2, mark);
    const third = await nthEdit(group.id, 3, mark, 7_000);
    expect([first, second, third].map((c) => Number(c.params.message_id))).toEqual([await messageOf(a), await messageOf(b), await messageOf(a)]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(2_900);
    expect(third.at - second.at).toBeGreaterThanOrEqual(2_900);
    expect(third.at - first.at).toBeLessThan(7_500);
    expect((await announcement(h, a)).text).toMatch(/1\. Member1 ×1\n2\. Member3 ×1/);
    expect((await announcement(h, b)).text).toContain("1. Member2 ×1");
  });

  it("leaves the edits to the instance holding the job's lease: the others' taps wait for its tick", async () => {
    const { group, buyIds } = await setup();
    const [buyId] = buyIds as [number];
    // another instance holds the announcements job
    await h.db.jobLease.create({ data: { name: "group-buy-announcements", holder: "another-instance", expiresAt: new Date(Date.now() + 60_000) } });
    await h.flush();
    h.clock.advance(60_000);
    const mark = h.fake.mark();
    await plusOne(members(1)[0]!, buyId);
    await h.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(edits(group.id, mark)).toHaveLength(0);
    // that instance is gone: this one takes the job over on its tick and catches up
    await h.db.jobLease.update({ where: { name: "group-buy-announcements" }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await h.flush();
    expect(edits(group.id, mark)).toHaveLength(1);
    expect((await announcement(h, buyId)).text).toContain("1. Member1 ×1");
  });
});

describe("the group's budget", () => {
  it("never gets more than 20 messages and edits a minute, notices included, while the roster keeps up", async () => {
    // one virtual clock for the pacer and Telegram's limits: waiting moves it on
    let skipped = 0;
    const sendClock = { now: () => Date.now() + skipped, sleep: async (ms: number) => void (skipped += ms) };
    // the organizer reads each reply of the open dialog a second apart (no 429 in a private chat to wait out)
    const readsSlowly: Transformer = (prev, method, payload, signal) => {
      if (Number((payload as { chat_id?: unknown }).chat_id) > 0) skipped += 1_000;
      return prev(method, payload, signal);
    };
    const { group, buyIds } = await setup({ rateLimits: true, sendClock, transformers: [readsSlowly] }, 2);
    const tooManyBefore = h.fake.tooManyRequestsCount;
    const sent: number[] = [];
    h.fake.onCall((c) => {
      if (["sendMessage", "editMessageText"].includes(c.method) && c.response.ok && Number(c.params.chat_id) === group.id) sent.push(sendClock.now());
    });
    await h.flush();
    const crowd = members(40);
    for (const [i, member] of crowd.entries()) {
      await plusOne(member, buyIds[i % 2]!);
      if (i % 10 === 9) {
        await h.services.outbox.enqueue([0, 1].map((n) => ({ dedupKey: `group:${i}:${n}`, chatId: group.id, text: `Notice ${i}.${n}` })));
        await h.services.outbox.drain();
      }
    }
    // the pacer's waits are virtual, the database's work is not: on a busy machine (PostgreSQL, the whole suite) it takes a while
    const shows20 = async (id: number) => (await announcement(h, id)).text?.includes("接龙（20 人）") === true;
    const caughtUp = async () => (await h.db.groupBuy.count({ where: { announcementDirty: true } })) === 0 && (await shows20(buyIds[0]!)) && (await shows20(buyIds[1]!));
    for (let i = 0; i < 300 && !(await caughtUp()); i++) await new Promise((r) => setTimeout(r, 50));
    await h.fake.settle();

    expect(h.fake.tooManyRequestsCount).toBe(tooManyBefore);
    for (const [i, at] of sent.entries()) expect(sent.filter((t) => t >= at && t < at + 60_000).length, `sends in the minute after #${i}`).toBeLessThanOrEqual(20);
    expect(edits(group.id).length).toBeGreaterThan(20); // the budget really was in play
    expect((await announcement(h, buyIds[0]!)).text).toContain("接龙（20 人）");
    expect((await announcement(h, buyIds[1]!)).text).toContain("接龙（20 人）");
  }, 60_000);
});
