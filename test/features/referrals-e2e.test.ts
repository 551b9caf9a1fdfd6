// The referral ledger end to end, through the bot only (the approved product
// aside, which the recommendation feature's own tests cover): a share link,
// members joining through it and without it, the scheduler's close at the
// deadline, /earnings, a refund from /orders, payouts and a payout race.
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { BOT_USERNAME, createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { announcement, buttonData, buttons, createApprovedProduct, flushAnnouncements, memberId, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DEADLINE = new Date("2026-12-03T12:00:00Z"); // 2026-12-03 20:00 in Shanghai
const LINK = new RegExp(`https://t\\.me/${BOT_USERNAME}\\?start=(\\S+)`);

const olga = user({ id: 900, first_name: "Olga", language_code: "en" });
const oscar = user({ id: 901, first_name: "Oscar", language_code: "en" });
const alice = user({ first_name: "Alice", language_code: "en" });
const bob = user({ first_name: "Bob", last_name: "<Bee>", username: "bob_rec", language_code: "en" });
const carol = user({ first_name: "Carol", language_code: "en" });
const dave = user({ first_name: "Dave", language_code: "en" });
const erin = user({ first_name: "Erin", language_code: "en" });

const last = (u: User) => h.fake.lastMessage(u.id)!;
const text = (u: User) => last(u).text ?? last(u).caption ?? ""; // a going-ahead notice is a photo's caption

async function say(u: User, name: string, payload = "") {
  await h.send(command(u, privateChat(u), name, payload));
  return last(u);
}

async function press(u: User, message: FakeMessage, data: string) {
  const update = callbackQuery(u, message, data);
  await h.send(update);
  return h.fake.callbackAnswer(update.callback_query!.id);
}

describe("referral earnings end to end", () => {
  it("share link → joins → close at the deadline → earnings → refund → payouts, one of two racing payouts refused", async () => {
    h = await createHarness({ organizerIds: [olga.id, oscar.id] });
    const { group, communityId } = await setupCommunity(h, olga);
    const { productId } = await createApprovedProduct(h, {
      communityId,
      recommender: alice,
      name: "Wild honey",
      unit: "jar",
      costLines: [["Honey", 900], ["Jar", 135], ["Co-op fee", 200]],
    });
    const buyId = await openBuy(h, olga, productId, { min: "3", deadline: "2026-12-03 20:00", commission: "10%" });
    await h.send(textMessage(bob, group, "Good honey, I'll tell my neighbours")); // Bob is one of the community

    // Bob asks for his link
    const share = await say(bob, "share", String(buyId));
    expect(share.text).toContain(`Your personal link for buy #${buyId} “Wild honey”`);
    expect(share.text).toContain("you earn 10 % on those orders");
    const payload = LINK.exec(share.text ?? "")![1]!;

    // Carol and Dave open it and join in the private view
    const joinThroughLink = async (u: User, taps: number) => {
      const view = await say(u, "start", payload);
      expect(view.text).toContain(`Group buy #${buyId}: Wild honey`);
      expect(view.text).toContain("You have not joined yet.");
      for (let i = 0; i < taps; i++) await press(u, h.fake.message(u.id, view.message_id)!, buttonData(h.fake.message(u.id, view.message_id), "gbadd:"));
      return h.fake.message(u.id, view.message_id)!;
    };
    const carols = await joinThroughLink(carol, 3);
    expect(carols.text).toContain("Your order: 3 × jar, ¥37.05");
    expect(carols.text).toContain("🤝 Recommended by Bob <Bee> (through their link)");
    expect(carols.source).toContain("🤝 Recommended by Bob &lt;Bee&gt; (through their link)"); // escaped in the HTML sent
    const daves = await joinThroughLink(dave, 1);
    expect(daves.text).toContain("Your order: 1 × jar, ¥12.35");
    expect(daves.text).toContain("(through their link)");

    // Erin taps +1 in the group, without any link: the product's recommender brought her
    const post = await announcement(h, buyId);
    const erinsTap = await press(erin, post, buttonData(post, "gbadd:"));
    expect(erinsTap!.text).toBe("✅ You're in: 1 × jar, ¥12.35");
    const erinsView = await say(erin, "start", `b${buyId}`);
    expect(erinsView.text).toContain("🤝 Recommended by Alice");
    expect(erinsView.text).not.toContain("through their link");

    const ids = { bob: await memberId(h, bob), alice: await memberId(h, alice), carol: await memberId(h, carol), dave: await memberId(h, dave), erin: await memberId(h, erin) };
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId }, orderBy: { position: "asc" } });
    expect(orders.map((o) => [o.memberId, o.quantity, o.amountFen, o.referrerId, o.attribution, o.commissionKind, o.commissionValue])).toEqual([
      [ids.carol, 3, 3705, ids.bob, "LINK", "PERCENT_BP", 1000],
      [ids.dave, 1, 1235, ids.bob, "LINK", "PERCENT_BP", 1000],
      [ids.erin, 1, 1235, ids.alice, "PRODUCT", "PERCENT_BP", 1000],
    ]);

    // before the deadline Bob's commissions are pending
    expect((await say(bob, "earnings")).text).toContain("Pending (buys still open): ¥4.93"); // 370 + 123

    // the deadline passes: the scheduler closes the buy, the outbox tells everyone
    h.clock.set(new Date(DEADLINE.getTime() + 1_000));
    await h.flush();
    await h.flush();
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("SUCCEEDED");
    expect(text(carol)).toContain(`✅ Group buy #${buyId} “Wild honey” is going ahead!`);
    expect(text(carol)).toContain("🤝 Recommended by Bob <Bee> (through their link)");
    expect(text(erin)).toContain("🤝 Recommended by Alice");
    expect(text(bob)).toBe(`🎉 Buy #${buyId} “Wild honey” succeeded: the 2 orders you brought earn you ¥4.93. Your balance: ¥4.93. Details: /earnings`);
    expect(text(alice)).toContain("the order you brought earn you ¥1.23");
    const accruals = await h.db.ledgerEntry.findMany({ where: { kind: "ACCRUAL" }, orderBy: [{ recommenderId: "asc" }, { orderId: "asc" }] });
    expect(accruals.map((e) => [e.recommenderId, e.orderId, e.amountFen])).toEqual(
      [[ids.alice, orders[2]!.id, 123], [ids.bob, orders[0]!.id, 370], [ids.bob, orders[1]!.id, 123]].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
    );

    let earnings = (await say(bob, "earnings")).text!;
    expect(earnings).toContain("Referral earnings of Bob <Bee> — Green Street Co-op");
    expect(earnings).toContain("Balance: ¥4.93");
    expect(earnings).toContain(`#${buyId} Wild honey (succeeded): 2 orders, ¥49.40 → ¥4.93`);

    // Olga refunds Dave's order from /orders
    const list = await say(olga, "orders", String(buyId));
    await press(olga, list, buttonData(list, `gbarf:${orders[1]!.id}:`));
    const confirm = h.fake.message(olga.id, list.message_id)!;
    expect(buttons(confirm).map((b) => b.text)).toContain("Confirm: refund #1-2 Dave");
    expect((await press(olga, confirm, buttonData(confirm, `gbarfy:${orders[1]!.id}:`)))!.text).toBe("Order #1-2 is refunded; the member is notified.");
    await h.flush();
    const reversal = await h.db.ledgerEntry.findFirstOrThrow({ where: { kind: "REVERSAL" } });
    // the audit trail names who refunded
    expect(reversal).toMatchObject({ recommenderId: ids.bob, orderId: orders[1]!.id, amountFen: -123, balanceFen: 370, createdById: await memberId(h, olga) });
    expect(text(bob)).toBe(`↩️ Order #${buyId}-2 of buy #${buyId} “Wild honey” was refunded, so its commission of ¥1.23 was reversed. Your balance: ¥3.70.`);
    earnings = (await say(bob, "earnings")).text!;
    expect(earnings).toContain("Balance: ¥3.70");
    expect(earnings).toContain(`#${buyId} Wild honey (succeeded): 1 order, ¥37.05 → ¥3.70, 1 refunded`);
    expect((await say(dave, "my_orders")).text).toContain(`#${buyId}-2 Wild honey — 1 × jar, ¥12.35 — refunded · 🤝 Recommended by Bob <Bee> (through their link)`);

    // Olga pays Bob ¥1.00 from the group: the confirmation comes privately
    await h.send(command(olga, group, "payout", "@bob_rec 1"));
    expect(h.fake.lastMessage(group.id)!.text).toBe("📬 Sent to you privately.");
    const ask = last(olga);
    expect(ask.text).toContain("Pay ¥1.00 to Bob <Bee> (Green Street Co-op)?");
    expect((await press(olga, ask, buttonData(ask, "lpay:")))!.text).toBe("Payout recorded.");
    expect(h.fake.message(olga.id, ask.message_id)!.text).toBe("✅ Paid ¥1.00 to Bob <Bee>. Balance now ¥2.70 (ledger entry #4).");
    await h.flush();
    expect(text(bob)).toBe("💸 The co-op Green Street Co-op paid you ¥1.00 from your referral earnings. Your balance: ¥2.70.");

    // Olga and Oscar both prepare paying the rest, and confirm at the same moment
    const olgas = await say(olga, "payout", "@bob_rec 2.70");
    const oscars = await say(oscar, "payout", "@bob_rec 2.70");
    expect(olgas.text).toContain("Pay ¥2.70 to Bob <Bee>");
    expect(oscars.text).toContain("Pay ¥2.70 to Bob <Bee>");
    await h.stopBot(); // both presses then reach the bot in one batch, handled side by side
    h.fake.pushUpdate(callbackQuery(olga, olgas, buttonData(olgas, "lpay:")));
    h.fake.pushUpdate(callbackQuery(oscar, oscars, buttonData(oscars, "lpay:")));
    await h.restartBot();
    await h.fake.settle();
    const outcomes = [h.fake.message(olga.id, olgas.message_id)!.text!, h.fake.message(oscar.id, oscars.message_id)!.text!];
    expect(outcomes.filter((t) => t.startsWith("✅ Paid ¥2.70 to Bob <Bee>. Balance now ¥0.00"))).toHaveLength(1);
    expect(outcomes.filter((t) => t.startsWith("❌ Not recorded: paying ¥2.70 to Bob <Bee> would exceed the balance, which is now ¥0.00"))).toHaveLength(1);
    const payouts = await h.db.ledgerEntry.findMany({ where: { kind: "PAYOUT" }, orderBy: { seq: "asc" } });
    expect(payouts.map((p) => [p.recommenderId, p.amountFen, p.balanceFen])).toEqual([[ids.bob, -100, 270], [ids.bob, -270, 0]]);

    earnings = (await say(bob, "earnings")).text!;
    expect(earnings).toContain("Balance: ¥0.00");
    expect(earnings).toContain("Earned: ¥3.70 · Paid out: ¥3.70");
    // the ledger reconciles, as organizers see it
    expect((await say(olga, "ledger")).text).toContain("✅ Every balance equals the sum of its entries");

    // nothing in the group told who referred whom, or anyone's earnings
    // (but the buy's settlement statement, open books: commissions per recommender on the thanks board, issue 16)
    await flushAnnouncements(h);
    const statementId = (await h.db.groupBuy.findFirstOrThrow({ where: { communityId } })).statementMessageId;
    for (const m of h.fake.messages(group.id)) {
      if (m.message_id === statementId) continue;
      expect(m.text ?? "", "a group message").not.toMatch(/Bob|Recommended by|through their link|¥4\.93|¥3\.70|¥2\.70/);
    }
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});
