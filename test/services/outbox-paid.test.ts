import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { Outbox, type OutgoingMessage } from "../../src/services/outbox";
import { SendPacer } from "../../src/services/send-pacer";

// Paid broadcasts are claimed a batch at a write and marked sent a hundred
// at a write: still each message exactly once across drains, and what a
// stopped pass claimed but did not send is due again at once.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const CHATS = Array.from({ length: 60 }, (_, i) => 4_000_000 + i);
const paid = (chatId: number): OutgoingMessage => ({ dedupKey: `paid:${chatId}`, chatId, text: `hello ${chatId}`, paidBroadcast: true });
const received = (chatId: number) => h.fake.messages(chatId);

describe("the outbox's paid broadcasts", () => {
  it("are sent once each when two drains (two instances) race for them, every one marked sent", async () => {
    h = await createHarness();
    const other = new Outbox(h.db, h.bot.api, h.clock, h.logger, async () => undefined);
    await h.services.outbox.enqueue(CHATS.map(paid));
    const [a, b] = await Promise.all([h.services.outbox.drain(), other.drain()]);
    expect(a + b).toBe(CHATS.length);
    for (const chat of CHATS) expect(received(chat), String(chat)).toHaveLength(1);
    expect(h.fake.callsOf("sendMessage").every((c) => c.params.allow_paid_broadcast === true)).toBe(true);
    expect(await h.db.outboxMessage.count({ where: { status: "SENT" } })).toBe(CHATS.length);
    expect(h.fake.starsSpent).toBe(6);
    h.fake.assertNoRejections();
  });

  it("give back what a stopped pass claimed and did not send: due again now, not after the claim", async () => {
    h = await createHarness();
    // a slow paid lane (20 a second), so the pass is stopped partway
    const slow = new SendPacer(undefined, undefined, undefined, undefined, undefined, undefined, undefined, { perSecond: 20, windowLimit: 20, windowMs: 1_000 });
    const outbox = new Outbox(h.db, h.bot.api, h.clock, h.logger, async () => undefined, slow);
    await outbox.enqueue(CHATS.map(paid));
    const first = await outbox.drain(AbortSignal.timeout(300));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(CHATS.length);
    const pending = await h.db.outboxMessage.findMany({ where: { status: "PENDING" } });
    expect(pending).toHaveLength(CHATS.length - first);
    expect(pending.every((m) => m.notBefore.getTime() <= h.clock.now().getTime())).toBe(true);
    // the clock has not moved: the next pass sends the rest
    expect(await h.services.outbox.drain()).toBe(CHATS.length - first);
    for (const chat of CHATS) expect(received(chat), String(chat)).toHaveLength(1);
    h.fake.assertNoRejections();
  });

  it("send at the free rate what Telegram refuses to send paid (the bot's Stars ran out): each message still once, none lost", async () => {
    // the refusals are what the test is about; nothing else may be refused
    h = await createHarness({ allowRejections: (call) => /not enough Telegram Stars/.test(call.response.description ?? "") });
    h.fake.starsBalanceTenths = 25; // 2.5 ⭐: 25 paid messages
    await h.services.outbox.enqueue(CHATS.map(paid));
    let sent = 0;
    for (let pass = 0; pass < 10 && sent < CHATS.length; pass++) sent += await h.services.outbox.drain();
    expect(sent).toBe(CHATS.length);
    for (const chat of CHATS) expect(received(chat), String(chat)).toHaveLength(1);
    const delivered = h.fake.calls.filter((c) => c.method === "sendMessage" && c.response.ok);
    expect(delivered.filter((c) => c.params.allow_paid_broadcast === true)).toHaveLength(25);
    expect(delivered.filter((c) => c.params.allow_paid_broadcast !== true)).toHaveLength(CHATS.length - 25);
    expect(h.fake.starsSpent).toBe(2.5);
    expect(await h.db.outboxMessage.count({ where: { status: "SENT" } })).toBe(CHATS.length);
    expect(await h.db.outboxMessage.count({ where: { paidBroadcast: true } })).toBe(25);
  });
});
