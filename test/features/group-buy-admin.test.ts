import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import type { Tx } from "../../src/db/client";
import { announcement, buttonData, buttons, createApprovedProduct, flushAnnouncements, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const DEADLINE = new Date("2026-12-03T12:00:00Z");

async function setup(min: string, joiners: User[]): Promise<Community & { buyId: number }> {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min, deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  for (const [i, m] of joiners.entries()) {
    for (let k = 0; k <= i; k++) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  }
  return { ...community, buyId };
}

const lastText = (chatId: number) => h.fake.lastMessage(chatId)!.text;

describe("organizer commands", () => {
  it("refuses /close and friends to anyone who is not an organizer of that community", async () => {
    const { buyId, group } = await setup("1", members(1));
    const mallory = user({ first_name: "Mallory", language_code: "en" });
    await h.send(command(mallory, group, "close", String(buyId)));
    // told privately, not in the group (group-buy-admin-ux.test.ts has the rest)
    expect(lastText(mallory.id)).toBe("Only this community's organizers can use this command.");
    await h.send(command(mallory, privateChat(mallory), "close", String(buyId)));
    expect(lastText(mallory.id)).toBe("Only this community's organizers can use this command.");
    // an organizer of another community can't reach this one's buys either
    const other = await setupCommunity(h, boss, "Other Co-op");
    const olga = user({ first_name: "Olga", language_code: "en" });
    await h.send(textMessage(olga, other.group, "hi"));
    await h.send(command(boss, other.group, "add_organizer", String(olga.id)));
    for (const cmd of ["close", "export", "orders", "cancel_buy"]) {
      await h.send(command(olga, privateChat(olga), cmd, `${buyId} because`));
      expect(lastText(olga.id)).toBe("Only this community's organizers can use this command.");
    }
    await h.send(command(olga, other.group, "close", String(buyId)));
    expect(lastText(other.group.id)).toBe(`Group buy #${buyId} belongs to another community.`);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("OPEN");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("lists buys, closes one now, and says so when it is already closed", async () => {
    const { buyId, group } = await setup("2", members(2));
    await h.send(command(boss, group, "buys"));
    expect(lastText(group.id)).toContain(`#${buyId} Organic rice — open · 3/2 · Dec 3, 20:00`);
    await h.send(command(boss, group, "close"));
    expect(lastText(group.id)).toBe("Usage: /close <buy number>, e.g. /close 12");
    await h.send(command(boss, group, "close", "#999"));
    expect(lastText(group.id)).toBe("There is no group buy #999.");
    await h.send(command(boss, group, "close", `#${buyId}`));
    expect(lastText(group.id)).toBe(`Group buy #${buyId} is closed and going ahead (3/2). Members are being notified.`);
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.status).toBe("SUCCEEDED");
    expect(buy.closedById).not.toBeNull();
    await h.send(command(boss, group, "close", String(buyId)));
    expect(lastText(group.id)).toBe(`Group buy #${buyId} is not open (it is going ahead).`);
    await h.flush();
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("moves a deadline with /extend, and reminders fire again for the new one", async () => {
    const { buyId, group } = await setup("5", members(1));
    h.clock.set(new Date(DEADLINE.getTime() - 30 * 60_000));
    await h.flush();
    expect(await h.db.groupBuyReminder.count()).toBe(2);
    await h.send(command(boss, group, "extend", `${buyId} soon`));
    expect(lastText(group.id)).toContain("couldn't read that time");
    await h.send(command(boss, group, "extend", `${buyId} +2d`));
    // two days after the current deadline, not after now
    expect(lastText(group.id)).toBe(`Group buy #${buyId} now closes Dec 5, 20:00 (was Dec 3, 20:00).`);
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.deadlineAt.toISOString()).toBe(new Date(DEADLINE.getTime() + 2 * 24 * 3600_000).toISOString());
    expect(await h.db.groupBuyReminder.count()).toBe(0);
    h.clock.set(new Date(DEADLINE.getTime() + 60_000));
    await h.flush();
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("OPEN");
    expect((await announcement(h, buyId)).text).toContain("截止：12月5日 20:00");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("cancels an open buy with a reason: orders void, members and group told", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup("5", joiners);
    await h.send(command(boss, group, "cancel_buy", String(buyId)));
    expect(lastText(group.id)).toContain("Usage: /cancel_buy");
    await h.send(command(boss, group, "cancel_buy", `${buyId} the farm <can't> deliver`));
    expect(lastText(group.id)).toBe(`Group buy #${buyId} is cancelled; 2 members are being notified.`);
    await flushAnnouncements(h);
    expect((await h.db.order.findMany()).map((o) => o.status)).toEqual(["VOID", "VOID"]);
    expect(lastText(joiners[1]!.id)).toBe(`🚫 Group buy #${buyId} “Organic rice” was cancelled by the organizers: the farm <can't> deliver. Your order #${buyId}-2 (2 × bag, ¥50.00) is void.`);
    expect(h.fake.messages(group.id).some((m) => m.text === `🚫 团购 #${buyId}「Organic rice」已取消：the farm <can't> deliver`)).toBe(true);
    const post = await announcement(h, buyId);
    expect(post.text).toContain("已取消：the farm <can't> deliver");
    // an ended buy keeps its card and the recommender's ❓ only
    expect(buttons(post).map((b) => b.text)).toEqual(["📄 完整卡片", "❓ 提问"]);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("shows /orders in the group with names and quantities only, and the amounts privately", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup("1", joiners);
    await h.send(command(boss, group, "orders", String(buyId)));
    const inGroup = h.fake.messages(group.id).at(-2)!.text!;
    expect(inGroup).toContain("#1-1 Member1 ×1\n#1-2 Member2 ×2");
    expect(inGroup).toContain("Total: 2 members, 3 × bag.");
    expect(inGroup).not.toContain("¥");
    expect(lastText(group.id)).toBe("I sent the amounts and payments to you privately.");
    const detail = h.fake.lastMessage(boss.id)!;
    expect(detail.text).toContain("#1-1 Member1 ×1 · ¥25.00 · unpaid · not picked up");
    expect(detail.text).toContain("#1-2 Member2 ×2 · ¥50.00 · unpaid · not picked up");
    expect(detail.text).toContain("Total: 2 orders, 3 × bag, ¥75.00; paid ¥0.00.");
    // an organizer who blocked the bot gets a hint instead
    h.fake.blockChat(boss.id);
    await h.send(command(boss, group, "orders", String(buyId)));
    expect(lastText(group.id)).toContain("start a private chat with me first");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("marks payment and pickup by command and by the /orders buttons", async () => {
    const joiners = members(3);
    const { buyId, group } = await setup("1", joiners);
    await h.send(command(boss, group, "paid", `${buyId} 1 #3`));
    expect(lastText(group.id)).toBe("Marked paid: #1-1 Member1, #1-3 Member3");
    await h.send(command(boss, group, "paid", `${buyId} Nobody Here`));
    expect(lastText(group.id)).toContain("couldn't find “Nobody Here”");
    await h.send(command(boss, group, "picked_up", `${buyId} Member2`));
    expect(lastText(group.id)).toBe("Could not mark #1-2 Member2 (no open order, or the buy isn't at that stage).");
    await h.send(command(boss, group, "close", String(buyId)));
    await h.send(command(boss, group, "picked_up", `${buyId} Member2`));
    expect(lastText(group.id)).toBe("Marked picked up: #1-2 Member2");

    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    expect(list.text).toContain("#1-1 Member1 ×1 · ¥25.00 · paid · not picked up");
    expect(list.text).toContain("paid ¥100.00");
    expect(buttons(list).map((b) => b.text).slice(0, 3)).toEqual(["✅ #1-1 Member1", "📦", "💸 Refund #1-1"]);
    const pay2 = callbackQuery(boss, list, buttonData(list, "gbapay:2:"));
    await h.send(pay2);
    expect(h.fake.message(chat.id, list.message_id)!.text).toContain("#1-2 Member2 ×2 · ¥50.00 · paid · picked up");
    // the same press delivered again (a new update id: a client retry) sets the same state, not its opposite
    await h.send({ ...pay2, update_id: pay2.update_id + 100_000 });
    expect(h.fake.message(chat.id, list.message_id)!.text).toContain("#1-2 Member2 ×2 · ¥50.00 · paid · picked up");
    expect(await h.db.orderEvent.count({ where: { orderId: 2, kind: "PAID" } })).toBe(1);
    // ✅ unmarks
    const updated = h.fake.message(chat.id, list.message_id)!;
    await h.send(callbackQuery(boss, updated, buttonData(updated, "gbapay:2:")));
    expect(h.fake.message(chat.id, list.message_id)!.text).toContain("#1-2 Member2 ×2 · ¥50.00 · unpaid · picked up");
    await h.send(callbackQuery(boss, h.fake.message(chat.id, list.message_id)!, buttonData(h.fake.message(chat.id, list.message_id)!, "gbapay:2:")));
    const orders = await h.db.order.findMany({ orderBy: { id: "asc" } });
    expect(orders.map((o) => [o.paymentStatus, o.pickupStatus])).toEqual([["PAID", "PENDING"], ["PAID", "PICKED_UP"], ["PAID", "PENDING"]]);
    // the member sees the state of their order
    await h.send(command(joiners[1]!, privateChat(joiners[1]!), "my_orders"));
    expect(lastText(joiners[1]!.id)).toContain(`#${buyId}-2 Organic rice — 2 × bag, ¥50.00 — confirmed, paid, picked up`);
    await h.send(command(joiners[0]!, privateChat(joiners[0]!), "my_orders"));
    expect(lastText(joiners[0]!.id)).toContain(`#${buyId}-1 Organic rice — 1 × bag, ¥25.00 — confirmed, paid`);
    // a forged button from a non-organizer
    const mallory = user({ language_code: "en" });
    // (a press on someone else's private message: refused before any handler)
    const forged = callbackQuery(mallory, list, "gbapay:1:0:0");
    await h.send(forged);
    expect(h.fake.callbackAnswer(forged.callback_query!.id)!.text).toBe("This button is not for you.");
    expect((await h.db.order.findUniqueOrThrow({ where: { id: 1 } })).paymentStatus).toBe("PAID");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("refunds one order of a succeeded buy: the ledger hears of it in the same transaction, the member is told", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup("1", joiners);
    const reversed: { orderId: number; reason: string; status: string | undefined }[] = [];
    h.services.buyListeners.push({
      async orderReversed(tx: Tx, orderId: number, reason) {
        reversed.push({ orderId, reason, status: (await tx.order.findUnique({ where: { id: orderId } }))?.status });
      },
    });
    await h.send(command(boss, group, "paid", `${buyId} 2`));
    await h.send(command(boss, group, "close", String(buyId)));
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    await h.send(callbackQuery(boss, list, buttonData(list, "gbarf:2:")));
    const confirm = h.fake.message(chat.id, list.message_id)!;
    expect(buttons(confirm).map((b) => b.text)).toContain("Confirm: refund #1-2 Member2");
    const doIt = callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:2:"));
    // a second press of the confirm button, before the bot's edit took it away, changes nothing
    const again = callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:2:"));
    await h.send(doIt, again);
    expect(h.fake.callbackAnswer(doIt.callback_query!.id)!.text).toBe("Order #1-2 is refunded; the member is notified.");
    expect(reversed).toEqual([{ orderId: 2, reason: "REFUNDED", status: "REFUNDED" }]);
    const order = await h.db.order.findUniqueOrThrow({ where: { id: 2 } });
    expect(order).toMatchObject({ status: "REFUNDED", paymentStatus: "REFUNDED" });
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).totalQty).toBe(1);
    expect(h.fake.message(chat.id, list.message_id)!.text).toContain("#1-2 Member2 ×2 · ¥50.00 · refunded");
    await h.flush();
    expect(lastText(joiners[1]!.id)).toBe(`↩️ An organizer cancelled your order #${buyId}-2 in group buy #${buyId} “Organic rice” (2 × bag, ¥50.00); anything you paid will be refunded.`);
    expect(h.fake.callbackAnswer(again.callback_query!.id)!.text).toBe("That order is no longer open.");
    // and once it is gone, pressing it on the message as it is now is refused
    const late = callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:2:"));
    await h.send(late);
    expect(h.fake.callbackAnswer(late.callback_query!.id)!.text).toBe("This button is no longer valid.");
    expect(reversed).toHaveLength(1);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("cancelling a buy that had succeeded refunds its orders and reverses each in the ledger", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup("1", joiners);
    const reversed: [number, string][] = [];
    h.services.buyListeners.push({ orderReversed: async (_tx, orderId, reason) => void reversed.push([orderId, reason]) });
    await h.send(command(boss, group, "close", String(buyId)));
    await h.send(command(boss, group, "cancel_buy", `${buyId} spoiled in transit`));
    expect((await h.db.order.findMany()).map((o) => o.status)).toEqual(["REFUNDED", "REFUNDED"]);
    expect(reversed).toEqual([[1, "REFUNDED"], [2, "REFUNDED"]]);
    await h.flush();
    expect(lastText(joiners[0]!.id)).toContain("spoiled in transit. Your order #1-1 (1 × bag, ¥25.00) is void; anything you paid will be refunded.");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("/orders pages", () => {
  it("pages through many orders with ◀ ▶", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const { communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: rita });
    const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00" });
    const post = await announcement(h, buyId);
    await h.send(...members(23).map((m) => callbackQuery(m, post, `gbadd:${buyId}`)));
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    expect(list.text).toContain("Page 1/3");
    expect(list.text).toContain("Total: 23 orders, 23 × bag, ¥575.00; paid ¥0.00.");
    expect(buttons(list).at(-1)!.text).toBe("▶");
    await h.send(callbackQuery(boss, list, buttonData(list, "gbaord:")));
    const second = h.fake.message(chat.id, list.message_id)!;
    expect(second.text).toContain("Page 2/3");
    expect(buttons(second).slice(-2).map((b) => b.text)).toEqual(["◀", "▶"]);
    expect(second.text?.split("\n").filter((l) => /^#\d+-\d+ /.test(l))).toHaveLength(10);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("/export", () => {
  it("sends the orders as a UTF-8 CSV with a BOM, privately", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: rita, name: "有机大米", priceFen: 1250, costLines: [["大米", 1250]] });
    const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00" });
    const post = await announcement(h, buyId);
    const wang = user({ first_name: "王", last_name: "小明", username: "xiaoming", language_code: "zh" });
    const comma = user({ first_name: "Smith, Jr.", language_code: "en" });
    const formula = user({ first_name: "=cmd()", language_code: "en" });
    for (let i = 0; i < 3; i++) await h.send(callbackQuery(wang, post, `gbadd:${buyId}`));
    await h.send(callbackQuery(comma, post, `gbadd:${buyId}`));
    await h.send(callbackQuery(formula, post, `gbadd:${buyId}`), callbackQuery(formula, post, `gbcancel:${buyId}`));
    await h.send(command(boss, group, "paid", `${buyId} @xiaoming`));

    await h.send(command(boss, group, "export", String(buyId)));
    expect(lastText(group.id)).toBe(`I sent the orders of #${buyId} to you privately.`);
    const doc = h.fake.lastMessage(boss.id)!;
    expect(doc.document?.file_name).toBe(`groupbuy-${buyId}.csv`);
    expect(doc.caption).toBe(`Orders of group buy #${buyId} 有机大米`);
    const bytes = doc.files[0]!.bytes!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("Order,Member,Username,Quantity,Unit price,Amount,Currency,Order status,Original quantity,Referrer,Attribution,Self-referral,Payment,Paid at,Pickup,Picked up at,Ordered at,Rule kind,Rule value,Commission");
    expect(lines[1]).toBe("#1-1,王 小明,xiaoming,3,12.50,37.50,CNY,active,,Rita,product's recommender,no,paid,2026-12-01 12:00,not picked up,,2026-12-01 12:00,PERCENT_BP,0,0.00");
    expect(lines[2]).toBe('#1-2,"Smith, Jr.",,1,12.50,12.50,CNY,active,,Rita,product\'s recommender,no,unpaid,,not picked up,,2026-12-01 12:00,PERCENT_BP,0,0.00');
    // a cancelled order counts for nothing: 0, and its quantity beside its state
    expect(lines[3]).toBe("#1-3,'=cmd(),,0,12.50,0.00,CNY,cancelled,1,Rita,product's recommender,no,unpaid,,not picked up,,2026-12-01 12:00,PERCENT_BP,0,0.00");
    expect(lines[4]).toBe("");
    expect(lines).toHaveLength(5);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});
