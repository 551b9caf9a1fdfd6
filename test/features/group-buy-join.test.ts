import { afterEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { encodeDeepLink, deepLinkSecret } from "../../src/domain/deep-link";
import {
  announcement, buttonData, buttons, createApprovedProduct, flushAnnouncements, memberId, members, openBuy, setupCommunity, type Community,
} from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 800;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

async function setup(settings: { min?: string; stock?: string; memberCap?: string } = {}): Promise<Community & { buyId: number; productId: number }> {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min: settings.min ?? "3", stock: settings.stock, memberCap: settings.memberCap, deadline: "2026-12-03 20:00" });
  return { ...community, buyId, productId };
}

function tap(who: ReturnType<typeof user>, message: Parameters<typeof callbackQuery>[1], prefix: string): Update {
  return callbackQuery(who, message, buttonData(message as never, prefix));
}

const answer = (u: Update) => h.fake.callbackAnswer(u.callback_query!.id);

describe("joining a buy in the group", () => {
  it("joins with +1, answers with a toast, and shows the member in the roster after the coalesced edit", async () => {
    const { buyId, group } = await setup();
    const [alice, bob] = members(2);
    const post = await announcement(h, buyId);
    const sentBefore = h.fake.messages(group.id).length;
    const aliceTap = tap(alice!, post, "gbadd:");
    await h.send(aliceTap, tap(bob!, post, "gbadd:"));
    expect(answer(aliceTap)).toMatchObject({ text: "✅ You're in: 1 × bag, ¥25.00" });
    const bobAgain = tap(bob!, post, "gbadd:");
    await h.send(bobAgain);
    expect(answer(bobAgain)!.text).toBe("✅ +1: you now have 2 × bag, ¥50.00");
    // answers are toasts, never new group messages
    expect(h.fake.messages(group.id).length).toBe(sentBefore);

    await flushAnnouncements(h);
    const updated = await announcement(h, buyId);
    expect(updated.text).toContain("▓▓▓▓▓▓▓▓▓▓ 3/3");
    expect(updated.text).toContain("接龙（2 人）");
    expect(updated.text).toMatch(/1\. Member1 ×1\n2\. Member2 ×2/);
    expect(updated.edits).toBe(1);

    const alicesOrder = await h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId, member: { telegramId: BigInt(alice!.id) } } });
    expect(alicesOrder).toMatchObject({ quantity: 1, unitPriceFen: 2500, amountFen: 2500, status: "ACTIVE", position: 1 });
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("cancels, shows my order, and sends 'choose a quantity' to the private chat", async () => {
    const { buyId } = await setup();
    const [carol] = members(1);
    const post = await announcement(h, buyId);
    const mineBefore = tap(carol!, post, "gbmine:");
    const cancelNothing = tap(carol!, post, "gbcancel:");
    await h.send(mineBefore, cancelNothing);
    expect(answer(mineBefore)!.text).toBe("You have not joined this buy.");
    expect(answer(cancelNothing)!.text).toBe("You have not joined this buy.");
    await h.send(tap(carol!, post, "gbadd:"));
    const mine = tap(carol!, post, "gbmine:");
    await h.send(mine);
    expect(answer(mine)!.text).toBe("Your order: 1 × bag, ¥25.00 · open");
    const cancel = tap(carol!, post, "gbcancel:");
    await h.send(cancel);
    expect(answer(cancel)!.text).toBe("Your order is cancelled.");
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy).toMatchObject({ totalQty: 0, orderCount: 0 });
    const choose = tap(carol!, post, "gbqty:");
    await h.send(choose);
    expect(answer(choose)!.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=q${buyId}`);
    const events = await h.db.orderEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.quantityOld, e.quantityNew])).toEqual([["JOIN", 0, 1], ["CANCEL", 1, 0]]);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("enforces the per-member cap", async () => {
    const { buyId } = await setup({ memberCap: "2" });
    const [dan] = members(1);
    const post = await announcement(h, buyId);
    const taps = [tap(dan!, post, "gbadd:"), tap(dan!, post, "gbadd:"), tap(dan!, post, "gbadd:")];
    await h.send(...taps);
    expect(answer(taps[2]!)!.text).toBe("At most 2 per member.");
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).totalQty).toBe(2);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("refuses a button of a buy from another group (forged callback data)", async () => {
    const { buyId } = await setup();
    const other = await setupCommunity(h, boss, "Other Co-op");
    const eve = user({ language_code: "en" });
    const post = await announcement(h, buyId);
    const forged = callbackQuery(eve, { ...post, chat: other.group } as never, `gbadd:${buyId}`);
    const missing = callbackQuery(eve, post, "gbadd:99999");
    await h.send(forged, missing);
    expect(answer(forged)!.text).toBe("This buy belongs to another group.");
    // data that is no button of the message it was pressed on is refused before any handler
    expect(answer(missing)!.text).toBe("This button is no longer valid.");
    expect(await h.db.order.count()).toBe(0);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("the roster in the announcement", () => {
  it("shortens a long roster with 'and N more'", async () => {
    const { buyId } = await setup({ min: "100" });
    const post = await announcement(h, buyId);
    await h.send(...members(45, "M").map((m) => tap(m, post, "gbadd:")));
    await flushAnnouncements(h);
    const text = (await announcement(h, buyId)).text!;
    expect(text).toContain("接龙（45 人）");
    expect(text).toMatch(/40\. M\d+ ×1\n…还有 5 人$/);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("caps and duplicates under concurrency", () => {
  it("sells exactly the stock when 50 members tap +1 at once for the last 10 units", async () => {
    const { buyId } = await setup({ min: "5", stock: "10" });
    const post = await announcement(h, buyId);
    const crowd = members(50);
    const updates = crowd.map((m) => tap(m, post, "gbadd:"));
    for (const u of updates) h.fake.pushUpdate(u);
    await h.fake.settle();

    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.totalQty).toBe(10);
    expect(buy.orderCount).toBe(10);
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId, status: "ACTIVE" } });
    expect(orders).toHaveLength(10);
    expect(orders.reduce((s, o) => s + o.quantity, 0)).toBe(10);
    const texts = updates.map((u) => answer(u)?.text);
    expect(texts.filter((t) => t === "✅ You're in: 1 × bag, ¥25.00")).toHaveLength(10);
    expect(texts.filter((t) => t === "😢 Sold out.")).toHaveLength(40);

    await flushAnnouncements(h);
    const updated = await announcement(h, buyId);
    expect(updated.text).toContain("限量 10（剩 0）");
    expect(updated.text).toContain("接龙（10 人）");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("counts a tap once when Telegram delivers the same update twice, even after a crash lost the 'handled' mark", async () => {
    const { buyId } = await setup();
    const post = await announcement(h, buyId);
    const [fay] = members(1);
    const update = tap(fay!, post, "gbadd:");
    h.fake.pushUpdate(update);
    h.fake.pushUpdate(update); // the same update object, same update_id
    await h.fake.settle();
    // a crash between the effect and the mark: the id is forgotten, Telegram re-delivers
    await h.db.processedUpdate.deleteMany({ where: { updateId: BigInt(update.update_id) } });
    // the replay's second answer to the same query is the only thing Telegram may refuse
    h.allowRejections((c) => c.method === "answerCallbackQuery");
    await h.send(update);

    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.totalQty).toBe(1);
    const events = await h.db.orderEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]!.updateKey).toBe(`u${update.update_id}`);
  });

  it("coalesces many joins into few edits, none rejected, none with unchanged content", async () => {
    const { buyId } = await setup({ min: "30" });
    const post = await announcement(h, buyId);
    const crowd = members(20);
    await h.send(...crowd.map((m) => tap(m, post, "gbadd:")));
    await flushAnnouncements(h);
    expect((await announcement(h, buyId)).edits).toBe(1);
    // more joins within the gap: no edit until the gap has passed
    await h.send(...crowd.slice(0, 5).map((m) => tap(m, post, "gbadd:")));
    h.clock.advance(1_000);
    await h.flush();
    expect((await announcement(h, buyId)).edits).toBe(1);
    h.clock.advance(2_500);
    await h.flush();
    const after = await announcement(h, buyId);
    expect(after.edits).toBe(2);
    expect(after.text).toContain("25/30");
    // nothing changed: no edit, even when the buy is marked dirty
    await h.db.groupBuy.update({ where: { id: buyId }, data: { announcementDirty: true } });
    await flushAnnouncements(h);
    expect((await announcement(h, buyId)).edits).toBe(2);
    expect(h.fake.callsOf("editMessageText")).toHaveLength(2);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});

describe("a buy in private, deep links and attribution", () => {
  it("opens the buy from its link with the same buttons, and changes the quantity with the picker", async () => {
    const { buyId } = await setup({ memberCap: "4" });
    const [gus] = members(1);
    const chat = privateChat(gus!);
    await h.send(command(gus!, chat, "start", `b${buyId}`));
    const view = h.fake.lastMessage(chat.id)!;
    expect(view.text).toContain(`Group buy #${buyId}: Organic rice`);
    expect(view.text).toContain("You have not joined yet.");
    expect(buttons(view).map((b) => b.text)).toEqual(["+1", "🔢 Quantity", "✖ Cancel my order", "📋 My order", "📄 Full card", "🔗 Share", "❓ Ask"]);

    await h.send(tap(gus!, view, "gbqty:"));
    const picker = h.fake.message(chat.id, view.message_id)!;
    expect(buttons(picker).map((b) => b.text)).toEqual(["1", "2", "3", "4", "↩ Back"]);
    await h.send(tap(gus!, picker, "gbset:" + buyId + ":3"));
    const after = h.fake.message(chat.id, view.message_id)!;
    expect(after.text).toContain("Your order: 3 × bag, ¥75.00");
    expect(buttons(after)[0]!.text).toBe("+1");
    await h.send(tap(gus!, after, "gbqty:"));
    expect(buttons(h.fake.message(chat.id, view.message_id)).map((b) => b.text)).toContain("✓ 3");
    await h.send(tap(gus!, h.fake.message(chat.id, view.message_id)!, "gbview:"));
    expect(buttons(h.fake.message(chat.id, view.message_id))[0]!.text).toBe("+1");
    // the member is now known to the buy's community
    const gusId = await memberId(h, gus!);
    expect(await h.db.communityMember.count({ where: { memberId: gusId } })).toBe(1);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("attributes an order to the referrer of a signed link, else to the product's recommender", async () => {
    const { buyId } = await setup();
    const [hana, ivan, jo] = members(3);
    const sharer = user({ first_name: "Sharer", language_code: "en" });
    const sharerId = await memberId(h, sharer);
    const sharerRow = await h.db.member.findUniqueOrThrow({ where: { id: sharerId } });
    const secret = deepLinkSecret(h.config.botToken);
    const link = encodeDeepLink({ kind: "referral", groupBuyId: buyId, referralCode: sharerRow.referralCode }, secret);
    const forged = `b${buyId}_${sharerRow.referralCode}_AAAAAAAAAA`;

    await h.send(command(hana!, privateChat(hana!), "start", link), command(ivan!, privateChat(ivan!), "start", forged));
    await h.send(command(sharer, privateChat(sharer), "start", link)); // one's own link
    for (const who of [hana!, ivan!, sharer]) await h.send(tap(who, h.fake.lastMessage(who.id)!, "gbadd:"));
    await h.send(tap(jo!, await announcement(h, buyId), "gbadd:"));

    const byMember = async (u: ReturnType<typeof user>) => h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId, member: { telegramId: BigInt(u.id) } } });
    const recommenderId = (await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).recommenderId;
    expect(await byMember(hana!)).toMatchObject({ referrerId: sharerId, attribution: "LINK", selfReferral: false });
    expect(await byMember(ivan!)).toMatchObject({ referrerId: recommenderId, attribution: "PRODUCT", selfReferral: false });
    expect(await byMember(jo!)).toMatchObject({ referrerId: recommenderId, attribution: "PRODUCT" });
    expect(await byMember(sharer)).toMatchObject({ referrerId: sharerId, attribution: "LINK", selfReferral: true });
    expect(await h.db.referralVisit.count()).toBe(2);
    // a validly signed link with a code nobody has records nothing, and still shows the buy
    const [lee] = members(1, "Lee");
    const unknown = encodeDeepLink({ kind: "referral", groupBuyId: buyId, referralCode: "zzzzzzzz" }, secret);
    await h.send(command(lee!, privateChat(lee!), "start", unknown));
    expect(h.fake.lastMessage(lee!.id)!.text).toContain(`Group buy #${buyId}`);
    expect(await h.db.referralVisit.count()).toBe(2);
    // the recommender ordering without a link refers themself
    await h.send(tap(rita, await announcement(h, buyId), "gbadd:"));
    expect(await byMember(rita)).toMatchObject({ referrerId: recommenderId, attribution: "PRODUCT", selfReferral: true });
    // once the buy is closed, a link shows it but records no visit
    await h.send(command(boss, privateChat(boss), "close", String(buyId)));
    await h.send(command(lee!, privateChat(lee!), "start", link));
    expect(h.fake.lastMessage(lee!.id)!.text).toContain("You have not joined yet.");
    expect(await h.db.referralVisit.count()).toBe(2);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("lists a member's orders with /my_orders", async () => {
    const { buyId } = await setup();
    const [kim] = members(1);
    await h.send(command(kim!, privateChat(kim!), "my_orders"));
    expect(h.fake.lastMessage(kim!.id)!.text).toContain("You have no orders yet");
    await h.send(tap(kim!, await announcement(h, buyId), "gbadd:"));
    await h.send(command(kim!, privateChat(kim!), "my_orders"));
    expect(h.fake.lastMessage(kim!.id)!.text).toContain(`#${buyId}-1 Organic rice — 1 × bag, ¥25.00 — open`);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});
