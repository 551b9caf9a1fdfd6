import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { Outbox } from "../../src/services/outbox";
import { announcement, buttonData, createApprovedProduct, flushAnnouncements, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";

// Telegram's flood limits and network faults. Nothing here depends on the
// database, so it runs in the sqlite project only (vitest.config.ts).

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const received = (chatId: number) => h.fake.messages(chatId).map((m) => m.text);
const notification = (chatId: number, n = 1) => ({ dedupKey: `test:${chatId}:${n}`, chatId, text: `<b>Buy #${n}</b> closes soon` });

describe("pacing", () => {
  it("with Telegram's flood limits enforced, paces 100 notifications without a single 429", async () => {
    h = await createHarness({ rateLimits: true });
    const ids = Array.from({ length: 97 }, (_, i) => 600_000 + i);
    // three to one member too: one a second to a private chat
    const messages = [...ids.map((id) => notification(id)), notification(ids[0]!, 2), notification(ids[0]!, 3)];
    await h.services.outbox.enqueue(messages);
    await h.services.outbox.enqueue([notification(ids[1]!, 2)]);
    expect(await h.services.outbox.drain()).toBe(100);
    expect(h.fake.tooManyRequestsCount).toBe(0);
    expect(received(ids[0]!)).toEqual(["Buy #1 closes soon", "Buy #2 closes soon", "Buy #3 closes soon"]);
    expect(ids.every((id) => received(id).length >= 1)).toBe(true);
    h.fake.assertNoRejections();
  });
});

/**
 * Telegram's rate-limit clock and the bot's pacer on one clock that runs with
 * real time and jumps when the pacer sleeps: waiting out a group's minute
 * takes no time, and a handler's reply (not paced) still sees time pass.
 */
function virtualSendClock() {
  let skipped = 0;
  const now = () => Date.now() + skipped;
  return { now, sleep: async (ms: number) => void (skipped += ms), advance: (ms: number) => void (skipped += ms) };
}

describe("pacing in a group", () => {
  it("holds a group to 20 messages a minute, notices and announcement edits together, without a 429 or holding up members", async () => {
    const sendClock = virtualSendClock();
    const boss = user({ id: 800, first_name: "Boss", language_code: "en" });
    h = await createHarness({ rateLimits: true, sendClock, organizerIds: [boss.id] });
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const buyId = await openBuy(h, boss, productId, { min: "3", deadline: "2026-12-03 20:00" });
    // (the dialog's replies to the organizer are not paced: a member waits for them)
    const tooManyBefore = h.fake.tooManyRequestsCount;
    const shoppers = members(6);
    for (const [round, shopper] of shoppers.entries()) {
      const post = await announcement(h, buyId);
      await h.send(callbackQuery(shopper, post, buttonData(post, "gbadd:")));
      const notices = Array.from({ length: 5 }, (_, i) => ({ dedupKey: `group:${round}:${i}`, chatId: group.id, text: `Notice ${round}.${i}` }));
      await h.services.outbox.enqueue([...notices, notification(700_000 + round)]);
        await flushAnnouncements(h); // one edit (the new roster) and the notices
    }
    // an edit put off while the group's minute was full goes out on a later tick
    for (let i = 0; i < 10 && (await h.db.groupBuy.count({ where: { announcementDirty: true } })) > 0; i++) {
      sendClock.advance(10_000);
      await flushAnnouncements(h);
    }

    expect(h.fake.tooManyRequestsCount).toBe(tooManyBefore);
    expect(h.fake.calls.filter((c) => c.response.error_code === 429 && Number(c.params.chat_id) < 0)).toEqual([]);
    const notices = received(group.id).filter((t) => t?.startsWith("Notice"));
    expect(notices).toEqual(shoppers.flatMap((_, round) => Array.from({ length: 5 }, (_, i) => `Notice ${round}.${i}`)));
    expect((await announcement(h, buyId)).text).toContain("接龙（6 人）");
    const toGroup = h.fake.calls.filter((c) => ["sendMessage", "editMessageText"].includes(c.method) && Number(c.params.chat_id) === group.id);
    expect(toGroup.length).toBeGreaterThan(30); // the limit really was in play
    // during the third round the group's minute is full (welcome, the buy's chart, its post, the
    // notices and the edits): a member's notice queued behind group notices goes out first
    const sent = (p: (c: (typeof h.fake.calls)[number]) => boolean) => h.fake.calls.findIndex((c) => c.method === "sendMessage" && c.response.ok && p(c));
    expect(sent((c) => Number(c.params.chat_id) === 700_002)).toBeLessThan(sent((c) => c.params.text === "Notice 2.4"));
    expect(sent((c) => Number(c.params.chat_id) === 700_003)).toBeLessThan(sent((c) => c.params.text === "Notice 3.1"));
    expect(sent((c) => Number(c.params.chat_id) === 700_000)).toBeGreaterThan(sent((c) => c.params.text === "Notice 0.4"));
    h.fake.assertNoRejections();
  }, 120_000);
});

describe("API calls under network faults", () => {
  it("long polling backs off after dropped and failed getUpdates, then answers", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "warn" } });
    h.fake.failNext("getUpdates", { kind: "drop" });
    h.fake.failNext("getUpdates", { kind: "error", error_code: 502, description: "Bad Gateway" });
    const alice = user({ language_code: "en" });
    await h.send(command(alice, privateChat(alice), "start"));
    expect(received(alice.id)).toHaveLength(1);
    const retries = h.logs.map((l) => JSON.parse(l) as { msg: string; error?: string; delay_ms?: number }).filter((l) => l.msg === "getUpdates failed; retrying");
    expect(retries.map((r) => r.delay_ms)).toEqual([100, 200]); // the harness's back-off: 100 ms doubling
    expect(retries[0]!.error).toBe("network");
    h.fake.assertNoRejections();
  });

  it("a handler's reply lost to a dropped connection is sent again, once", async () => {
    h = await createHarness();
    h.fake.failNext("sendMessage", { kind: "drop" });
    const bob = user({ language_code: "en" });
    await h.send(command(bob, privateChat(bob), "start"));
    expect(received(bob.id)).toHaveLength(1);
    expect(received(bob.id)[0]).toContain("Let's CO-OP!");
    h.fake.assertNoRejections();
  });

  it("a handler whose replies can't get through gives up after a few quick retries, and the bot goes on", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "warn" } });
    h.fake.failNext("sendMessage", { kind: "drop" }, 4); // the first try and all three retries
    const carl = user({ language_code: "en" });
    const dana = user({ language_code: "en" });
    await h.send(command(carl, privateChat(carl), "start"));
    // the welcome never got through; the apology after it did
    expect(received(carl.id)).toEqual(["Sorry, something went wrong; it has been logged. Please try again in a moment."]);
    await h.send(command(dana, privateChat(dana), "start"));
    expect(received(dana.id)).toHaveLength(1);
    h.fake.assertNoRejections();
  });

  it("a notification stuck in network retries goes back to the outbox, and is sent once the network is back", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "warn" } });
    // the connection drops, and again on the quick retry half a second later;
    // the next retry would come after another second, but this outbox gives a send 1 s
    h.fake.failNext("sendMessage", { kind: "drop" }, 2);
    const outbox = new Outbox(h.db, h.bot.api, h.clock, h.logger, async () => undefined, undefined, 1000);
    await outbox.enqueue([notification(610_000)]);
    expect(await outbox.drain()).toBe(0);
    expect(await h.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "PENDING", attempts: 1, lastError: "no answer from Telegram within 1000 ms" });
    expect(h.logs.some((l) => l.includes('"msg":"notification will be retried"') && l.includes('"error_code":"network"'))).toBe(true);
    expect(received(610_000)).toHaveLength(0);

    // not before its back-off (2 s after one attempt)…
    expect(await outbox.drain()).toBe(0);
    h.clock.advance(2_000);
    // …then once
    expect(await outbox.drain()).toBe(1);
    expect(await outbox.drain()).toBe(0);
    expect(received(610_000)).toEqual(["Buy #1 closes soon"]);
    h.fake.assertNoRejections();
  });
});
