import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";
import { ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../helpers/big-buy";

// Organizer commands as organizers (and the members who try them) expect
// them: refusals not spent on the group, honest marks, buttons named for what
// they do, deadlines moved from where they were, exports that add up, and a
// long close that shows its progress.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const REFUSAL = "Only this community's organizers can use this command.";

async function setup(min: string, joiners: User[], organizer: User = boss): Promise<Community & { buyId: number }> {
  h = await createHarness({ organizerIds: [organizer.id] });
  const community = await setupCommunity(h, organizer);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, organizer, productId, { min, deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  for (const [i, m] of joiners.entries()) {
    for (let k = 0; k <= i; k++) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  }
  return { ...community, buyId };
}

const lastText = (chatId: number) => h.fake.lastMessage(chatId)?.text;
const texts = (chatId: number) => h.fake.messages(chatId).map((m) => m.text ?? m.caption);

describe("a member's refused organizer command in a group", () => {
  it("goes to the member privately and never to the group, in every feature", async () => {
    const { buyId, group } = await setup("1", members(1));
    const mallory = user({ first_name: "Mallory", language_code: "en" });
    await h.send(textMessage(mallory, group, "hi"));
    const before = h.fake.messages(group.id).length;
    for (const [cmd, args] of [["close", String(buyId)], ["paid", `${buyId} 1`], ["buys", ""], ["add_organizer", String(rita.id)], ["admins_organize", "on"], ["ledger", ""]] as const) {
      await h.send(command(mallory, group, cmd, args));
      expect(lastText(mallory.id), cmd).toBe(REFUSAL);
    }
    expect(h.fake.messages(group.id)).toHaveLength(before);
    expect(h.fake.messages(mallory.id)).toHaveLength(6);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("OPEN");
  });

  it("when the bot can't write to them: a reply in the group, deleted after a minute, even across a restart", async () => {
    const { buyId, group } = await setup("1", members(1));
    const mallory = user({ first_name: "Mallory", language_code: "en" });
    h.fake.blockChat(mallory.id); // never started the bot, or blocked it: 403 either way
    const attempt = command(mallory, group, "close", String(buyId));
    await h.send(attempt);
    const reply = h.fake.lastMessage(group.id)!;
    expect(reply.text).toBe(REFUSAL);
    const sent = h.fake.callsOf("sendMessage").at(-1)!;
    expect(sent.params.reply_parameters).toMatchObject({ message_id: attempt.message!.message_id });
    // queued with the outbox, so a restart doesn't leave it there
    await h.restartBot();
    h.clock.advance(59_000);
    await h.flush();
    expect(h.fake.message(group.id, reply.message_id)?.deleted).toBe(false);
    h.clock.advance(2_000);
    await h.flush();
    expect(h.fake.message(group.id, reply.message_id)?.deleted).toBe(true);
    expect(h.fake.lastMessage(group.id)?.text).not.toBe(REFUSAL);
  });
});

describe("/paid and /picked_up", () => {
  it("say what was marked now, what was marked already, and what could not be", async () => {
    const joiners = members(3);
    const { buyId, group } = await setup("1", joiners);
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    expect(lastText(group.id)).toBe("Marked paid: #1-1 Member1");
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    expect(lastText(group.id)).toBe("Already marked paid before: #1-1 Member1");
    await h.send(command(boss, group, "paid", `${buyId} 1 2`));
    expect(lastText(group.id)).toBe("Marked paid: #1-2 Member2\nAlready marked paid before: #1-1 Member1");
    await h.send(command(boss, group, "picked_up", `${buyId} 3`));
    expect(lastText(group.id)).toBe("Could not mark #1-3 Member3 (no open order, or the buy isn't at that stage).");
    await h.send(command(boss, group, "close", String(buyId)));
    await h.send(command(boss, group, "picked_up", `${buyId} 3`));
    await h.send(command(boss, group, "picked_up", `${buyId} 3 2`));
    expect(lastText(group.id)).toBe("Marked picked up: #1-2 Member2\nAlready marked picked up before: #1-3 Member3");
    expect(await h.db.orderEvent.count({ where: { kind: "PAID" } })).toBe(2);
    expect(await h.db.orderEvent.count({ where: { kind: "PICKED_UP" } })).toBe(2);
    // a small close shows no progress message
    await h.flush();
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).progressChatId).toBeNull();

    // the /orders button pressed again (a client retry, a new update id) says it was so already
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    // two presses before the bot's edit (two organizers, or a double tap)
    const pay3 = callbackQuery(boss, list, buttonData(list, "gbapay:3:"));
    const again = callbackQuery(boss, list, buttonData(list, "gbapay:3:"));
    await h.send(pay3, again);
    expect(h.fake.callbackAnswer(pay3.callback_query!.id)!.text).toBe("Done.");
    expect(h.fake.callbackAnswer(again.callback_query!.id)!.text).toBe("It was already so.");
  });
});

