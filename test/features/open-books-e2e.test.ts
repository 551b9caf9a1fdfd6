// Open books end to end, through the bot only: a recommendation with its line
// kinds, a buy opened at another price (the co-op fee takes the difference),
// joins through a share link and in the group, the close, the statement in the
// group adding up to the revenue, a refund that updates the statement and the
// ledger, a payout with its method and reference, the month's books, a
// member's patronage preview, and the ledger CSV recomputed without the database.
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { BOT_USERNAME, createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { announcement, buttonData, openBuy } from "../helpers/group-buy-fixtures";
import { answerUpToPrice, confirmKinds, lastText, press, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const LINK = new RegExp(`https://t\\.me/${BOT_USERNAME}\\?start=(\\S+)`);
const bob = user({ first_name: "Bob", username: "bob_rec", language_code: "en" });
const carol = user({ first_name: "Carol", language_code: "en" });
const dave = user({ first_name: "Dave", language_code: "en" });
const erin = user({ first_name: "Erin", language_code: "en" });

/** Every ¥ amount after a label in a text, in fen (a minus sign before the ¥ counts). */
function fen(text: string, label: RegExp): number {
  const m = new RegExp(label.source + String.raw`.*?(-?)¥([\d,]+\.\d\d)`).exec(text);
  if (!m) throw new Error(`no ${label} in\n${text}`);
  return (m[1] ? -1 : 1) * Math.round(Number(m[2]!.replace(/,/g, "")) * 100);
}
const amounts = (text: string) => [...text.matchAll(/¥([\d,]+\.\d\d)/g)].map((m) => Math.round(Number(m[1]!.replace(/,/g, "")) * 100));

async function tap(u: User, message: FakeMessage, prefix: string) {
  const update = callbackQuery(u, message, buttonData(message, prefix));
  await h.send(update);
  return h.fake.callbackAnswer(update.callback_query!.id);
}

/** Scheduler ticks past the group's pace until the outbox and the statement job have nothing left. */
async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    h.clock.advance(10_100);
    await h.flush();
  }
}

async function statementOf(buyId: number): Promise<string> {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId }, include: { community: true } });
  expect(buy.statementMessageId, "no statement in the group").not.toBeNull();
  const m = h.fake.message(Number(buy.community.telegramChatId), buy.statementMessageId!)!;
  return m.caption ?? m.text ?? "";
}

const PARTS = [/生产者/, /包装/, /物流/, /合作社服务费/, /推介佣金：/, /舍入余数/];

