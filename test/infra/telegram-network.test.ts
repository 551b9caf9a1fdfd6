import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, user } from "../fake-telegram/updates";
import { Outbox } from "../../src/services/outbox";

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
