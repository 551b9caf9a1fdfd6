// Opening a buy keeps the books whole (issue 16): the default commission rule
// is the commission lines per unit; another price or rule is taken by a line
// the opener names; the buy's breakdown is written with it and copied to orders.
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, createApprovedProduct, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 801;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
/** ¥25.00: producer 15, packaging 2, logistics 3, co-op fee 2.50, commission 2.50 (kinds guessed from the labels) */
const LINES: [string, number][] = [["Farm rice", 1500], ["Packaging", 200], ["Logistics", 300], ["Co-op fee", 250], ["Recommender commission", 250]];

async function product() {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, costLines: LINES });
  return { ...community, productId };
}

const breakdownOf = async (buyId: number) => {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId }, include: { breakdown: true } });
  return { buy, lines: JSON.parse(buy.breakdown!.lines) as { label: string; kind: string; amountFen: number }[], adjusted: buy.breakdown!.adjusted && JSON.parse(buy.breakdown!.adjusted) };
};

describe("opening a buy keeps the books whole", () => {
  it("defaults the commission rule to the commission lines per unit, and writes the product's breakdown unchanged", async () => {
    const { productId } = await product();
    const chat = privateChat(boss);
    const buyId = await openBuy(h, boss, productId, { min: "2", deadline: "2026-12-03 20:00" });
    // no line had to take anything
    expect(h.fake.messages(chat.id).some((m) => m.text?.includes("Which line takes the difference"))).toBe(false);
    const { buy, lines, adjusted } = await breakdownOf(buyId);
    expect(buy).toMatchObject({ commissionKind: "FIXED_PER_UNIT", commissionValue: 250, unitPriceFen: 2500 });
    expect(lines).toEqual(LINES.map(([label, amountFen], i) => ({ label, amountFen, kind: ["PRODUCER", "PACKAGING", "LOGISTICS", "COOP_FEE", "COMMISSION"][i] })));
    expect(adjusted).toBeNull();
    const post = await announcement(h, buyId);
    expect(post.text).toContain("🧾 每bag ¥25.00 = 生产者 ¥15.00 + 包装 ¥2.00 + 物流 ¥3.00 + 合作社服务费 ¥2.50 + 推介佣金 ¥2.50");
    expect(post.text).not.toContain("↔️");
  });

  it("opens at another price with the co-op fee taking the difference; the announcement adds up to it and orders carry the breakdown", async () => {
    const { productId } = await product();
    const chat = privateChat(boss);
    const buyId = await openBuy(h, boss, productId, { price: "23.50", min: "2", deadline: "2026-12-03 20:00", absorb: "Co-op fee" });
    const asked = h.fake.messages(chat.id).find((m) => m.text?.includes("Which line takes the difference"))!;
    expect(asked.text).toContain("differs from the product's breakdown by −¥1.50");
    // commission lines are set by the rule: they are not offered
    expect(buttons(asked).map((b) => b.text)).toEqual(["Farm rice ¥15.00 → ¥13.50", "Packaging ¥2.00 → ¥0.50", "Logistics ¥3.00 → ¥1.50", "Co-op fee ¥2.50 → ¥1.00"]);

    const { buy, lines, adjusted } = await breakdownOf(buyId);
    expect(buy).toMatchObject({ unitPriceFen: 2350, commissionKind: "FIXED_PER_UNIT", commissionValue: 250 });
    expect(lines.map((l) => l.amountFen)).toEqual([1500, 200, 300, 100, 250]);
    expect(lines.reduce((s, l) => s + l.amountFen, 0)).toBe(2350);
    expect(adjusted).toEqual([{ label: "Co-op fee", kind: "COOP_FEE", beforeFen: 250, afterFen: 100 }]);

    const post = await announcement(h, buyId);
    expect(post.text).toContain("🧾 每bag ¥23.50 = 生产者 ¥15.00 + 包装 ¥2.00 + 物流 ¥3.00 + 合作社服务费 ¥1.00 + 推介佣金 ¥2.50");
    expect(post.text).toContain("↔️ 按本团的价格和佣金调整：Co-op fee ¥2.50 → ¥1.00");

    const [alice, bob] = members(2);
    await h.send(callbackQuery(alice!, post, buttonData(post, "gbadd:")), callbackQuery(bob!, post, buttonData(post, "gbadd:")));
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId } });
    expect(orders).toHaveLength(2);
    for (const o of orders) expect(o.breakdownId).toBe(buy.breakdownId);
  });

  it("refuses a line that would go below zero and asks again; a percent rule is rounded down per unit", async () => {
    const { productId } = await product();
    const chat = privateChat(boss);
    const last = () => h.fake.lastMessage(chat.id)!;
    await h.send(command(boss, chat, "start", `o${productId}`));
    await h.send(textMessage(boss, chat, "21.99"));
    for (const text of ["2", "10", "5", "2026-12-03 20:00", "Saturday at the centre"]) await h.send(textMessage(boss, chat, text));
    // 5% of ¥21.99 is 109.95 fen: ¥1.09 a unit (rounded down, as each order's commission)
    await h.send(textMessage(boss, chat, "5%"));
    const tapLine = (label: string) => {
      const b = buttons(last()).find((x) => x.text.startsWith(label)) as { callback_data: string };
      return h.send(callbackQuery(boss, last(), b.callback_data));
    };
    // the commission line becomes ¥1.09: 2199 − (2250 + 109) = −160 fen for a line to take
    expect(last().text).toContain("Recommender commission ¥1.09");
    expect(last().text).toContain("by −¥1.60");
    await h.send(command(boss, chat, "cancel"));
    await h.send(command(boss, chat, "start", `o${productId}`));
    await h.send(textMessage(boss, chat, "20"));
    for (const text of ["2", "10", "5", "2026-12-03 20:00", "Saturday at the centre"]) await h.send(textMessage(boss, chat, text));
    await h.send(callbackQuery(boss, last(), buttonData(last(), "gbo:comm:d")));
    // ¥5.00 less with the commission kept: the co-op fee (¥2.50) can't take it
    expect(last().text).toContain("by −¥5.00");
    await tapLine("Co-op fee");
    expect(last().text).toMatch(/^“Co-op fee” would be −¥2\.50: it can't go below zero/);
    expect(last().text).toContain("Which line takes the difference");
    expect(await h.db.groupBuy.count()).toBe(0);
    await tapLine("Farm rice");
    expect(last().text).toContain("Please check");
    expect(last().text).toContain("Per bag ¥20.00 = Producer ¥10.00 + Packaging ¥2.00 + Logistics ¥3.00 + Co-op fee ¥2.50 + Recommender commission ¥2.50");
    await h.send(callbackQuery(boss, last(), buttonData(last(), "gbo:confirm:yes")));
    const buy = await h.db.groupBuy.findFirstOrThrow({ include: { breakdown: true } });
    expect(JSON.parse(buy.breakdown!.adjusted!)).toEqual([{ label: "Farm rice", kind: "PRODUCER", beforeFen: 1500, afterFen: 1000 }]);
  });
});
