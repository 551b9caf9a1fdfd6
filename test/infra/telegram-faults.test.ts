import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, user } from "../fake-telegram/updates";
import { Outbox } from "../../src/services/outbox";
import { SendPacer } from "../../src/services/send-pacer";

// Telegram misbehaving while the outbox sends: flood limits (429 retry_after),
// blocked members (403), server errors (5xx) and dropped connections.
// (Pacing and network faults of API calls: telegram-network.test.ts.)

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Members in the database, each with a private chat the fake knows. */
async function members(count: number, firstId = 500_000): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  for (const id of ids) {
    await h.db.member.create({ data: { telegramId: BigInt(id), firstName: `M${id}`, referralCode: `ref${id}` } });
    h.fake.state.learn(command(user({ id }), privateChat(user({ id })), "start"));
  }
  return ids;
}

const notification = (chatId: number, n = 1) => ({ dedupKey: `test:${chatId}:${n}`, chatId, text: `<b>Buy #${n}</b> closes soon` });

const received = (chatId: number) => h.fake.messages(chatId).map((m) => m.text);

describe("outbox under Telegram faults", () => {
  it("notifies every reachable member exactly once through 429, 5xx and dropped connections, and records the blocked one", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "info" } });
    const ids = await members(12);
    const blocked = ids[5]!;
    h.fake.blockChat(blocked);
    h.fake.failNext("sendMessage", { kind: "error", error_code: 429, retry_after: 1 }, 2);
    h.fake.failNext("sendMessage", { kind: "error", error_code: 502, description: "Bad Gateway" });
    h.fake.failNext("sendMessage", { kind: "drop" });
    h.fake.failNext("sendMessage", { kind: "error", error_code: 500 });

    expect(await h.services.outbox.enqueue(ids.map((id) => notification(id)))).toBe(12);
    // the same keys again (a replayed update would do this): nothing new
    expect(await h.services.outbox.enqueue(ids.map((id) => notification(id)))).toBe(0);
    const sent = await h.services.outbox.drain();

    expect(sent).toBe(11);
    for (const id of ids) expect(received(id)).toEqual(id === blocked ? [] : ["Buy #1 closes soon"]);
    const rows = await h.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(11);
    expect(rows.find((r) => Number(r.chatId) === blocked)).toMatchObject({ status: "BLOCKED", attempts: 1 });
    const member = await h.db.member.findUnique({ where: { telegramId: BigInt(blocked) } });
    expect(member?.blockedBotAt).toEqual(h.clock.now());
    // the faults really happened, and the blocked member is logged by id only
    const failed = h.fake.callsOf("sendMessage").filter((c) => !c.response.ok);
    expect(failed.map((c) => c.response.error_code ?? "dropped").sort()).toEqual([403, 429, 429, 500, 502, "dropped"].sort());
    expect(h.logs.some((l) => l.includes('"msg":"member blocked the bot; notification skipped"') && l.includes(`"chat_id":${blocked}`))).toBe(true);

    // nothing is sent twice on the next passes, not even after the back-off
    h.clock.advance(3600_000);
    expect(await h.services.outbox.drain()).toBe(0);
    for (const id of ids) expect(received(id).length).toBe(id === blocked ? 0 : 1);
    h.fake.assertNoRejections();
  });

  it("keeps a message whose retry_after is too long for auto-retry, and sends it once the wait is over", async () => {
    h = await createHarness();
    const [a, b] = await members(2);
    // an outbox whose pacer doesn't really sleep: the pause is Telegram's business time here
    const pauses: number[] = [];
    const pacer = new SendPacer(29, 1000, () => 0, async () => undefined);
    const pause = pacer.pauseFor.bind(pacer);
    pacer.pauseFor = (ms) => {
      pauses.push(ms);
      pause(ms);
    };
    const outbox = new Outbox(h.db, h.bot.api, h.clock, h.logger, async () => undefined, pacer);
    h.fake.failNext("sendMessage", { kind: "error", error_code: 429, retry_after: 600 });
    await outbox.enqueue([notification(a!), notification(b!)]);

    expect(await outbox.drain()).toBe(1);
    expect(pauses).toEqual([600_000]);
    const waiting = await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: BigInt(a!) } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting.notBefore.getTime()).toBeGreaterThanOrEqual(h.clock.now().getTime() + 600_000);

    h.clock.advance(300_000);
    expect(await outbox.drain()).toBe(0);
    h.clock.advance(300_000);
    expect(await outbox.drain()).toBe(1);
    expect(received(a!)).toHaveLength(1);
    expect(received(b!)).toHaveLength(1);
    h.fake.assertNoRejections();
  });

  it("gives up on a message Telegram refuses (400) without retrying it", async () => {
    // the broken HTML is the point: Telegram answers 400 and the outbox must not retry
    h = await createHarness({ allowRejections: (c) => c.method === "sendMessage" && c.response.error_code === 400 });
    const [a] = await members(1);
    await h.services.outbox.enqueue([{ dedupKey: "bad", chatId: a!, text: "<b>unclosed" }]);
    expect(await h.services.outbox.drain()).toBe(0);
    h.clock.advance(3600_000);
    expect(await h.services.outbox.drain()).toBe(0);
    expect(await h.db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(h.fake.callsOf("sendMessage")).toHaveLength(1);
  });
});
