import { afterEach, describe, expect, it } from "vitest";
import type { Update, User } from "grammy/types";
import { BOT_USERNAME, createHarness, TEST_TOKEN, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import {
  announcement, buttonData, buttons, createApprovedProduct, flushAnnouncements, memberId, members, openBuy, setupCommunity, type Community,
} from "../helpers/group-buy-fixtures";
import { deepLinkSecret } from "../../src/domain/deep-link";
import { GroupBuys } from "../../src/db/group-buys";
import { Orders } from "../../src/db/orders";
import { organizedOrder } from "../../src/features/group-buy/use-cases/organizer-access";
import { refundOrder } from "../../src/features/group-buy/use-cases/refund-order";
import type { BuyDeps } from "../../src/features/group-buy/use-cases/deps";

// The member's side of a group buy (issue 15): typed quantities, the 🔢 flow
// in two taps, private views kept current, an honest announcement for a buy
// that did not go ahead, and a +1 toast that says what the tap did.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 900;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

type Setup = Community & { buyId: number; productId: number };

async function setup(settings: { min?: string; stock?: string; memberCap?: string } = {}): Promise<Setup> {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min: settings.min ?? "3", stock: settings.stock, memberCap: settings.memberCap, deadline: "2026-12-03 20:00" });
  return { ...community, buyId, productId };
}

const tap = (who: User, message: FakeMessage, prefix: string): Update => callbackQuery(who, message, buttonData(message, prefix));
const answer = (u: Update) => h.fake.callbackAnswer(u.callback_query!.id);
const labels = (m: FakeMessage | undefined) => buttons(m).map((b) => b.text);
const say = (who: User, text: string) => h.send(textMessage(who, privateChat(who), text));
const lastText = (who: User) => h.fake.lastMessage(who.id)?.text;

/** The member opens the buy from its link; returns the view message. */
async function openView(who: User, buyId: number): Promise<FakeMessage> {
  await h.send(command(who, privateChat(who), "start", `b${buyId}`));
  return h.fake.lastMessage(who.id)!;
}

async function orderOf(buyId: number, who: User) {
  return h.db.order.findFirst({ where: { groupBuyId: buyId, member: { telegramId: BigInt(who.id) } } });
}

