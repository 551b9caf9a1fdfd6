import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";

// A community may pay Telegram (0.1 Star a message) to send a close's notices
// as paid broadcasts, up to 1,000 a second instead of 30. Off by default,
// turned on in /settings; the organizer sees the cost before closing.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const JOINERS = 12;

async function setup(joiners: User[]): Promise<Community & { buyId: number }> {
  h = await createHarness({ organizerIds: [boss.id] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  for (const m of joiners) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  return { ...community, buyId };
}

/** Turns paid broadcasts on from the /settings menu in private, as an organizer does. */
async function turnOnPaidBroadcasts(communityId: number) {
  const chat = privateChat(boss);
  await h.send(command(boss, chat, "settings"));
  const menu = h.fake.lastMessage(chat.id)!;
  expect(menu.text).toContain("Paid broadcasts for a close's notices (0.1 ⭐ each from the bot's balance, up to 1,000 a second instead of 30): off");
  await h.send(callbackQuery(boss, menu, buttonData(menu, `stg:${communityId}:paid:1`)));
  const edited = h.fake.message(chat.id, menu.message_id)!;
  expect(edited.text).toContain("up to 1,000 a second instead of 30): on");
  expect(buttons(edited).map((b) => b.text)).toContain("⭐ Paid broadcasts: turn off");
}

/** The members' close notices as sent, and whether each asked for a paid broadcast. */
function memberNotices(joiners: User[]) {
  const ids = new Set(joiners.map((j) => j.id));
  return [...h.fake.callsOf("sendPhoto"), ...h.fake.callsOf("sendMessage")].filter((c) => ids.has(Number(c.params.chat_id)) && c.response.ok && String(c.params.caption ?? c.params.text).includes("#"));
}

describe("paid broadcasts", () => {
  it("are turned on in /settings (logged), and a close shows the cost first, then sends the members' notices paid", async () => {
    const joiners = members(JOINERS);
    const { buyId, communityId, group } = await setup(joiners);
    expect((await h.db.community.findUniqueOrThrow({ where: { id: communityId } })).paidBroadcast).toBe(false);
    await turnOnPaidBroadcasts(communityId);
    expect((await h.db.community.findUniqueOrThrow({ where: { id: communityId } })).paidBroadcast).toBe(true);
    const logged = await h.db.settingChange.findMany({ where: { communityId, key: "paidBroadcast" } });
    expect(logged.map((c) => [c.oldValue, c.newValue])).toEqual([["off", "on"]]);

    // /close: the estimate and a button, nothing closed or spent yet
    await h.send(command(boss, group, "close", String(buyId)));
    const estimate = h.fake.lastMessage(group.id)!;
    expect(estimate.text).toBe(
      `⭐ Close group buy #${buyId}?\n` +
        `Its ${JOINERS} notices to members go as paid broadcasts: all sent in about 1 s (at the free rate: about 1 s).\n` +
        `Cost: ${JOINERS} notices ≈ 1.2 ⭐ from the bot's balance (0.1 ⭐ each).\n` +
        "Paid broadcasts are turned on and off in /settings.",
    );
    expect(buttons(estimate).map((b) => b.text)).toEqual(["✅ Close (1.2 ⭐)"]);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("OPEN");
    await h.flush();
    expect(memberNotices(joiners)).toEqual([]);

    // a member can't press it
    const mallory = joiners[0]!;
    const forged = callbackQuery(mallory, estimate, buttonData(estimate, "gbaclose:"));
    await h.send(forged);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("OPEN");

    // confirmed (pressed twice: closed once)
    const press = callbackQuery(boss, estimate, buttonData(estimate, "gbaclose:"));
    const again = callbackQuery(boss, estimate, buttonData(estimate, "gbaclose:"));
    await h.send(press, again);
    expect(h.fake.callbackAnswer(press.callback_query!.id)!.text).toBe("Closed.");
    expect(h.fake.callbackAnswer(again.callback_query!.id)!.text).toBe(`Group buy #${buyId} is not open (it is going ahead).`);
    expect(h.fake.message(group.id, estimate.message_id)!.text).toBe(`Group buy #${buyId} is closed and going ahead (${JOINERS}/1). Members are being notified.`);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("SUCCEEDED");
    await h.flush();

    const notices = memberNotices(joiners);
    expect(notices).toHaveLength(JOINERS);
    expect(notices.every((c) => c.method === "sendPhoto" && c.params.allow_paid_broadcast === true)).toBe(true);
    // the group's and the opener's notices are single messages: free
    const others = h.fake.calls.filter((c) => ["sendMessage", "sendPhoto"].includes(c.method) && !notices.includes(c));
    expect(others.some((c) => c.params.allow_paid_broadcast !== undefined)).toBe(false);
    // marked sent (a batch at a write), so nothing is sent again
    const rows = (await h.db.outboxMessage.findMany({ where: { dedupKey: { startsWith: `gb${buyId}:closed:o` } } })).filter((r) => /:o\d+$/.test(r.dedupKey));
    expect(rows.map((r) => r.status)).toEqual(Array(JOINERS).fill("SENT"));
    await h.flush();
    expect(memberNotices(joiners)).toHaveLength(JOINERS);
    expect(h.fake.paidMessages).toBe(JOINERS);
    expect(h.fake.starsSpent).toBe(1.2);
    h.fake.assertNoRejections();
  });

  it("are off by default: /close closes at once and no notice is paid", async () => {
    const joiners = members(3);
    const { buyId, group } = await setup(joiners);
    await h.send(command(boss, group, "close", String(buyId)));
    expect(h.fake.lastMessage(group.id)!.text).toBe(`Group buy #${buyId} is closed and going ahead (3/1). Members are being notified.`);
    await h.flush();
    const notices = memberNotices(joiners);
    expect(notices).toHaveLength(3);
    expect(h.fake.calls.some((c) => c.params.allow_paid_broadcast !== undefined)).toBe(false);
    expect(h.fake.starsSpent).toBe(0);
    h.fake.assertNoRejections();
  });
});
