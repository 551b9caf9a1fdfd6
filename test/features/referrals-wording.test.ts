import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct, fxSucceed } from "../helpers/ledger-fixtures";
import { command, privateChat, supergroup, user } from "../fake-telegram/updates";

// What a recommender reads: a fixed commission per the buy's own unit, and one
// count of "their" orders in the close notice and /earnings alike.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;

/** Rice at ¥5.50 a 袋, ¥0.55 a 袋 to the recommender: Carol 2 through Bob's link, Bob 1 through his own (earns nothing). */
async function world(language: "zh" | "en", unit: string) {
  h = await createHarness();
  const group = supergroup({ title: "绿街合作社" });
  const community = await fxCommunity(h.db, { chatId: group.id, title: "绿街合作社", locale: language });
  const people = { alice: user({ first_name: "Alice", language_code: language }), bob: user({ first_name: "Bob", language_code: language }), carol: user({ first_name: "Carol" }) };
  const alice = await fxMember(h.db, people.alice, community.id);
  const bob = await fxMember(h.db, people.bob, community.id);
  const carol = await fxMember(h.db, people.carol, community.id);
  const product = await fxProduct(h.db, { communityId: community.id, recommenderId: alice.id, name: "五常大米", priceFen: 550 });
  await h.db.productRevision.update({ where: { id: product.revision.id }, data: { unit } });
  const buy = await fxBuy(h.db, { product, openedById: alice.id, commission: { kind: "FIXED_PER_UNIT", value: 55 }, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
  for (const who of [carol, bob]) await h.db.referralVisit.create({ data: { groupBuyId: buy.id, memberId: who.id, referrerId: bob.id } });
  await fxOrder(h.db, { groupBuyId: buy.id, memberId: carol.id, quantity: 2 });
  await fxOrder(h.db, { groupBuyId: buy.id, memberId: bob.id, quantity: 1 });
  return { people, buy };
}

describe("referral wording", () => {
  it("a fixed commission reads per the buy's unit in the share text (每袋, not 每件)", async () => {
    const w = await world("zh", "袋");
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(w.buy.id)));
    const text = h.fake.lastMessage(w.people.bob.id)!.text!;
    expect(text).toContain("带来 每袋 ¥0.55 的佣金");
    expect(text).not.toContain("每件");
  });

  it("in English too: ¥0.55 per bag", async () => {
    const w = await world("en", "bag");
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(w.buy.id)));
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain("you earn ¥0.55 per bag on those orders");
  });

  it("the close notice counts the orders /earnings counts, and says which earn nothing", async () => {
    const w = await world("zh", "袋");
    await fxSucceed(h.db, h.services, w.buy.id);
    await h.flush();
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain("你带来的 2 单（含自己的 1 单，不计佣金）为你赚取 ¥1.10");
    await h.send(command(w.people.bob, privateChat(w.people.bob), "earnings"));
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain(`#${w.buy.id} 五常大米（已成团）：2 单（含自己的 1 单，不计佣金），¥16.50 → ¥1.10`);
  });

  it("and in English", async () => {
    const w = await world("en", "bag");
    await fxSucceed(h.db, h.services, w.buy.id);
    await h.flush();
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain("the 2 orders you brought (incl. 1 own order, no commission) earn you ¥1.10");
    await h.send(command(w.people.bob, privateChat(w.people.bob), "earnings"));
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain(`#${w.buy.id} 五常大米 (succeeded): 2 orders (incl. 1 own order, no commission), ¥16.50 → ¥1.10`);
  });
});