describe("open books end to end", () => {
  it("kinds → open at another price → joins → close → statement → refund → payout → month's books → patronage → ledger CSV", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer: olga, recommender: alice } = await setUpCommunity(h);
    await h.send(textMessage(bob, group, "I'll tell my neighbours"), textMessage(dave, group, "hi"), textMessage(erin, group, "hi"));

    // 1. the recommendation, each line with its kind: ¥52.00 = tea 30 + labour 12.50 + packaging 3 + shipping 2 + co-op fee 2 + commission 2.50
    await answerUpToPrice(h, alice, { ...TEA, costs: ["Tea leaves 30\nLabour 12.50", "Packaging 3", "Shipping 2", "Co-op fee 2", "Recommender commission 2.50"] });
    await say(h, alice, "52");
    const guesses = lastText(h, alice.id);
    expect(guesses).toContain("1. Tea leaves ¥30.00 → Other (guessed)");
    expect(guesses).toContain("6. Recommender commission ¥2.50 → Recommender commission (guessed)");
    await press(h, alice, "1. Tea leaves");
    await press(h, alice, /^Producer$/);
    await confirmKinds(h, alice);
    await press(h, alice, /No photos/);
    await press(h, alice, /Submit for review/);
    const { id: productId } = await h.db.product.findFirstOrThrow({ where: { recommender: { telegramId: BigInt(alice.id) } } });
    const lines = await h.db.costLine.findMany({ where: { revision: { productId } }, orderBy: { position: "asc" } });
    expect(lines.map((l) => [l.label, l.kind])).toEqual([
      ["Tea leaves", "PRODUCER"],
      ["Labour", "PRODUCER"],
      ["Packaging", "PACKAGING"],
      ["Shipping", "LOGISTICS"],
      ["Co-op fee", "COOP_FEE"],
      ["Recommender commission", "COMMISSION"],
    ]);
    await press(h, olga, "Approve");
    expect(await h.db.product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject({ status: "APPROVED" });

    // 2. opened at ¥53.00: the co-op fee takes the ¥1.00; the commission rule is the commission line, ¥2.50 a unit
    const buyId = await openBuy(h, olga, productId, { price: "53", min: "3", deadline: "2026-12-03 20:00", absorb: "Co-op fee" });
    const { breakdownId } = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    const breakdown = await h.db.priceBreakdown.findUniqueOrThrow({ where: { id: breakdownId! } });
    expect(breakdown.priceFen).toBe(5300);
    const post = await announcement(h, buyId);
    const line = post.text!.split("\n").find((l) => l.startsWith("🧾"))!;
    expect(line).toContain("¥53.00");
    const [price, ...parts] = amounts(line);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(price); // the announcement's breakdown adds up to the buy's own price
    expect(post.text).toContain("¥2.00 → ¥3.00");
    // and the chart of where the money goes comes just before it, as a photo
    const { chartMessageId } = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(h.fake.message(group.id, chartMessageId!)?.photo).toBeTruthy();

    // 3. Carol joins through Bob's link (2), Dave (1) and Erin (3) in the group
    await h.send(command(bob, privateChat(bob), "share", String(buyId)));
    const payload = LINK.exec(lastText(h, bob.id))![1]!;
    await h.send(command(carol, privateChat(carol), "start", payload));
    const view = h.fake.lastMessage(carol.id)!;
    await tap(carol, view, "gbadd:");
    await tap(carol, h.fake.message(carol.id, view.message_id)!, "gbadd:");
    await tap(dave, post, "gbadd:");
    for (let i = 0; i < 3; i++) await tap(erin, await announcement(h, buyId), "gbadd:");
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId }, orderBy: { id: "asc" } });
    expect(orders.map((o) => [o.quantity, o.amountFen, o.breakdownId])).toEqual([
      [2, 10_600, breakdown.id],
      [1, 5_300, breakdown.id],
      [3, 15_900, breakdown.id],
    ]);

    // 4. the close; 5. the statement in the group: 6 × ¥53.00, its parts adding up to it
    await h.send(command(olga, group, "close", String(buyId)));
    await settle();
    const closed = await statementOf(buyId);
    expect(fen(closed, /收入/)).toBe(31_800);
    expect(fen(closed, /生产者/)).toBe(6 * 4250);
    expect(fen(closed, /包装/)).toBe(6 * 300);
    expect(fen(closed, /物流/)).toBe(6 * 200);
    expect(fen(closed, /合作社服务费/)).toBe(6 * 300);
    expect(fen(closed, /推介佣金：/)).toBe(6 * 250);
    expect(fen(closed, /舍入余数/)).toBe(0);
    expect(PARTS.map((p) => fen(closed, p)).reduce((a, b) => a + b, 0)).toBe(31_800);
    expect(closed).toContain("合计 = 收入 ✓");
    const { statementMessageId } = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(h.fake.message(group.id, statementMessageId!)?.photo, "the statement carries its chart").toBeTruthy();

    // 6. Erin's order refunded from /orders: the statement and the ledger follow
    const chat = privateChat(olga);
    await h.send(command(olga, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    await tap(olga, list, "gbarf:3:");
    await tap(olga, h.fake.message(chat.id, list.message_id)!, "gbarfy:3:");
    await settle();
    const refunded = await statementOf(buyId);
    expect(fen(refunded, /收入/)).toBe(15_900);
    expect(fen(refunded, /退款：1 单/)).toBe(15_900);
    expect(fen(refunded, /推介佣金：/)).toBe(3 * 250);
    expect(PARTS.map((p) => fen(refunded, p)).reduce((a, b) => a + b, 0)).toBe(15_900);
    const ledger = await h.db.ledgerEntry.findMany({ where: { groupBuyId: buyId }, orderBy: [{ orderId: "asc" }, { id: "asc" }], include: { recommender: true } });
    expect(ledger.map((e) => [e.recommender.firstName, e.kind, e.amountFen])).toEqual([
      ["Bob", "ACCRUAL", 500], // Carol's 2 through Bob's link
      ["Alice", "ACCRUAL", 250], // Dave, in the group: the product's recommender
      ["Alice", "ACCRUAL", 750], // Erin's 3…
      ["Alice", "REVERSAL", -750], // …refunded
    ]);

    // 8. the month's books, public to the community: the co-op fee income is 3 units × ¥3.00
    await h.send(command(olga, group, "settings", "patronage 50%"));
    expect(h.fake.lastMessage(group.id)!.text).toContain("50");
    await h.send(command(dave, group, "books", "month"));
    const month = h.fake.lastMessage(group.id)!.text!;
    expect(fen(month, /Co-op fee income/)).toBe(900);
    expect(month).not.toContain("Carol"); // no personal data
    expect(month).toContain("The parts add up to the revenue, to the fen.");
    // Carol's patronage preview: half the fee income, ¥4.50, by purchases: her ¥106.00 of ¥159.00 → ¥3.00, floored, residue ¥0.00
    await h.send(command(carol, privateChat(carol), "my_books"));
    const mine = lastText(h, carol.id);
    expect(mine).toContain("¥106.00");
    expect(mine).toMatch(/→ ¥3\.00/);
    expect(mine).toContain("¥0.00 is left over");

    // 7. Bob is paid his ¥5.00, with how and the transfer's reference
    await h.send(command(olga, chat, "payout", "@bob_rec 5 微信转账 20261203-1"));
    const confirm = h.fake.lastMessage(chat.id)!;
    expect(confirm.text).toContain("Method: 微信转账 · reference: 20261203-1");
    await tap(olga, confirm, "lpay:");
    const payout = await h.db.ledgerEntry.findFirstOrThrow({ where: { kind: "PAYOUT" } });
    expect(payout).toMatchObject({ amountFen: -500, balanceFen: 0, payoutMethod: "微信转账", payoutReference: "20261203-1" });
    await h.send(command(olga, chat, "ledger"));
    expect(lastText(h, olga.id)).toContain("paid out -¥5.00 → ¥0.00 · 微信转账 20261203-1");
    // a method too long is refused with the usage, nothing prepared
    await h.send(command(olga, chat, "payout", `@bob_rec 1 ${"x".repeat(33)}`));
    expect(lastText(h, olga.id)).toContain("at most 32 characters");

    // 9. the ledger CSV, from which every entry is recomputed with no access to the database
    await h.send(command(olga, chat, "export_ledger"));
    const csv = h.fake.lastMessage(chat.id)!.files[0]!.bytes!.toString("utf8").replace(/^\uFEFF/, "");
    const [header, ...csvRows] = csv.trimEnd().split("\r\n").map((l) => l.split(","));
    // each row by its column names (the organizer's language: English here)
    const rows = csvRows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ""])));
    const fenOf = (decimal: string | undefined) => Math.round(Number(decimal) * 100);
    const accrued = new Map<string, number>();
    const balances = new Map<string, number>();
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      let expected: number;
      if (r.Kind === "ACCRUAL") {
        expect(fenOf(r["Unit price"]) * Number(r.Quantity)).toBe(fenOf(r["Order amount"]));
        const earns = r["Self-referral"] === "no" || r["Self-referrals earn"] === "yes";
        expected = !earns
          ? 0
          : r["Rule kind"] === "PERCENT_BP"
            ? Math.floor((fenOf(r["Order amount"]) * Number(r["Rule value"])) / 10_000)
            : Number(r["Rule value"]) * Number(r.Quantity);
        accrued.set(r.Order!, expected);
      } else if (r.Kind === "REVERSAL") {
        expected = -accrued.get(r.Order!)!;
      } else {
        expect(r.Kind).toBe("PAYOUT");
        expect([r["Payout method"], r["Payout reference"], r["Recorded by"]]).toEqual(["微信转账", "20261203-1", "Olga"]);
        expected = fenOf(r.Amount);
      }
      expect(fenOf(r.Amount), JSON.stringify(r)).toBe(expected);
      const after = (balances.get(r.Recommender!) ?? 0) + expected;
      expect(fenOf(r.Balance), JSON.stringify(r)).toBe(after);
      balances.set(r.Recommender!, after);
    }
    expect(rows.filter((r) => r.Kind === "ACCRUAL").map((r) => [r.Order, r.Member])).toEqual(
      expect.arrayContaining([[`#${buyId}-1`, "Carol"], [`#${buyId}-2`, "Dave"], [`#${buyId}-3`, "Erin"]]),
    );
    expect(Object.fromEntries(balances)).toEqual({ Alice: 250, Bob: 0 });
    h.fake.assertNoRejections();
  });
});
