import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, user } from "../fake-telegram/updates";
import { ORGANIZER_TELEGRAM_ID, seedBigBuy, type SeededBuy } from "../helpers/big-buy";
import { Ledger } from "../../src/db/ledger";
import { orderCommissionFen } from "../../src/domain/commission";
import { formatMoney, type Locale } from "../../src/domain/money";

// A close reads, settles and notifies a buy's orders a page (1,000) at a time
// and accrues each recommender's orders a page at a time: a buy of 2,500
// orders, two thirds of them brought by one recommender, takes several pages
// of each. Everything a member, a recommender and the organizer will read must
// come out as if the orders had been handled at once.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const olga = user({ id: ORGANIZER_TELEGRAM_ID, first_name: "Olga", username: "olga_org", language_code: "en" });
const ORDERS = 2_500;
const count = (n: number, locale: Locale) => new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US").format(n);

async function closeBigBuy(failing: boolean): Promise<SeededBuy> {
  h = await createHarness({ organizerIds: [ORGANIZER_TELEGRAM_ID] });
  const seeded = await seedBigBuy(h.databaseUrl, { orders: ORDERS, recommenders: 2, failing });
  await h.send(command(olga, privateChat(olga), "close", String(seeded.buyId)));
  return seeded;
}

/** Each order with its member's chat and language. */
async function ordersOf(buyId: number) {
  const orders = await h.db.order.findMany({ where: { groupBuyId: buyId }, include: { member: true }, orderBy: { id: "asc" } });
  return orders.map((o) => ({ ...o, locale: (o.member.telegramLanguage === "en" ? "en" : "zh") as Locale }));
}

async function noticesOf(buyId: number): Promise<Map<string, { chatId: bigint; text: string }>> {
  const rows = await h.db.outboxMessage.findMany({ where: { dedupKey: { startsWith: `gb${buyId}:closed:` } } });
  return new Map(rows.map((r) => [r.dedupKey, r]));
}

describe("closing a buy of thousands of orders", () => {
  it("tells every member their own order, accrues every commission once, and sums across pages", async () => {
    const seeded = await closeBigBuy(false);
    expect(h.fake.lastMessage(olga.id)?.text).toBe(`Group buy #${seeded.buyId} is closed and going ahead (${count(seeded.totalQty, "en")}/${count(Math.floor(seeded.totalQty / 2), "en")}). Members are being notified.`);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId } })).status).toBe("SUCCEEDED");

    const orders = await ordersOf(seeded.buyId);
    const notices = await noticesOf(seeded.buyId);
    expect(notices.size).toBe(ORDERS + 2); // every member, the group, the opener
    for (const o of orders) {
      const notice = notices.get(`gb${seeded.buyId}:closed:o${o.id}`)!;
      expect(notice.chatId).toBe(o.member.telegramId);
      const line = o.locale === "en" ? `Your order #${seeded.buyId}-${o.position}: ${o.quantity} × 袋, ${formatMoney(o.amountFen, "CNY", "en")}.` : `你的订单 #${seeded.buyId}-${o.position}：${o.quantity} × 袋，共 ${formatMoney(o.amountFen, "CNY", "zh")}。`;
      expect(notice.text).toContain(line);
    }
    expect(notices.get(`gb${seeded.buyId}:closed:group`)!.text).toContain(`共 ${count(seeded.totalQty, "zh")} × 袋，${count(ORDERS, "zh")} 人参与`);
    const opener = notices.get(`gb${seeded.buyId}:closed:opener`)!.text;
    expect(opener).toContain(`${count(ORDERS, "en")} orders, ${formatMoney(seeded.amountFen, "CNY", "en")}`);

    // the ledger: one accrual per earning order, chains continuing after the opening entries
    const earning = orders.filter((o) => orderCommissionFen(o, false) > 0);
    const accruals = await h.db.ledgerEntry.findMany({ where: { groupBuyId: seeded.buyId, kind: "ACCRUAL" }, orderBy: { id: "asc" } });
    expect(accruals.map((a) => a.orderId).sort((a, b) => a! - b!)).toEqual(earning.map((o) => o.id));
    expect(accruals.every((a) => a.amountFen === orderCommissionFen(earning.find((o) => o.id === a.orderId)!, false))).toBe(true);
    expect(await new Ledger(h.db, h.clock).verify(seeded.communityId)).toEqual([]);

    for (const recommenderId of seeded.recommenderIds) {
      const theirs = earning.filter((o) => o.referrerId === recommenderId);
      const commission = theirs.reduce((sum, o) => sum + orderCommissionFen(o, false), 0);
      const chain = await h.db.ledgerEntry.findMany({ where: { recommenderId }, orderBy: { seq: "asc" } });
      expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: theirs.length + 1 }, (_, i) => i + 1));
      expect(chain.at(-1)!.balanceFen).toBe(seeded.openingBalanceFen + commission);
      expect(chain.slice(1).map((e) => e.orderId)).toEqual(theirs.map((o) => o.id)); // in the orders' order
      const member = orders.find((o) => o.memberId === recommenderId)!;
      const told = await h.db.outboxMessage.findUniqueOrThrow({ where: { dedupKey: `ledger-accrual:${seeded.buyId}:${recommenderId}` } });
      // every order they brought, as /earnings counts them (their own, earning nothing, among them)
      expect(told.text).toContain(count(orders.filter((o) => o.referrerId === recommenderId).length, member.locale));
      expect(told.text).toContain(formatMoney(commission, "CNY", member.locale));
    }
    expect(Math.max(...seeded.recommenderIds.map((r) => earning.filter((o) => o.referrerId === r).length))).toBeGreaterThan(1000);

    // closing again changes nothing
    await h.send(command(olga, privateChat(olga), "close", String(seeded.buyId)));
    expect(h.fake.lastMessage(olga.id)?.text).toContain("is not open");
    expect(await h.db.ledgerEntry.count({ where: { groupBuyId: seeded.buyId } })).toBe(accruals.length);
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { startsWith: `gb${seeded.buyId}:closed:` } } })).toBe(ORDERS + 2);
  }, 60_000);

  it("voids every order of a buy below its minimum, each once, and accrues nothing", async () => {
    const seeded = await closeBigBuy(true);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId } })).status).toBe("FAILED");
    const orders = await ordersOf(seeded.buyId);
    expect(orders.every((o) => o.status === "VOID")).toBe(true);
    const events = await h.db.orderEvent.groupBy({ by: ["orderId"], where: { kind: "VOID" }, _count: { _all: true } });
    expect(events).toHaveLength(ORDERS);
    expect(events.every((e) => e._count._all === 1)).toBe(true);
    expect(await h.db.ledgerEntry.count({ where: { groupBuyId: seeded.buyId } })).toBe(0);
    const notices = await noticesOf(seeded.buyId);
    for (const o of orders) {
      const text = notices.get(`gb${seeded.buyId}:closed:o${o.id}`)!.text;
      expect(text).toContain(o.locale === "en" ? `Your order #${seeded.buyId}-${o.position} (${o.quantity} × 袋, ${formatMoney(o.amountFen, "CNY", "en")}) is void` : `你的订单 #${seeded.buyId}-${o.position}（${o.quantity} × 袋，${formatMoney(o.amountFen, "CNY", "zh")}）已作废`);
    }
  }, 60_000);
});
