import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, memberId, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { Outbox } from "../../src/services/outbox";
import { GroupBuys } from "../../src/db/group-buys";
import { paidRefusalNotices } from "../../src/features/group-buy/paid-refusals";

// A paid close whose Stars run out partway still reaches every member (the
// rest at the free rate), and each organizer hears of it once, in private, in
// their language: not once per refused message, and not again from another
// instance or after a restart.

// a dozen members, a product and a buy to set up: slow on a busy machine
let h: Harness;
afterEach(async () => {
  await h?.close();
});

const boss = user({ id: 1000, first_name: "Boss", language_code: "en" });
const li = user({ id: 1001, first_name: "Li", language_code: "zh" });
const rita = user({ first_name: "Rita", language_code: "en" });
const JOINERS = 12;
/** 0.5 ⭐ on the bot's balance: five paid messages, then Telegram refuses */
const BALANCE_TENTHS = 5;
const refusedForStars = (call: { response: { description?: string } }) => /not enough Telegram Stars/.test(call.response.description ?? "");

/** A buy with `joiners`, in a community whose organizer turned paid broadcasts on in /settings; /close and its confirm button pressed. */
async function closePaid(joiners: User[]): Promise<{ buyId: number }> {
  h = await createHarness({ organizerIds: [boss.id, li.id], allowRejections: refusedForStars });
  const { communityId, group } = await setupCommunity(h, boss);
  await memberId(h, li); // an organizer the bot knows, who reads Chinese
  const { productId } = await createApprovedProduct(h, { communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  for (const m of joiners) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  const chat = privateChat(boss);
  await h.send(command(boss, chat, "settings"));
  const menu = h.fake.lastMessage(chat.id)!;
  await h.send(callbackQuery(boss, menu, buttonData(menu, `stg:${communityId}:paid:1`)));
  await h.flush();
  h.fake.starsBalanceTenths = BALANCE_TENTHS;
  await h.send(command(boss, group, "close", String(buyId)));
  const estimate = h.fake.lastMessage(group.id)!;
  await h.send(callbackQuery(boss, estimate, buttonData(estimate, "gbaclose:")));
  expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("SUCCEEDED");
  return { buyId };
}

const starsNotices = (organizer: User) => h.fake.messages(organizer.id).filter((m) => /Stars ran out|星星已用完/.test(m.text ?? ""));

async function expectEachMemberOnce(joiners: User[], buyId: number) {
  for (const j of joiners) {
    const notices = h.fake.messages(j.id).filter((m) => (m.caption ?? m.text ?? "").includes(`#${buyId}`));
    expect(notices, j.first_name).toHaveLength(1);
  }
  const rows = (await h.db.outboxMessage.findMany({ where: { dedupKey: { startsWith: `gb${buyId}:closed:o` } } })).filter((r) => /:o\d+$/.test(r.dedupKey));
  expect(rows.map((r) => r.status)).toEqual(Array(JOINERS).fill("SENT"));
  // the five the balance paid for stay marked paid; the rest went free
  expect(rows.filter((r) => r.paidBroadcast)).toHaveLength(BALANCE_TENTHS);
  expect(h.fake.paidMessages).toBe(BALANCE_TENTHS);
  expect(h.fake.starsSpent).toBe(0.5);
}

describe("a paid close whose Stars run out", () => {
  it("reaches every member once, and tells each organizer once, privately, in their language, what happens and what to do", async () => {
    const joiners = members(JOINERS);
    const { buyId } = await closePaid(joiners);
    await h.flush();
    await h.flush();

    // Telegram refused several paid sends (each delivered nothing), yet one message per organizer
    const refusals = h.fake.calls.filter(refusedForStars);
    expect(refusals.length).toBeGreaterThan(1);
    expect(refusals.every((c) => c.params.allow_paid_broadcast === true && c.response.error_code === 400)).toBe(true);
    const [en] = starsNotices(boss);
    expect(starsNotices(boss)).toHaveLength(1);
    expect(en!.text).toMatch(new RegExp(`^⭐ The bot's Stars ran out while sending the notices of group buy #${buyId} \\(.+\\)\\.\n` +
      "The remaining \\d+ notices go out at the free rate \\(about 30 a second\\): about 1 s more\\. Every member still gets theirs\\.\n" +
      "For fast notices next time, top up the bot's Stars balance \\(its owner can, in @BotFather\\), or turn paid broadcasts off in /settings\\.$"));
    expect(starsNotices(li)).toHaveLength(1);
    expect(starsNotices(li)[0]!.text).toContain(`团购 #${buyId}`);
    expect(starsNotices(li)[0]!.text).toContain("或在 /settings 中关闭付费广播");
    // free sends themselves, one row per organizer
    const told = await h.db.outboxMessage.findMany({ where: { dedupKey: { startsWith: `gb${buyId}:paid-refused:` } } });
    expect(told.map((r) => [Number(r.chatId), r.status, r.paidBroadcast])).toEqual([[boss.id, "SENT", false], [li.id, "SENT", false]].sort((a, b) => (a[0] as number) - (b[0] as number)));
    await expectEachMemberOnce(joiners, buyId);

    // after a restart nothing is sent again
    await h.restartBot();
    await h.flush();
    expect(starsNotices(boss)).toHaveLength(1);
    await expectEachMemberOnce(joiners, buyId);
  }, 60_000);

  it("tells each organizer once when two instances (two processes' memory) send the close's notices at once", async () => {
    const joiners = members(JOINERS);
    const { buyId } = await closePaid(joiners);
    // a second instance: its own outbox and its own record of whom it told
    const other = new Outbox(h.db, h.bot.api, h.clock, h.logger, async () => undefined);
    other.whenPaidRefused(paidRefusalNotices({ services: h.services, buys: new GroupBuys(h.db) }));
    await Promise.all([h.services.outbox.drain(), other.drain()]);
    await Promise.all([h.services.outbox.drain(), other.drain()]);
    expect(h.fake.calls.filter(refusedForStars).length).toBeGreaterThan(1);
    expect(starsNotices(boss)).toHaveLength(1);
    expect(starsNotices(li)).toHaveLength(1);
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { startsWith: `gb${buyId}:paid-refused:` } } })).toBe(2);
    await expectEachMemberOnce(joiners, buyId);
  }, 60_000);
});
