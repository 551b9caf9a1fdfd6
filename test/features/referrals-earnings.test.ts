import { orderCommissionFen } from "../../src/domain/commission";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxOrganizer, fxProduct, fxRefund, fxSucceed } from "../helpers/ledger-fixtures";
import { callbackQuery, command, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { UploadedFile } from "../fake-telegram/types";
import { Ledger } from "../../src/db/ledger";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;

/**
 * Honey at ¥12.35, 10 %: Carol 3 jars through Bob's link (¥37.05 → ¥3.70),
 * Erin 1 through Bob's link (¥12.35 → ¥1.23), Dave 1 without a link (Alice, ¥1.23),
 * Bob 1 through his own link (self-referral: nothing). A second buy (tea, ¥1
 * per unit) is still open: Carol's 2 through Bob's link are pending (¥2.00).
 */
async function world() {
  h = await createHarness({ organizerIds: [900] });
  const group = supergroup({ title: "Green Street Co-op" });
  const community = await fxCommunity(h.db, { chatId: group.id, title: "Green Street Co-op" });
  const people = {
    olga: user({ id: 900, first_name: "Olga" }),
    oscar: user({ first_name: "Oscar" }),
    alice: user({ first_name: "Alice", username: "alice_rec" }),
    bob: user({ first_name: "Bob", username: "bob_rec" }),
    carol: user({ first_name: "Carol" }),
    dave: user({ first_name: "Dave" }),
    erin: user({ first_name: "Erin" }),
  };
  const m = {} as Record<keyof typeof people, Awaited<ReturnType<typeof fxMember>>>;
  for (const [key, u] of Object.entries(people)) m[key as keyof typeof people] = await fxMember(h.db, u, community.id);
  await fxOrganizer(h.db, community.id, m.oscar.id);
  const deadlineAt = new Date(h.clock.now().getTime() + DAY);
  const honey = await fxProduct(h.db, { communityId: community.id, recommenderId: m.alice.id, name: "Wild honey", priceFen: 1_235 });
  const tea = await fxProduct(h.db, { communityId: community.id, recommenderId: m.alice.id, name: "Spring tea", priceFen: 3_000 });
  const buy = await fxBuy(h.db, { product: honey, openedById: m.oscar.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt });
  const teaBuy = await fxBuy(h.db, { product: tea, openedById: m.oscar.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt });
  for (const who of [m.carol, m.erin, m.bob]) {
    await h.db.referralVisit.create({ data: { groupBuyId: buy.id, memberId: who.id, referrerId: m.bob.id } });
  }
  await h.db.referralVisit.create({ data: { groupBuyId: teaBuy.id, memberId: m.carol.id, referrerId: m.bob.id } });
  const orders = {
    carol: await fxOrder(h.db, { groupBuyId: buy.id, memberId: m.carol.id, quantity: 3 }),
    erin: await fxOrder(h.db, { groupBuyId: buy.id, memberId: m.erin.id, quantity: 1 }),
    dave: await fxOrder(h.db, { groupBuyId: buy.id, memberId: m.dave.id, quantity: 1 }),
    bob: await fxOrder(h.db, { groupBuyId: buy.id, memberId: m.bob.id, quantity: 1 }),
    carolTea: await fxOrder(h.db, { groupBuyId: teaBuy.id, memberId: m.carol.id, quantity: 2 }),
  };
  const ledger = new Ledger(h.db, h.clock);
  return { group, community, people, m, buy, teaBuy, orders, ledger };
}

function button(message: FakeMessage | undefined, label: RegExp): string {
  const b = message?.reply_markup?.inline_keyboard.flat().find((x) => label.test(x.text)) as { callback_data?: string } | undefined;
  expect(b?.callback_data, `button ${label} in ${message?.text}`).toBeDefined();
  return b!.callback_data!;
}

describe("earnings, reversals and payouts", () => {
  it("accrues when the buy succeeds, shows /earnings, reverses a refund, and pays out with confirmation", async () => {
    const w = await world();
    const bobChat = privateChat(w.people.bob);

    // before the close everything is pending
    await h.send(command(w.people.bob, bobChat, "earnings"));
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain("Pending (buys still open): ¥6.93"); // 3.70 + 1.23 + 0 (his own) + 2.00

    await fxSucceed(h.db, h.services, w.buy.id);
    await fxSucceed(h.db, h.services, w.buy.id); // a re-run close adds nothing
    const accruals = await h.db.ledgerEntry.findMany({ where: { kind: "ACCRUAL" }, orderBy: { id: "asc" } });
    expect(accruals.map((e) => [e.recommenderId, e.orderId, e.amountFen])).toEqual([
      [w.m.alice.id, w.orders.dave.id, 123],
      [w.m.bob.id, w.orders.carol.id, 370],
      [w.m.bob.id, w.orders.erin.id, 123],
    ]);
    await h.flush();
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toBe(
      `🎉 Buy #${w.buy.id} “Wild honey” succeeded: the 3 orders you brought (incl. 1 own order, no commission) earn you ¥4.93. Your balance: ¥4.93. Details: /earnings`,
    );

    await h.send(command(w.people.bob, bobChat, "earnings"));
    let view = h.fake.lastMessage(w.people.bob.id)!.text!;
    expect(view).toContain("Referral earnings of Bob — Green Street Co-op");
    expect(view).toContain("Balance: ¥4.93");
    expect(view).toContain("Pending (buys still open): ¥2.00");
    expect(view).toContain("Earned: ¥4.93 · Paid out: ¥0.00");
    expect(view).toContain(`#${w.buy.id} Wild honey (succeeded): 3 orders (incl. 1 own order, no commission), ¥61.75 → ¥4.93`); // the notice counts the same
    expect(view).toContain(`#${w.teaBuy.id} Spring tea (open, pending): 1 order, ¥60.00 → ¥2.00`);

    // Erin's order is refunded after the buy succeeded
    await fxRefund(h.db, h.services, w.orders.erin.id);
    await h.flush();
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain(`Order #${w.buy.id}-${w.orders.erin.position} of buy #${w.buy.id} “Wild honey” was refunded, so its commission of ¥1.23 was reversed. Your balance: ¥3.70.`);
    await h.send(command(w.people.bob, bobChat, "earnings"));
    view = h.fake.lastMessage(w.people.bob.id)!.text!;
    expect(view).toContain("Balance: ¥3.70");
    expect(view).toContain("Earned: ¥3.70");
    expect(view).toContain(`#${w.buy.id} Wild honey (succeeded): 2 orders (incl. 1 own order, no commission), ¥49.40 → ¥3.70, 1 refunded`);

    // Olga pays Bob ¥3.00, replying to his message in the group; the confirmation comes privately
    const bobSays = textMessage(w.people.bob, w.group, "thanks all!");
    await h.send(bobSays);
    await h.send(textMessage(w.people.olga, w.group, "/payout 3", { reply_to_message: bobSays.message! }));
    expect(h.fake.lastMessage(w.group.id)!.text).toBe("📬 Sent to you privately.");
    const confirm = h.fake.lastMessage(w.people.olga.id)!;
    expect(confirm.text).toContain("Pay ¥3.00 to Bob (Green Street Co-op)?");
    expect(confirm.text).toContain("Balance now: ¥3.70 → after: ¥0.70");
    expect(await h.db.ledgerEntry.count({ where: { kind: "PAYOUT" } })).toBe(0); // nothing until confirmed
    const press = callbackQuery(w.people.olga, confirm, button(confirm, /Confirm payout/));
    // the same button pressed again before the bot's edit took it away pays nothing more
    const again = callbackQuery(w.people.olga, confirm, button(confirm, /Confirm payout/));
    await h.send(press, again);
    expect(h.fake.callbackAnswer(press.callback_query!.id)).toMatchObject({ text: "Payout recorded." });
    expect(h.fake.message(w.people.olga.id, confirm.message_id)!.text).toBe("✅ Paid ¥3.00 to Bob. Balance now ¥0.70 (ledger entry #4).");
    expect(h.fake.callbackAnswer(again.callback_query!.id)).toMatchObject({ text: "This payout is already recorded." });
    const payouts = await h.db.ledgerEntry.findMany({ where: { kind: "PAYOUT" } });
    expect(payouts.map((p) => [p.recommenderId, p.amountFen, p.balanceFen, p.createdById])).toEqual([[w.m.bob.id, -300, 70, w.m.olga.id]]);
    // keyed by the confirming organizer and the confirmation message, never by a Telegram id
    expect(payouts[0]!.idempotencyKey).toBe(`payout:m${w.m.olga.id}:${confirm.message_id}`);
    await h.flush();
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toBe("💸 The co-op Green Street Co-op paid you ¥3.00 from your referral earnings. Your balance: ¥0.70.");

    // Olga looks at Bob's earnings (privately) and pays the rest from there
    await h.send(command(w.people.olga, w.group, "earnings", "@bob_rec"));
    const olgaView = h.fake.lastMessage(w.people.olga.id)!;
    expect(olgaView.text).toContain("Paid out: ¥3.00");
    await h.send(callbackQuery(w.people.olga, olgaView, button(olgaView, /Pay out ¥0\.70/)));
    const rest = h.fake.lastMessage(w.people.olga.id)!;
    expect(rest.text).toContain("Pay ¥0.70 to Bob");
    await h.send(callbackQuery(w.people.olga, rest, button(rest, /Confirm payout/)));
    expect(await w.ledger.balanceOf(w.community.id, w.m.bob.id)).toBe(0);

    // /ledger: recent entries, reconciled
    await h.send(command(w.people.olga, w.group, "ledger"));
    const ledgerText = h.fake.lastMessage(w.people.olga.id)!.text!;
    expect(ledgerText).toContain("Earnings ledger — Green Street Co-op (latest 6 of 6 entries)");
    expect(ledgerText).toContain(`Bob · reversed -¥1.23 → ¥3.70 · order #${w.buy.id}-${w.orders.erin.position}`);
    expect(ledgerText).toContain("Bob · paid out -¥3.00 → ¥0.70");
    expect(ledgerText).toContain("✅ Every balance equals the sum of its entries");
    expect(await w.ledger.verify(w.community.id)).toEqual([]);
    h.fake.assertNoRejections();
  });

  it("/export_ledger sends a CSV: BOM, header, one row per entry, exact decimal amounts", async () => {
    const w = await world();
    await h.db.member.update({ where: { id: w.m.bob.id }, data: { firstName: '=Bob, "the bee"' } });
    await fxSucceed(h.db, h.services, w.buy.id);
    await fxRefund(h.db, h.services, w.orders.erin.id);
    await h.send(command(w.people.oscar, w.group, "export_ledger"));
    const upload = h.fake.callsOf("sendDocument").at(-1)!;
    expect(upload.params.chat_id).toBe(w.people.oscar.id);
    const file = upload.params.document as UploadedFile;
    expect(file).toBeInstanceOf(UploadedFile);
    expect(file.filename).toMatch(/^ledger-\d+-\d{8}\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.text().replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Seq,Created at (UTC),Created at (local),Recommender,Kind,Amount,Balance,Currency,Order,Member,Quantity,Unit price,Order amount,Rule kind,Rule value,Self-referral,Self-referrals earn,Recorded by,Payout method,Payout reference,Memo",
    );
    // an auditor recomputes every accrual and reversal from its row alone, and each balance from the rows before it
    const rows = lines.slice(1).map(parseCsvLine);
    const balances = new Map<string, number>();
    for (const r of rows) {
      const [, , , recommender, kind, amount, balance, , ref, , qty, , orderAmount, ruleKind, ruleValue, self, selfEarns] = r;
      const fen = (s: string) => Math.round(Number(s) * 100);
      const before = balances.get(recommender!) ?? 0;
      expect(fen(balance!)).toBe(before + fen(amount!));
      balances.set(recommender!, fen(balance!));
      if (kind === "ACCRUAL" || kind === "REVERSAL") {
        expect(ref).toMatch(/^#\d+-\d+$/);
        const commission = orderCommissionFen(
          { commissionKind: ruleKind as "PERCENT_BP", commissionValue: Number(ruleValue), amountFen: fen(orderAmount!), quantity: Number(qty), selfReferral: self === "yes" },
          selfEarns === "yes",
        );
        expect(fen(amount!)).toBe(kind === "ACCRUAL" ? commission : -commission);
      }
    }
    expect(lines).toHaveLength(1 + 4);
    const bobRows = lines.filter((l) => l.includes(`,"'=Bob, ""the bee""",`));
    expect(bobRows).toHaveLength(3);
    expect(bobRows[0]).toContain(",ACCRUAL,3.70,3.70,CNY,");
    expect(bobRows[1]).toContain(",ACCRUAL,1.23,4.93,CNY,");
    expect(bobRows[2]).toContain(",REVERSAL,-1.23,3.70,CNY,");
    expect(lines.at(-1)).toMatch(new RegExp(`,#${w.buy.id}-${w.orders.erin.position},.*,REFUNDED$`));
    expect(h.fake.lastMessage(w.group.id)!.text).toBe("📬 Sent to you privately.");
    h.fake.assertNoRejections();
  });

  it("two organizers confirming payouts of the same balance at once: one of them is refused", async () => {
    const w = await world();
    await fxSucceed(h.db, h.services, w.buy.id);
    await h.send(command(w.people.olga, w.group, "payout", "@bob_rec 4.93"));
    await h.send(command(w.people.oscar, w.group, "payout", "@bob_rec 4.93"));
    const olgas = h.fake.lastMessage(w.people.olga.id)!;
    const oscars = h.fake.lastMessage(w.people.oscar.id)!;
    // both presses reach the bot in one batch and are handled side by side
    await h.stopBot();
    h.fake.pushUpdate(callbackQuery(w.people.olga, olgas, button(olgas, /Confirm payout/)));
    h.fake.pushUpdate(callbackQuery(w.people.oscar, oscars, button(oscars, /Confirm payout/)));
    await h.restartBot();
    await h.fake.settle();
    const batchSizes = h.fake.callsOf("getUpdates").map((c) => (c.response.result as unknown[] | undefined)?.length ?? 0);
    expect(batchSizes).toContain(2);
    const texts = [h.fake.message(w.people.olga.id, olgas.message_id)!.text!, h.fake.message(w.people.oscar.id, oscars.message_id)!.text!];
    expect(texts.filter((t) => t.startsWith("✅ Paid ¥4.93 to Bob"))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith("❌ Not recorded: paying ¥4.93 to Bob would exceed the balance, which is now ¥0.00"))).toHaveLength(1);
    expect(await h.db.ledgerEntry.count({ where: { kind: "PAYOUT" } })).toBe(1);
    expect(await w.ledger.balanceOf(w.community.id, w.m.bob.id)).toBe(0);
    expect(await w.ledger.verify(w.community.id)).toEqual([]);
    h.fake.assertNoRejections();
  });

  it("refuses organizer commands and forged payout buttons from members", async () => {
    const w = await world();
    await fxSucceed(h.db, h.services, w.buy.id);
    for (const [name, payload] of [["payout", "@bob_rec 1"], ["ledger", ""], ["export_ledger", ""], ["earnings", "@bob_rec"]] as const) {
      await h.send(command(w.people.carol, w.group, name, payload));
      // told privately, not in the group
      expect(h.fake.lastMessage(w.people.carol.id)!.text, name).toBe("Only this community's organizers can use this command.");
    }
    await h.send(command(w.people.carol, privateChat(w.people.carol), "ledger"));
    expect(h.fake.lastMessage(w.people.carol.id)!.text).toBe("Only this community's organizers can use this command.");
    // Carol forges a confirmation press paying Bob's balance
    await h.send(command(w.people.carol, privateChat(w.people.carol), "earnings"));
    const hers = h.fake.lastMessage(w.people.carol.id)!;
    const forged = callbackQuery(w.people.carol, hers, `lpay:${w.community.id}:${w.m.bob.id}:493`);
    await h.send(forged);
    expect(h.fake.callbackAnswer(forged.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." });
    expect(await h.db.ledgerEntry.count({ where: { kind: "PAYOUT" } })).toBe(0);
    // and a payout above the balance is refused up front
    await h.send(command(w.people.olga, w.group, "payout", "@bob_rec 5"));
    expect(h.fake.lastMessage(w.people.olga.id)!.text).toBe("That is more than Bob's balance of ¥4.93.");
    expect(h.fake.lastMessage(w.group.id)!.text).toBe("📬 Sent to you privately.");
    h.fake.assertNoRejections();
  });

  it("never answers an organizer's money commands in the group: balances and names go privately", async () => {
    const w = await world();
    await fxSucceed(h.db, h.services, w.buy.id);
    const before = h.fake.messages(w.group.id).length;
    const inGroup = async (name: string, payload: string) => {
      await h.send(command(w.people.olga, w.group, name, payload));
      return h.fake.lastMessage(w.people.olga.id)!;
    };
    expect((await inGroup("payout", "@bob_rec 999")).text).toBe("That is more than Bob's balance of ¥4.93.");
    expect((await inGroup("payout", "@bob_rec 0")).text).toBe("The amount must be more than zero.");
    expect((await inGroup("payout", "@bob_rec 1")).text).toContain("Pay ¥1.00 to Bob (Green Street Co-op)?");
    expect((await inGroup("earnings", "@bob_rec")).text).toContain("Referral earnings of Bob — Green Street Co-op");
    expect((await inGroup("ledger", "")).text).toContain("Earnings ledger — Green Street Co-op");
    expect((await inGroup("export_ledger", "")).caption).toContain("Earnings ledger of Green Street Co-op");
    // the group saw six neutral pointers and nothing else
    const seen = h.fake.messages(w.group.id).slice(before).map((m) => m.text);
    expect(seen).toEqual(Array(6).fill("📬 Sent to you privately."));
    h.fake.assertNoRejections();
  });

  it("answers in the group with a way to start the bot when it can't write privately", async () => {
    const w = await world();
    h.fake.blockChat(w.people.carol.id, "Forbidden: bot can't initiate conversation with a user");
    await h.send(command(w.people.carol, w.group, "earnings"));
    const note = h.fake.lastMessage(w.group.id)!;
    expect(note.text).toContain("I can't write to you privately yet");
    expect((note.reply_markup!.inline_keyboard[0]![0]! as { url: string }).url).toBe(`https://t.me/${h.fake.botInfo.username}`);
    h.fake.assertNoRejections();
  });

  it("lists the 15 newest buys, counts the rest, and still counts every open buy as pending", async () => {
    const w = await world();
    // Dave orders without a link: each order is Alice's (her products). First an open buy that
    // won't be among the newest 15, then 16 buys that succeed.
    const jam = await fxProduct(h.db, { communityId: w.community.id, recommenderId: w.m.alice.id, name: "Plum jam", priceFen: 2_000 });
    const deadlineAt = new Date(h.clock.now().getTime() + DAY);
    const oldOpen = await fxBuy(h.db, { product: jam, openedById: w.m.oscar.id, commission: { kind: "FIXED_PER_UNIT", value: 50 }, deadlineAt });
    await fxOrder(h.db, { groupBuyId: oldOpen.id, memberId: w.m.dave.id, quantity: 3 }); // pending ¥1.50
    const closed: number[] = [];
    for (let i = 0; i < 16; i++) {
      const buy = await fxBuy(h.db, { product: jam, openedById: w.m.oscar.id, commission: { kind: "FIXED_PER_UNIT", value: 10 }, deadlineAt });
      await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.m.dave.id, quantity: 1 });
      await fxSucceed(h.db, h.services, buy.id);
      closed.push(buy.id);
    }
    await h.send(command(w.people.alice, privateChat(w.people.alice), "earnings"));
    const view = h.fake.lastMessage(w.people.alice.id)!.text!;
    // honey (open: Dave's jar ¥1.23) + the old open buy (¥1.50), neither of them listed
    expect(view).toContain("Pending (buys still open): ¥2.73");
    expect(view).toContain("Balance: ¥1.60");
    const listed = [...view.matchAll(/^• #(\d+) /gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(closed.slice(1).reverse());
    expect(view).toContain(`#${closed.at(-1)} Plum jam (succeeded): 1 order, ¥20.00 → ¥0.10`);
    // not listed: the first closed buy, the old open buy and honey
    expect(view).toContain("… and 3 more buys");
  });
});

/** One CSV line (RFC 4180 quoting) into its fields. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 2; }
        else if (line[i] === '"') { i++; break; }
        else value += line[i++];
      }
      fields.push(value);
      i++;
    } else {
      const end = line.indexOf(",", i);
      const stop = end === -1 ? line.length : end;
      fields.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}
