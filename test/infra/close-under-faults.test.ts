import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { createBot } from "../../src/bot/create-bot";
import { openDatabase } from "../../src/db/client";
import { postgresReachable, testPostgresUrl, throwawayPostgresDatabase } from "../helpers/postgres";

// A buy's close and the notifications after it, with Telegram misbehaving,
// and with two bot instances racing for the same deadline.

let h: Harness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const boss = user({ id: 4200, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const AFTER_DEADLINE = new Date("2026-12-03T12:00:01Z"); // just past 2026-12-03 20:00 in Shanghai

async function buyWithOrders(harness: Harness, joiners: User[]) {
  const community = await setupCommunity(harness, boss);
  const { productId } = await createApprovedProduct(harness, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(harness, boss, productId, { min: "3", deadline: "2026-12-03 20:00", commission: "10%" });
  const post = await announcement(harness, buyId);
  await harness.send(...joiners.map((m) => callbackQuery(m, post, buttonData(post, "gbadd:"))));
  return { buyId, ...community };
}

/** Private messages a member received, by their first line. */
const inbox = (harness: Harness, member: User) => harness.fake.messages(member.id).map((m) => m.text ?? "");

describe("closing a buy while Telegram misbehaves", () => {
  it("keeps every order and notifies each reachable member once through 429s, 5xx, dropped connections and a block", async () => {
    h = await createHarness({ organizerIds: [boss.id] });
    const joiners = members(12);
    const { buyId } = await buyWithOrders(h, joiners);
    h.fake.blockChat(joiners[3]!.id);
    h.fake.failNext("sendMessage", { kind: "error", error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 }, 2);
    h.fake.failNext("sendMessage", { kind: "error", error_code: 502, description: "Bad Gateway" }, 2);
    h.fake.failNext("sendMessage", { kind: "drop" }, 2);
    h.fake.failNext("sendMessage", { kind: "drop", after: true }, 1); // Telegram sent it, the answer was lost
    h.clock.set(AFTER_DEADLINE);
    for (let round = 0; round < 8; round++) {
      await h.flush();
      h.clock.advance(10 * 60_000); // past every retry back-off
    }

    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.status).toBe("SUCCEEDED");
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId } });
    expect(orders).toHaveLength(12);
    expect(orders.every((o) => o.status === "ACTIVE" && o.quantity === 1)).toBe(true);
    expect(await h.db.ledgerEntry.count({ where: { groupBuyId: buyId, kind: "ACCRUAL" } })).toBe(12);

    const reachable = joiners.filter((_, i) => i !== 3);
    const lost = reachable.filter((m) => inbox(h!, m).length !== 1);
    // A send whose answer was lost can't be told from one that failed: that one member may get it twice, never zero times.
    expect(lost.length).toBeLessThanOrEqual(1);
    for (const m of lost) expect(inbox(h, m)).toHaveLength(2);
    expect(inbox(h, joiners[3]!)).toHaveLength(0);
    const pending = await h.db.outboxMessage.count({ where: { status: { in: ["PENDING", "FAILED"] } } });
    expect(pending).toBe(0);
    const member = await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(joiners[3]!.id) } });
    expect(member.blockedBotAt).not.toBeNull();
    // they come back and start the bot: no longer marked as blocking it
    h.fake.unblockChat(joiners[3]!.id);
    await h.send(command(joiners[3]!, privateChat(joiners[3]!), "start"));
    expect((await h.db.member.findUniqueOrThrow({ where: { id: member.id } })).blockedBotAt).toBeNull();
    h.fake.assertNoRejections();
  }, 60_000);
});

const pgAvailable = await postgresReachable(testPostgresUrl());

describe.skipIf(!pgAvailable)("two bot instances on one PostgreSQL database", () => {
  it("close a buy once, with one set of notifications and one set of ledger accruals", async () => {
    const database = await throwawayPostgresDatabase("letscoop_two");
    cleanups.push(database.drop);
    h = await createHarness({ organizerIds: [boss.id], databaseUrl: database.url });
    const joiners = members(8);
    const { buyId, group } = await buyWithOrders(h, joiners);

    // A second instance: its own connection pool, services and scheduler, the same database and Telegram.
    const second = await openDatabase(database.url);
    cleanups.push(() => second.close());
    const other = createBot({ config: h.config, db: second.db, clock: h.clock, logger: h.logger });
    await other.bot.init();

    h.clock.set(AFTER_DEADLINE);
    for (let round = 0; round < 3; round++) {
      await Promise.all([h.services.scheduler.tick(), other.services.scheduler.tick()]);
      await Promise.all([h.services.outbox.drain(), other.services.outbox.drain()]);
      h.clock.advance(5_000);
    }
    await other.services.scheduler.stop();

    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.status).toBe("SUCCEEDED");
    expect(await h.db.ledgerEntry.count({ where: { groupBuyId: buyId } })).toBe(8);
    for (const m of joiners) expect(inbox(h, m)).toHaveLength(1);
    const closeNotices = h.fake
      .messages(group.id)
      .filter((m) => m.message_id !== buy.announcementMessageId && m.text?.includes(`#${buyId}`) && /succeeded|成团/i.test(m.text));
    expect(closeNotices.map((m) => m.text!.split("\n")[0])).toHaveLength(1);
    h.fake.assertNoRejections();
  }, 60_000);
});
