import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command } from "../fake-telegram/updates";
import type { Tx } from "../../src/db/client";
import { claimDue } from "../../src/db/buy-transitions";
import { announcement, buttonData, buttons, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";
import { user } from "../fake-telegram/updates";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 900;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const DEADLINE = new Date("2026-12-03T12:00:00Z"); // 2026-12-03 20:00 in Shanghai
const HOUR = 3600_000;

type Calls = { succeeded: { buyId: number; status: string | undefined }[] };

/** A listener like the referral ledger: records calls and what it sees inside the closing transaction. */
function listen(h: Harness): Calls {
  const calls: Calls = { succeeded: [] };
  h.services.buyListeners.push({
    async buySucceeded(tx: Tx, buyId: number) {
      const buy = await tx.groupBuy.findUnique({ where: { id: buyId } });
      calls.succeeded.push({ buyId, status: buy?.status });
    },
  });
  return calls;
}

async function setup(min: string, joiners: User[]): Promise<Community & { buyId: number }> {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min, deadline: "2026-12-03 20:00", pickup: "Saturday 10:00, community centre" });
  const post = await announcement(h, buyId);
  await h.send(...joiners.map((m) => callbackQuery(m, post, buttonData(post, "gbadd:"))));
  return { ...community, buyId };
}

describe("deadlines", () => {
  it("reminds the group once per offset before the deadline", async () => {
    const { buyId, group } = await setup("3", members(1));
    const reminders = () => h.fake.messages(group.id).filter((m) => m.text?.startsWith("⏰"));
    h.clock.set(new Date(DEADLINE.getTime() - 25 * HOUR));
    await h.flush();
    expect(reminders()).toHaveLength(0);
    h.clock.set(new Date(DEADLINE.getTime() - 24 * HOUR + 60_000));
    await h.flush();
    await h.flush();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toBe(`⏰ 团购 #${buyId}「Organic rice」还有 23小时59分钟 截止！▓▓▓░░░░░░░ 1/3`);
    expect(buttons(reminders()[0]).map((b) => (b as { url: string }).url)).toEqual([`https://t.me/${h.fake.botInfo.username}?start=b${buyId}`]);
    h.clock.set(new Date(DEADLINE.getTime() - 30 * 60_000));
    await h.flush();
    await h.flush();
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain("还有 30分钟 截止");
    const rows = await h.db.groupBuyReminder.findMany({ where: { groupBuyId: buyId }, orderBy: { offsetMinutes: "asc" } });
    expect(rows.map((r) => r.offsetMinutes)).toEqual([60, 1440]);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("closes a buy that reached its minimum at the deadline and tells everyone, exactly once", async () => {
    const joiners = members(3);
    const { buyId, group } = await setup("3", joiners);
    const calls = listen(h);
    h.clock.set(new Date(DEADLINE.getTime() + 1_000));
    await h.flush();
    await h.flush();

    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.status).toBe("SUCCEEDED");
    expect(buy.closedAt?.toISOString()).toBe(new Date(DEADLINE.getTime() + 1_000).toISOString());
    expect(calls.succeeded).toEqual([{ buyId, status: "SUCCEEDED" }]);
    for (const [i, m] of joiners.entries()) {
      const notes = h.fake.messages(m.id);
      expect(notes).toHaveLength(1);
      // the product's recommender, told privately to each member only
      // the caption of the member's pickup-code QR (test/features/pickup.test.ts)
      expect(notes[0]!.caption).toMatch(new RegExp(`^✅ Group buy #${buyId} “Organic rice” is going ahead!\nYour order #${buyId}-${i + 1}: 1 × bag, ¥25.00.\n🤝 Recommended by Rita\n🚚 Saturday 10:00, community centre\n🎫 Your pickup code: \\w{4}-\\w{4}\\. `));
    }
    const groupNotes = h.fake.messages(group.id).filter((m) => m.text?.startsWith("✅"));
    expect(groupNotes.map((m) => m.text)).toEqual([`✅ 团购 #${buyId}「Organic rice」成团！共 3 × bag，3 人参与。每位成员都会收到私信确认。`]);
    expect(h.fake.lastMessage(boss.id)!.text).toContain(`Group buy #${buyId} “Organic rice” has closed: going ahead. 3 × bag in 3 orders, ¥75.00`);
    const post = await announcement(h, buyId);
    expect(post.text).toContain("已成团");
    expect(buttons(post).map((b) => b.text)).toEqual(["📄 完整卡片", "❓ 提问"]);

    // a late tap on an old button (a client that still shows it): the message has it no more
    const late = callbackQuery(joiners[0]!, post, `gbadd:${buyId}`);
    await h.send(late);
    expect(h.fake.callbackAnswer(late.callback_query!.id)!.text).toBe("This button is no longer valid.");
    expect(await h.db.order.count({ where: { groupBuyId: buyId, status: "ACTIVE" } })).toBe(3);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("fails a buy below its minimum: orders become void and every member is told", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup("5", joiners);
    const calls = listen(h);
    h.clock.set(new Date(DEADLINE.getTime() + 60_000));
    await h.flush();

    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("FAILED");
    expect(calls.succeeded).toEqual([]);
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId } });
    expect(orders.map((o) => o.status)).toEqual(["VOID", "VOID"]);
    for (const [i, m] of joiners.entries()) {
      expect(h.fake.lastMessage(m.id)!.text).toBe(`❌ Group buy #${buyId} “Organic rice” did not reach its minimum (2/5). Your order #${buyId}-${i + 1} (1 × bag, ¥25.00) is void; nothing to pay.`);
    }
    expect(h.fake.messages(group.id).some((m) => m.text === `❌ 团购 #${buyId}「Organic rice」未成团（2/5），所有订单作废。`)).toBe(true);
    expect((await announcement(h, buyId)).text).toContain("未成团（2/5）");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("closes at the next tick after a restart a deadline that passed while the bot was down", async () => {
    const joiners = members(3);
    const { buyId } = await setup("2", joiners);
    await h.stopBot();
    h.clock.set(new Date(DEADLINE.getTime() + 6 * HOUR));
    await h.restartBot();
    const calls = listen(h);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("OPEN");
    await h.flush();
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("SUCCEEDED");
    expect(calls.succeeded).toHaveLength(1);
    for (const m of joiners) expect(h.fake.messages(m.id)).toHaveLength(1);
    // no stale reminders were sent for the missed moments
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { contains: ":remind:" } } })).toBe(0);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("finishes once, as of its deadline's claim, a close whose process died between the claim and the follow-ups", async () => {
    const joiners = members(3);
    const { buyId } = await setup("2", joiners);
    await h.stopBot();
    // what the deadline's claim leaves if the process dies right after it: CLOSING, closedAt, nothing else
    const claimedAt = new Date(DEADLINE.getTime() + 500);
    expect(await claimDue(h.db, claimedAt)).toBe(1);
    h.clock.set(new Date(DEADLINE.getTime() + HOUR));
    await h.restartBot();
    const calls = listen(h);
    await h.flush();
    await h.services.scheduler.tick();
    await h.flush();
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.status).toBe("SUCCEEDED");
    expect(buy.closedAt).toEqual(claimedAt);
    expect(calls.succeeded).toHaveLength(1);
    for (const m of joiners) expect(h.fake.messages(m.id)).toHaveLength(1);
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { startsWith: `gb${buyId}:closed:` } } })).toBe(3 + 2);
    h.fake.assertNoRejections();
  });

  it("closes once when an organizer's /close races the deadline job", async () => {
    const joiners = members(3);
    const { buyId, group } = await setup("1", joiners);
    const calls = listen(h);
    h.clock.set(new Date(DEADLINE.getTime() + 1_000));
    h.fake.pushUpdate(command(boss, group, "close", String(buyId)));
    await Promise.all([h.fake.settle(), h.services.scheduler.tick()]);
    await h.flush();
    expect(calls.succeeded).toHaveLength(1);
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { startsWith: `gb${buyId}:closed:` } } })).toBe(3 + 2);
    for (const m of joiners) expect(h.fake.messages(m.id)).toHaveLength(1);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("keeps notifying the others when a member blocked the bot", async () => {
    const joiners = members(3);
    const { buyId } = await setup("3", joiners);
    h.fake.blockChat(joiners[1]!.id);
    h.clock.set(new Date(DEADLINE.getTime() + 1_000));
    await h.flush();
    expect(h.fake.messages(joiners[0]!.id)).toHaveLength(1);
    expect(h.fake.messages(joiners[2]!.id)).toHaveLength(1);
    // joins are handled side by side, so order ids needn't follow the joiners' order
    const blockedOrder = await h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId, member: { telegramId: BigInt(joiners[1]!.id) } } });
    const blocked = await h.db.outboxMessage.findUniqueOrThrow({ where: { dedupKey: `gb${buyId}:closed:o${blockedOrder.id}` } });
    expect(blocked.status).toBe("BLOCKED");
    const member = await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(joiners[1]!.id) } });
    expect(member.blockedBotAt).not.toBeNull();
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});
