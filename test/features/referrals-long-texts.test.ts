// Texts that outgrow one Telegram message: /earnings over many communities,
// /recommenders with many long names, /my_orders with many orders. The fake
// Bot API refuses what Telegram would (over 4096 characters, a tag or an
// entity cut in half), so a clean run means every message was accepted.
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct } from "../helpers/ledger-fixtures";
import { command, privateChat, supergroup, user } from "../fake-telegram/updates";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;
/** Escapes to many times its length: a careless cut lands inside an entity. */
const AWKWARD = "Honey & <Comb> & \"Wax\" & ";

function expectWithinOneMessage(text: string | undefined) {
  expect(text).toBeDefined();
  expect(text!.length).toBeLessThanOrEqual(4096);
  h.fake.assertNoRejections();
}

describe("long texts are cut at line boundaries", () => {
  it("/earnings over many communities keeps whole lines and says how many were left out", async () => {
    h = await createHarness();
    const bob = user({ first_name: "Bob", language_code: "en" });
    const buyer = user({ first_name: "Carol", language_code: "en" });
    for (let c = 0; c < 8; c++) {
      const community = await fxCommunity(h.db, { chatId: -100_000 - c, title: `${AWKWARD}Co-op ${c} `.repeat(4) });
      const b = await fxMember(h.db, bob, community.id);
      const carol = await fxMember(h.db, buyer, community.id);
      for (let i = 0; i < 15; i++) {
        const product = await fxProduct(h.db, { communityId: community.id, recommenderId: b.id, name: `${AWKWARD}${i} `.repeat(3), priceFen: 1_000 + i });
        const buy = await fxBuy(h.db, { product, openedById: b.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
        await fxOrder(h.db, { groupBuyId: buy.id, memberId: carol.id, quantity: 1 });
      }
    }
    await h.send(command(bob, privateChat(bob), "earnings"));
    const reply = h.fake.lastMessage(bob.id)!;
    expectWithinOneMessage(reply.source);
    expect(reply.text).toContain("Referral earnings of Bob");
    expect(reply.text).toMatch(/… and \d+ more lines$/);
    // every line that was kept is whole: the first community's lines are all there
    expect(reply.text).toContain("Pending (buys still open): ¥15.05"); // Σ floor((1000 + i) × 10 %)
  });

  it("/recommenders with many long names", async () => {
    h = await createHarness();
    const group = supergroup({ title: "Green Street Co-op" });
    const community = await fxCommunity(h.db, { chatId: group.id, title: "Green Street Co-op" });
    for (let i = 0; i < 40; i++) {
      const r = await fxMember(h.db, user({ first_name: `&<>&<>&<>&<> ${i}`, last_name: "&".repeat(30) }), community.id);
      await fxProduct(h.db, { communityId: community.id, recommenderId: r.id, priceFen: 500 });
    }
    const reader = user({ first_name: "Dave", language_code: "en" });
    await fxMember(h.db, reader, community.id);
    await h.send(command(reader, privateChat(reader), "recommenders"));
    const reply = h.fake.lastMessage(reader.id)!;
    expectWithinOneMessage(reply.source);
    expect(reply.text).toContain("Recommenders of Green Street Co-op");
    expect(reply.text).toMatch(/… and \d+ more lines$/);
  });

  it("/my_orders with many orders shows the newest and counts the older ones", async () => {
    h = await createHarness();
    const community = await fxCommunity(h.db, { chatId: -200_001 });
    const alice = await fxMember(h.db, user({ first_name: "Alice & <Co>" }), community.id);
    const carolUser = user({ first_name: "Carol", language_code: "en" });
    const carol = await fxMember(h.db, carolUser, community.id);
    for (let i = 0; i < 30; i++) {
      const product = await fxProduct(h.db, { communityId: community.id, recommenderId: alice.id, name: `${i} ${AWKWARD.repeat(4)}`, priceFen: 1_000 });
      const buy = await fxBuy(h.db, { product, openedById: alice.id, commission: { kind: "PERCENT_BP", value: 500 }, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
      await fxOrder(h.db, { groupBuyId: buy.id, memberId: carol.id, quantity: 1 });
    }
    await h.send(command(carolUser, privateChat(carolUser), "my_orders"));
    const reply = h.fake.lastMessage(carolUser.id)!;
    expectWithinOneMessage(reply.source);
    const lines = reply.text!.split("\n");
    expect(lines[0]).toBe("Your orders");
    // newest first, each with who recommended it (escaped, and only to Carol)
    expect(lines[2]).toMatch(/^#30-1 29 Honey & <Comb>/);
    expect(lines[2]).toContain("🤝 Recommended by Alice & <Co>");
    const shown = lines.filter((l) => l.startsWith("#")).length;
    expect(shown).toBeGreaterThan(5);
    expect(lines.at(-1)).toBe(`… and ${30 - shown} older orders`);
  });
});
