import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxOrganizer, fxProduct, fxRefund, fxSucceed } from "../helpers/ledger-fixtures";
import { buttonData, buttons } from "../helpers/group-buy-fixtures";
import { callbackQuery, command, privateChat, supergroup, user } from "../fake-telegram/updates";
import { createBreakdown } from "../../src/db/breakdowns";
import { Ledger } from "../../src/db/ledger";
import { formatMoney } from "../../src/domain/money";
import { periodKey } from "../../src/domain/period";
import { localParts } from "../../src/domain/dates";
import type { UploadedFile } from "../fake-telegram/types";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;
const yuan = (fen: number) => formatMoney(fen, "CNY", "en");

// A month with two closed buys of one product (¥10: producer 7, co-op fee 2, commission 1 per unit) and a refund.
async function world() {
  h = await createHarness();
  const group = supergroup({ title: "Green Street Co-op" });
  const community = await fxCommunity(h.db, { chatId: group.id });
  const people = { oscar: user({ first_name: "Oscar" }), alice: user({ first_name: "Alice" }), carol: user({ first_name: "Carol" }), dave: user({ first_name: "Dave" }) };
  const m = {
    oscar: await fxMember(h.db, people.oscar, community.id),
    alice: await fxMember(h.db, people.alice, community.id),
    carol: await fxMember(h.db, people.carol, community.id),
    dave: await fxMember(h.db, people.dave, community.id),
  };
  await fxOrganizer(h.db, community.id, m.oscar.id);
  const product = await fxProduct(h.db, { communityId: community.id, recommenderId: m.alice.id, priceFen: 1_000 });
  const lines = [
    { label: "Honey", kind: "PRODUCER" as const, amountFen: 700 },
    { label: "Co-op fee", kind: "COOP_FEE" as const, amountFen: 200 },
    { label: "Commission", kind: "COMMISSION" as const, amountFen: 100 },
  ];
  const buys = [];
  for (let i = 0; i < 2; i++) {
    const buy = await fxBuy(h.db, { product, openedById: m.oscar.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
    const breakdownId = await createBreakdown(h.db, { priceFen: 1_000, currency: "CNY", lines });
    await h.db.groupBuy.update({ where: { id: buy.id }, data: { breakdownId } });
    buys.push(buy);
  }
  const c1 = await fxOrder(h.db, { groupBuyId: buys[0]!.id, memberId: m.carol.id, quantity: 3 });
  await fxOrder(h.db, { groupBuyId: buys[0]!.id, memberId: m.dave.id, quantity: 1 });
  await fxOrder(h.db, { groupBuyId: buys[1]!.id, memberId: m.carol.id, quantity: 2 });
  const d2 = await fxOrder(h.db, { groupBuyId: buys[1]!.id, memberId: m.dave.id, quantity: 2 });
  await fxSucceed(h.db, h.services, buys[0]!.id, m.oscar.id);
  await fxSucceed(h.db, h.services, buys[1]!.id, m.oscar.id);
  await h.db.order.update({ where: { id: c1.id }, data: { paymentStatus: "PAID", paidAt: h.clock.now() } });
  await fxRefund(h.db, h.services, d2.id, m.oscar.id);
  const ledger = new Ledger(h.db, h.clock);
  const paid = await ledger.payout({ communityId: community.id, recommenderId: m.alice.id, amountFen: 250, createdById: m.oscar.id, idempotencyKey: "payout:t:1" });
  expect(paid.ok).toBe(true);
  const now = localParts(h.clock.now(), "Asia/Shanghai");
  return { group, community, people, m, buys, period: periodKey({ year: now.year, month: now.month }) };
}

describe("community books for a period", () => {
  it("shows the month's totals, fee income and commissions to a member, with no CSV button for them", async () => {
    const w = await world();
    await h.send(command(w.people.carol, w.group, "books", "month"));
    const text = h.fake.lastMessage(w.group.id)!.text!;
    expect(text).toContain(`books for ${w.period}`);
    expect(text).toContain("2 buys closed · 3 orders · 6 units"); // dave's refunded order no longer stands
    expect(text).toContain(`Revenue ${yuan(6_000)} (collected ${yuan(3_000)}, outstanding ${yuan(3_000)})`);
    expect(text).toContain(`Co-op fee income: ${yuan(1_200)}`);
    expect(text).toContain(`accrued ${yuan(600)} · paid out this month ${yuan(250)} · outstanding at month end ${yuan(350)}`);
    expect(text).toContain(`Refunds: 1 order, ${yuan(2_000)}`);
    expect(text).toContain("add up to the revenue, to the fen");
    expect(text).not.toContain("Carol");
    expect(buttons(h.fake.lastMessage(w.group.id))).toHaveLength(0);
  });

  it("gives organizers a CSV, checked again on the press; a member's press (forged) gets nothing", async () => {
    const w = await world();
    await h.send(command(w.people.oscar, w.group, "books", w.period));
    const books = h.fake.lastMessage(w.group.id)!;
    const data = buttonData(books, "pbcsv:");
    await h.send(callbackQuery(w.people.carol, books, data));
    expect(h.fake.callsOf("sendDocument")).toHaveLength(0);
    // forged in private: carol is no organizer anywhere
    await h.send(command(w.people.carol, privateChat(w.people.carol), "books", "month"));
    await h.send(callbackQuery(w.people.carol, h.fake.lastMessage(w.people.carol.id)!, data));
    expect(h.fake.callsOf("sendDocument")).toHaveLength(0);
    await h.send(callbackQuery(w.people.oscar, books, data));
    const upload = h.fake.callsOf("sendDocument").at(-1)!;
    expect(upload.params.chat_id).toBe(w.people.oscar.id);
    const csv = (upload.params.document as UploadedFile).text();
    expect(csv).toContain("period,row,product,producer,orders,quantity,amount,currency");
    expect(csv).toContain(`${w.period},co-op fee income,,,,,12.00,CNY`);
    expect(csv).toContain(`${w.period},commissions outstanding,,,,,3.50,CNY`);
  });

  it("refuses the CSV to an organizer who stepped down after the books were shown", async () => {
    const w = await world();
    await h.send(command(w.people.oscar, privateChat(w.people.oscar), "books", "month"));
    const books = h.fake.lastMessage(w.people.oscar.id)!;
    const data = buttonData(books, "pbcsv:");
    await h.db.communityRole.deleteMany({ where: { communityId: w.community.id, memberId: w.m.oscar.id } });
    await h.send(callbackQuery(w.people.oscar, books, data));
    expect(h.fake.callsOf("sendDocument")).toHaveLength(0);
  });

  it("says how to name a month when the argument is a bad one", async () => {
    const w = await world();
    await h.send(command(w.people.carol, w.group, "books", "2026-13"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("couldn't read that month");
  });

  it("sets the patronage share (bad values re-asked) and shows a member's preview with its residue", async () => {
    const w = await world();
    await h.send(command(w.people.oscar, w.group, "settings", "patronage 150%"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("from 0% to 100%");
    await h.send(command(w.people.oscar, w.group, "settings", "patronage abc"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("from 0% to 100%");
    await h.send(command(w.people.carol, w.group, "settings", "patronage 50%"));
    expect((await h.db.community.findUniqueOrThrow({ where: { id: w.community.id } })).patronageShareBp).toBe(0);
    await h.send(command(w.people.oscar, w.group, "settings", "patronage 33.33%"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("set to 33.33%");
    expect((await h.db.community.findUniqueOrThrow({ where: { id: w.community.id } })).patronageShareBp).toBe(3_333);
    await h.send(command(w.people.oscar, w.group, "settings"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("Patronage share of co-op fee income: 33.33%");

    // pool ⌊1200 × 33.33%⌋ = 399; carol bought 5000 of 6000 → ⌊332.5⌋ = 332, dave ⌊66.5⌋ = 66; residue 1
    await h.send(command(w.people.carol, privateChat(w.people.carol), "my_books"));
    const mine = h.fake.lastMessage(w.people.carol.id)!.text!;
    expect(mine).toContain(`#${w.buys[0]!.id}`);
    expect(mine).toContain(`${yuan(3_000)} (paid)`);
    expect(mine).toContain(`${yuan(2_000)} (not paid yet)`);
    expect(mine).toContain(`is ${yuan(399)}`);
    expect(mine).toContain(`→ ${yuan(332)}`);
    expect(mine).toContain("floor with a visible residue");
    expect(mine).toContain(`${yuan(1)} is left over among 2 members`);
    await h.send(command(w.people.dave, privateChat(w.people.dave), "my_books", "2026-1x"));
    expect(h.fake.lastMessage(w.people.dave.id)!.text).toContain("couldn't read that month");
  });

  it("asks a member of several communities which one, in private, and refuses a pick of a community not theirs", async () => {
    const w = await world();
    const other = await fxCommunity(h.db, { chatId: -100_999, title: "Other Co-op" });
    await fxMember(h.db, w.people.carol, other.id);
    const stranger = await fxCommunity(h.db, { chatId: -100_998, title: "Stranger Co-op" });
    const chat = privateChat(w.people.carol);
    await h.send(command(w.people.carol, chat, "books", "month"));
    const picker = h.fake.lastMessage(chat.id)!;
    expect(picker.text).toContain("Which community");
    const data = buttonData(picker, `pbpick:${w.community.id}:`);
    await h.send(callbackQuery(w.people.carol, picker, data));
    expect(h.fake.lastMessage(chat.id)!.text).toContain(`Co-op fee income: ${yuan(1_200)}`);
    // a forged pick (not a button of the message) gets nothing new
    const before = h.fake.messages(chat.id).length;
    await h.send(callbackQuery(w.people.carol, picker, `pbpick:${stranger.id}:b:${w.period}`));
    expect(h.fake.lastMessage(chat.id)!.text).toContain(`Co-op fee income: ${yuan(1_200)}`);
    expect(h.fake.messages(chat.id).length).toBe(before);
  });
});