describe("a quantity typed in the private buy view", () => {
  it("sets the order through the same change as the buttons, and answers every invalid one in a line", async () => {
    const { buyId } = await setup({ memberCap: "4" });
    const [gus] = members(1);
    const view = await openView(gus!, buyId);

    const three = textMessage(gus!, privateChat(gus!), "3");
    await h.send(three);
    expect(lastText(gus!)).toBe(`🛒 #${buyId} · ✅ You're in: 3 × bag, ¥75.00`);
    // the view above shows it at once
    expect(h.fake.message(gus!.id, view.message_id)!.text).toContain("Your order: 3 × bag, ¥75.00");
    expect(await orderOf(buyId, gus!)).toMatchObject({ quantity: 3, status: "ACTIVE" });
    // Telegram delivering the same update again changes nothing twice
    await h.send(three);
    expect(await orderOf(buyId, gus!)).toMatchObject({ quantity: 3 });
    const events = await h.db.orderEvent.findMany({ where: { updateKey: { not: null } } });
    expect(events.map((e) => e.updateKey)).toEqual([`u${three.update_id}`]);

    const replies: [string, string][] = [
      ["1000", "At most 4 per member."],
      ["abc", "To change your quantity, send a number like 3 (0 cancels your order)."],
      ["-1", "A quantity can't be negative; send 0 to cancel your order."],
      ["1.5", "Please send a whole number, like 3."],
      ["99999999", "That's too many: at most 100,000."],
      ["2 bags", "✅ Changed to 2 × bag, ¥50.00"],
      ["+1", "✅ +1: you now have 3 × bag, ¥75.00"],
      ["0", "Your order is cancelled."],
      ["0", "You have not joined this buy."],
    ];
    for (const [typed, reply] of replies) {
      await say(gus!, typed);
      expect(lastText(gus!), typed).toBe(`🛒 #${buyId} · ${reply}`);
    }
    expect(await orderOf(buyId, gus!)).toMatchObject({ status: "CANCELLED" });
    expect(h.fake.message(gus!.id, view.message_id)!.text).toContain("You have not joined yet.");
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).totalQty).toBe(0);

    // after the close: the reason, and nothing changes
    await h.send(command(boss, privateChat(boss), "close", String(buyId)));
    await say(gus!, "2");
    expect(lastText(gus!)).toBe(`🛒 #${buyId} · This buy has closed.`);
    expect(await orderOf(buyId, gus!)).toMatchObject({ status: "CANCELLED" });
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("is about the buy viewed last, and leaves numbers alone with no buy view or in a dialog", async () => {
    const { buyId, productId } = await setup();
    const [ann] = members(1);
    // no view yet: a number is none of the group buy's business (silence, as before)
    await say(ann!, "2");
    expect(h.fake.messages(ann!.id)).toHaveLength(0);
    expect(await h.db.order.count()).toBe(0);

    // the buy viewed last, not the newest one
    const second = await openBuy(h, boss, productId, { min: "2", deadline: "2026-12-03 21:00" });
    await openView(ann!, second);
    h.clock.advance(1_000);
    await openView(ann!, buyId);
    await say(ann!, "2");
    expect(lastText(ann!)).toBe(`🛒 #${buyId} · ✅ You're in: 2 × bag, ¥50.00`);
    expect(await orderOf(buyId, ann!)).toMatchObject({ quantity: 2 });
    expect(await orderOf(second, ann!)).toBeNull();

    // the organizer has a view too, then starts opening a buy: the dialog's answers stay the dialog's
    await openView(boss, buyId);
    await h.send(command(boss, privateChat(boss), "start", `o${productId}`));
    await say(boss, "5");
    expect(lastText(boss)).not.toContain(`🛒 #${buyId}`);
    expect(await orderOf(buyId, boss)).toBeNull();
    await h.send(command(boss, privateChat(boss), "cancel"));
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("choosing a quantity from the group", () => {
  it("takes two taps: 🔢 opens the private chat on the buy with its quantity buttons, then a number", async () => {
    const { buyId } = await setup({ memberCap: "4" });
    const [hal] = members(1);
    const post = await announcement(h, buyId);
    const choose = tap(hal!, post, "gbqty:");
    await h.send(choose);
    const url = answer(choose)!.url as string;
    expect(url).toBe(`https://t.me/${BOT_USERNAME}?start=q${buyId}`);

    // Telegram opens the chat with that payload
    await h.send(command(hal!, privateChat(hal!), "start", new URL(url).searchParams.get("start")!));
    expect(h.fake.messages(hal!.id)).toHaveLength(1);
    const picker = h.fake.lastMessage(hal!.id)!;
    expect(picker.text).toContain(`Group buy #${buyId}: Organic rice`);
    expect(picker.text).toMatch(/Choose your quantity:$/);
    expect(labels(picker)).toEqual(["1", "2", "3", "4", "↩ Back"]);

    const two = tap(hal!, picker, `gbset:${buyId}:2`);
    await h.send(two);
    expect(answer(two)!.text).toBe("✅ You're in: 2 × bag, ¥50.00");
    const after = h.fake.message(hal!.id, picker.message_id)!;
    expect(after.text).toContain("Your order: 2 × bag, ¥50.00");
    expect(after.text).not.toContain("Choose your quantity");
    expect(labels(after)[0]).toBe("+1");
    expect(h.fake.messages(hal!.id)).toHaveLength(1);
    expect(await orderOf(buyId, hal!)).toMatchObject({ quantity: 2, status: "ACTIVE" });
    // the picker's message is the member's view of the buy
    const view = await h.db.buyView.findFirstOrThrow({ where: { groupBuyId: buyId } });
    expect(view).toMatchObject({ chatId: BigInt(hal!.id), messageId: picker.message_id });
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("the private buy view stays current", () => {
  it("shows a change made in the group at once, and the outcome with no join buttons after the close", async () => {
    const { buyId, group } = await setup({ min: "2" });
    const [ivy] = members(1);
    const view = await openView(ivy!, buyId);
    const post = await announcement(h, buyId);
    const plus = tap(ivy!, post, "gbadd:");
    await h.send(plus);
    expect(answer(plus)!.text).toBe("✅ You're in: 1 × bag, ¥25.00");
    expect(h.fake.message(ivy!.id, view.message_id)).toMatchObject({ edits: 1 });
    expect(h.fake.message(ivy!.id, view.message_id)!.text).toContain("Your order: 1 × bag, ¥25.00");
    await h.send(tap(ivy!, post, "gbcancel:"));
    expect(h.fake.message(ivy!.id, view.message_id)!.text).toContain("You have not joined yet.");
    await h.send(tap(ivy!, post, "gbadd:"), tap(ivy!, post, "gbadd:"));
    expect(h.fake.message(ivy!.id, view.message_id)!.text).toContain("Your order: 2 × bag, ¥50.00");
    expect(labels(h.fake.message(ivy!.id, view.message_id))).toContain("+1");

    await h.send(command(boss, group, "close", String(buyId)));
    const queued = await h.db.outboxMessage.findMany({ where: { kind: "EDIT" } });
    expect(queued.map((q) => [q.dedupKey, Number(q.chatId), q.messageId])).toEqual([[`gb${buyId}:view:closed:m${await memberId(h, ivy!)}`, ivy!.id, view.message_id]]);
    await h.flush();
    const closed = h.fake.message(ivy!.id, view.message_id)!;
    expect(closed.text).toContain("Going ahead");
    expect(closed.text).toContain("Your order: 2 × bag, ¥50.00 — confirmed");
    expect(closed.text).not.toContain("left)");
    expect(labels(closed)).toEqual(["📄 Full card", "❓ Ask"]);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("says so in the view when the buy fails, is cancelled, or an organizer takes the order back", async () => {
    const { buyId, group, productId } = await setup({ min: "5" });
    const [jay, kim] = members(2);
    const post = await announcement(h, buyId);
    const jayView = await openView(jay!, buyId);
    await h.send(tap(jay!, post, "gbadd:"));
    await h.send(command(boss, group, "close", String(buyId)));
    await h.flush();
    const failed = h.fake.message(jay!.id, jayView.message_id)!;
    expect(failed.text).toContain("Did not reach the minimum");
    expect(failed.text).toContain("Your order: 1 × bag, ¥25.00 — void");
    expect(labels(failed)).toEqual(["📄 Full card", "❓ Ask"]);

    const second = await openBuy(h, boss, productId, { min: "5", deadline: "2026-12-03 21:00" });
    const secondPost = await announcement(h, second);
    const kimView = await openView(kim!, second);
    await h.send(tap(kim!, secondPost, "gbadd:"));
    await h.send(command(boss, group, "cancel_buy", `${second} no farm`));
    await h.flush();
    const cancelled = h.fake.message(kim!.id, kimView.message_id)!;
    expect(cancelled.text).toContain("🚫 Cancelled: no farm");
    expect(cancelled.text).toContain("— void");
    expect(labels(cancelled)).toEqual(["📄 Full card", "❓ Ask"]);

    // an organizer takes one order of an open buy back
    const third = await openBuy(h, boss, productId, { min: "5", deadline: "2026-12-03 22:00" });
    const jayThird = await openView(jay!, third);
    await say(jay!, "2");
    const deps: BuyDeps = { services: h.services, buys: new GroupBuys(h.db), orders: new Orders(h.db), botUsername: () => BOT_USERNAME, secret: deepLinkSecret(TEST_TOKEN) };
    const order = await orderOf(third, jay!);
    const organized = await organizedOrder(deps, order!.id, await h.services.members.fromTelegram(boss));
    expect(await refundOrder(deps, { organized: organized! })).toEqual({ ok: true, kind: "CANCELLED" });
    await h.flush();
    const takenBack = h.fake.message(jay!.id, jayThird.message_id)!;
    expect(takenBack.text).toContain("An organizer cancelled your order.");
    expect(labels(takenBack)).toEqual(["📄 Full card", "❓ Ask"]);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("the announcement of a buy that did not go ahead", () => {
  it("says it did not go ahead and lists who had joined; a cancelled one too; an empty one invites nobody", async () => {
    const { buyId, group, productId } = await setup({ min: "5" });
    const joiners = members(3);
    const post = await announcement(h, buyId);
    for (const m of joiners) await h.send(tap(m, post, "gbadd:"));
    await h.send(tap(joiners[2]!, post, "gbadd:"));
    await h.send(command(boss, group, "close", String(buyId)));
    await flushAnnouncements(h);
    const failed = (await announcement(h, buyId)).text!;
    expect(failed).toContain("❌ 未成团（4/5），订单已作废");
    expect(failed).toContain("👥 曾参团 3 人（未成团，订单已作废）：\n1. Member1 ×1\n2. Member2 ×1\n3. Member3 ×2");
    expect(failed).not.toContain("点 +1");
    expect(labels(await announcement(h, buyId))).toEqual(["📄 完整卡片", "❓ 提问"]);

    const second = await openBuy(h, boss, productId, { min: "5", deadline: "2026-12-03 21:00" });
    await h.send(tap(joiners[0]!, await announcement(h, second), "gbadd:"));
    await h.send(command(boss, group, "cancel_buy", `${second} no farm`));
    await flushAnnouncements(h);
    const cancelled = (await announcement(h, second)).text!;
    expect(cancelled).toContain("🚫 已取消：no farm");
    expect(cancelled).toContain("👥 曾参团 1 人（团购已取消）：\n1. Member1 ×1");
    expect(cancelled).not.toContain("点 +1");

    const third = await openBuy(h, boss, productId, { min: "5", deadline: "2026-12-03 22:00" });
    await h.send(command(boss, group, "close", String(third)));
    await flushAnnouncements(h);
    const empty = (await announcement(h, third)).text!;
    expect(empty).toMatch(/👥 没有人参团。$/);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("the +1 toast on an order one already has", () => {
  it("says the tap added one and what the member now has, in their language", async () => {
    const { buyId } = await setup();
    const lee = user({ first_name: "Lee", language_code: "en" });
    const mei = user({ first_name: "Mei", language_code: "zh" });
    const post = await announcement(h, buyId);
    // two quick taps each, while the roster has not caught up
    const [lee1, lee2, mei1, mei2] = [tap(lee, post, "gbadd:"), tap(lee, post, "gbadd:"), tap(mei, post, "gbadd:"), tap(mei, post, "gbadd:")];
    await h.send(lee1, mei1);
    await h.send(lee2, mei2);
    expect(answer(lee1)!.text).toBe("✅ You're in: 1 × bag, ¥25.00");
    expect(answer(lee2)!.text).toBe("✅ +1: you now have 2 × bag, ¥50.00");
    expect(answer(mei2)!.text).toBe("✅ +1：你现在共 2 bag，¥50.00");
    expect(await orderOf(buyId, lee)).toMatchObject({ quantity: 2 });
    expect(await orderOf(buyId, mei)).toMatchObject({ quantity: 2 });
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});