describe("/orders' take-back button", () => {
  it("is named for what it does, apart from back; the confirm and the result use the same word", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup("1", joiners);
    const chat = privateChat(boss);
    // open: the order is cancelled
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    expect(buttons(list).map((b) => b.text)).toEqual(["💰 #1-1 Member1", "✖ Cancel #1-1", "💰 #1-2 Member2", "✖ Cancel #1-2"]);
    await h.send(callbackQuery(boss, list, buttonData(list, "gbarf:1:")));
    const asking = h.fake.message(chat.id, list.message_id)!;
    expect(buttons(asking).slice(0, 2).map((b) => b.text)).toEqual(["Confirm: cancel #1-1 Member1", "↩ Back"]);
    const cancel = callbackQuery(boss, asking, buttonData(asking, "gbarfy:1:"));
    await h.send(cancel);
    expect(h.fake.callbackAnswer(cancel.callback_query!.id)!.text).toBe("Order #1-1 is cancelled; the member is notified.");
    expect((await h.db.order.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("CANCELLED");

    // after it went ahead: refunded
    await h.send(command(boss, group, "close", String(buyId)));
    await h.send(command(boss, chat, "orders", String(buyId)));
    const after = h.fake.lastMessage(chat.id)!;
    expect(buttons(after).map((b) => b.text)).toEqual(["💰 #1-2 Member2", "📦", "💸 Refund #1-2"]);
    await h.send(callbackQuery(boss, after, buttonData(after, "gbarf:2:")));
    const confirm = h.fake.message(chat.id, after.message_id)!;
    expect(buttons(confirm).slice(0, 2).map((b) => b.text)).toEqual(["Confirm: refund #1-2 Member2", "↩ Back"]);
    const refund = callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:2:"));
    await h.send(refund);
    expect(h.fake.callbackAnswer(refund.callback_query!.id)!.text).toBe("Order #1-2 is refunded; the member is notified.");
    expect((await h.db.order.findUniqueOrThrow({ where: { id: 2 } })).status).toBe("REFUNDED");
  });

  it("reads the same in Chinese", async () => {
    const zhBoss = user({ id: ORGANIZER, first_name: "老板", language_code: "zh" });
    const { buyId, group } = await setup("1", members(1), zhBoss);
    await h.send(command(zhBoss, group, "close", String(buyId)));
    const chat = privateChat(zhBoss);
    await h.send(command(zhBoss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    expect(buttons(list).map((b) => b.text)).toEqual(["💰 #1-1 Member1", "📦", "💸 退款 #1-1"]);
    await h.send(callbackQuery(zhBoss, list, buttonData(list, "gbarf:1:")));
    const confirm = h.fake.message(chat.id, list.message_id)!;
    expect(buttons(confirm).map((b) => b.text)).toEqual(["确认退款 #1-1 Member1", "↩ 返回"]);
    const refund = callbackQuery(zhBoss, confirm, buttonData(confirm, "gbarfy:1:"));
    await h.send(refund);
    expect(h.fake.callbackAnswer(refund.callback_query!.id)!.text).toBe("订单 #1-1 已退款，已通知成员。");
  });
});

describe("/extend", () => {
  it("adds an offset to the current deadline, replaces it with a time, and says both", async () => {
    const { buyId, group } = await setup("5", members(1));
    const deadline = async () => (await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).deadlineAt.toISOString();
    expect(await deadline()).toBe("2026-12-03T12:00:00.000Z");
    await h.send(command(boss, group, "extend", `${buyId} +1d`));
    expect(lastText(group.id)).toBe(`Group buy #${buyId} now closes Dec 4, 20:00 (was Dec 3, 20:00).`);
    expect(await deadline()).toBe("2026-12-04T12:00:00.000Z");
    await h.send(command(boss, group, "extend", `${buyId} 2026-12-02 18:00`));
    expect(lastText(group.id)).toBe(`Group buy #${buyId} now closes Dec 2, 18:00 (was Dec 4, 20:00).`);
    expect(await deadline()).toBe("2026-12-02T10:00:00.000Z");
    await h.send(command(boss, group, "extend", `${buyId} 3小时后`));
    expect(lastText(group.id)).toBe(`Group buy #${buyId} now closes Dec 2, 21:00 (was Dec 2, 18:00).`);
    await h.send(command(boss, group, "extend", `${buyId} yesterday-ish`));
    expect(lastText(group.id)).toContain("couldn't read that time");
    expect(await deadline()).toBe("2026-12-02T13:00:00.000Z");
  });

  it("extends once when the update is delivered again after a crash before its handled mark", async () => {
    const { buyId, group } = await setup("5", members(1));
    // the crash: the handler's work is done, the mark written after it is lost
    const processed = h.services.processedUpdates;
    processed.markHandled = async () => undefined;
    const extend = command(boss, group, "extend", `${buyId} +1d`);
    await h.send(extend);
    expect(lastText(group.id)).toBe(`Group buy #${buyId} now closes Dec 4, 20:00 (was Dec 3, 20:00).`);
    await h.bot.handleUpdate(structuredClone(extend));
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).deadlineAt.toISOString()).toBe("2026-12-04T12:00:00.000Z");
    expect(texts(group.id).filter((t) => t?.includes("now closes"))).toHaveLength(1);
  });
});

describe("/export", () => {
  it("shows ended orders as 0 with their quantity apart, so the amount column sums to the buy's total; 'sending a file…' first", async () => {
    const joiners = members(4);
    const { buyId, group } = await setup("1", joiners); // orders of 1, 2, 3, 4
    const post = await announcement(h, buyId);
    await h.send(callbackQuery(joiners[1]!, post, `gbcancel:${buyId}`)); // Member2 cancels while open
    await h.send(command(boss, group, "close", String(buyId)));
    // an organizer refunds Member3 after the buy went ahead
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    await h.send(callbackQuery(boss, list, buttonData(list, "gbarf:3:")));
    const confirm = h.fake.message(chat.id, list.message_id)!;
    await h.send(callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:3:")));
    await h.send(command(boss, chat, "orders", String(buyId)));
    expect(lastText(chat.id)).toContain("Total: 2 orders, 5 × bag, ¥125.00; paid ¥0.00.");

    await h.send(command(boss, group, "export", String(buyId)));
    const doc = h.fake.lastMessage(boss.id)!;
    expect(doc.document?.file_name).toBe(`groupbuy-${buyId}.csv`);
    expect(h.fake.chatActions(boss.id)).toEqual([{ chatId: boss.id, action: "upload_document", beforeMessageId: doc.message_id }]);
    const rows = doc.files[0]!.bytes!.toString("utf8").slice(1).trimEnd().split("\r\n").map((l) => l.split(","));
    const header = rows[0]!;
    expect(header.slice(3, 9)).toEqual(["Quantity", "Unit price", "Amount", "Currency", "Order status", "Original quantity"]);
    const col = (name: string) => header.indexOf(name);
    const body = rows.slice(1);
    expect(body.map((r) => [r[1], r[col("Quantity")], r[col("Amount")], r[col("Order status")], r[col("Original quantity")]])).toEqual([
      ["Member1", "1", "25.00", "active", ""],
      ["Member2", "0", "0.00", "cancelled", "2"],
      ["Member3", "0", "0.00", "refunded", "3"],
      ["Member4", "4", "100.00", "active", ""],
    ]);
    const sumFen = body.reduce((sum, r) => sum + Math.round(Number(r[col("Amount")]) * 100), 0);
    const active = await h.db.order.findMany({ where: { groupBuyId: buyId, status: "ACTIVE" } });
    expect(sumFen).toBe(active.reduce((sum, o) => sum + o.amountFen, 0));
    expect(sumFen).toBe(12_500);
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.status).toBe("SUCCEEDED");
    expect(body.reduce((sum, r) => sum + Number(r[col("Quantity")]), 0)).toBe(buy.totalQty);
  });

  it("/export_ledger shows 'sending a file…' before its document too", async () => {
    const { group } = await setup("1", members(1));
    await h.send(command(boss, group, "export_ledger"));
    const doc = h.fake.lastMessage(boss.id)!;
    expect(doc.document?.file_name).toMatch(/^ledger-\d+-\d{8}\.csv$/);
    expect(h.fake.chatActions(boss.id)).toEqual([{ chatId: boss.id, action: "upload_document", beforeMessageId: doc.message_id }]);
  });
});

describe("a long close's progress", () => {
  const olga = user({ id: ORGANIZER_TELEGRAM_ID, first_name: "Olga", username: "olga_org", language_code: "en" });
  const ORDERS = 300;

  /** Telegram's limits and the bot's pacing on a virtual clock: 300 notices take ~11 s of it, none of the test's. */
  function virtualSendClock() {
    let skipped = 0;
    return { now: () => Date.now() + skipped, sleep: async (ms: number) => void (skipped += ms) };
  }
  const harness = () => createHarness({ organizerIds: [ORGANIZER_TELEGRAM_ID], rateLimits: true, sendClock: virtualSendClock() });

  /** Holds back the members' notices after the first `sent` (by id), as a slow send would. */
  async function letThrough(buyId: number, sent: number) {
    const notices = await h.db.outboxMessage.findMany({ where: { dedupKey: { startsWith: `gb${buyId}:closed:o` } }, orderBy: { id: "asc" }, select: { id: true } });
    const cut = notices[sent]?.id ?? Number.MAX_SAFE_INTEGER;
    await h.db.outboxMessage.updateMany({ where: { dedupKey: { startsWith: `gb${buyId}:closed:o` }, status: "PENDING", id: { gte: cut } }, data: { notBefore: new Date("2100-01-01") } });
    await h.db.outboxMessage.updateMany({ where: { dedupKey: { startsWith: `gb${buyId}:closed:o` }, status: "PENDING", id: { lt: cut } }, data: { notBefore: h.clock.now() } });
  }

  it("shows the organizer who closed it how many members are notified, edited as they are, until all are", async () => {
    h = await harness();
    const seeded = await seedBigBuy(h.databaseUrl, { orders: ORDERS, recommenders: 2 });
    const name = "有机糙米 (5 kg)";
    await h.send(command(olga, privateChat(olga), "close", String(seeded.buyId)));
    await letThrough(seeded.buyId, 100);
    await h.flush();
    const progress = h.fake.lastMessage(olga.id)!;
    expect(progress.text).toBe(`Group buy #${seeded.buyId} “${name}” closing notices: sent 100 / 300`);

    // not edited more often than every 5 s
    await letThrough(seeded.buyId, 200);
    await h.flush();
    expect(h.fake.message(olga.id, progress.message_id)!.edits).toBe(0);
    h.clock.advance(5_000);
    await h.flush();
    expect(h.fake.message(olga.id, progress.message_id)!.text).toBe(`Group buy #${seeded.buyId} “${name}” closing notices: sent 200 / 300`);

    await letThrough(seeded.buyId, ORDERS);
    h.clock.advance(5_000);
    await h.flush();
    expect(h.fake.message(olga.id, progress.message_id)).toMatchObject({ text: `Group buy #${seeded.buyId} “${name}” closing notices: all 300 sent`, edits: 2 });
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId } })).progressDoneAt).not.toBeNull();
    // done: no more edits, no more messages
    const count = h.fake.messages(olga.id).length;
    h.clock.advance(60_000);
    await h.flush();
    expect(h.fake.messages(olga.id)).toHaveLength(count);
    expect(h.fake.message(olga.id, progress.message_id)!.edits).toBe(2);
  }, 60_000);

  it("shows a deadline close's progress to the buy's opener, in their language", async () => {
    h = await harness();
    const seeded = await seedBigBuy(h.databaseUrl, { orders: ORDERS, recommenders: 2 });
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId }, include: { openedBy: true } });
    await h.db.member.update({ where: { id: buy.openedById }, data: { telegramLanguage: "zh" } });
    const opener = Number(buy.openedBy.telegramId);
    h.clock.set(new Date(buy.deadlineAt.getTime() + 60_000));
    await h.flush();
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId } })).status).toBe("SUCCEEDED");
    h.clock.advance(5_000);
    await h.flush();
    expect(texts(opener)).toContain(`团购 #${seeded.buyId}「有机糙米 (5 kg)」截单通知：已全部通知 300`);
    expect(texts(olga.id)).toEqual([]);
  }, 60_000);
});
