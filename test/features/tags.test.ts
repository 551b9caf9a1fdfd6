import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { buttonData, createApprovedProduct, setupCommunity } from "../helpers/group-buy-fixtures";
import { fxBuy, fxMember, fxOrder, fxProduct, fxSucceed } from "../helpers/ledger-fixtures";
import { SOCIAL_TAGS } from "../../src/domain/tags";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 900;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const mia = user({ first_name: "Mia", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const ZERO_WASTE = SOCIAL_TAGS.indexOf("zero_waste");
const FAIR_TRADE = SOCIAL_TAGS.indexOf("fair_trade");

async function tagged(communityId: number, name: string, tags: string): Promise<number> {
  const { productId, revisionId } = await createApprovedProduct(h, { communityId, recommender: rita, name });
  await h.db.productRevision.update({ where: { id: revisionId }, data: { tags } });
  return productId;
}

describe("tags for browsing", () => {
  it("filters /products by a tag with buttons, paged, and a card's tags link to the filter", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const { group, communityId } = await setupCommunity(h, boss);
    for (let i = 1; i <= 7; i++) await tagged(communityId, `Refill ${i}`, "zero_waste");
    const tea = await tagged(communityId, "Fair tea", "fair_trade,zero_waste");
    await tagged(communityId, "Plain soap", "circular_economy");

    await h.send(textMessage(mia, group, "hi"), command(mia, group, "products"));
    const list = h.fake.lastMessage(group.id)!;
    expect(list.text).toContain("Page 1 of 2");
    await h.send(callbackQuery(mia, list, buttonData(list, "prdtags:")));
    const picker = h.fake.message(group.id, list.message_id)!;
    expect(picker.text).toContain("Pick a tag");
    expect(picker.reply_markup!.inline_keyboard.flat()).toHaveLength(SOCIAL_TAGS.length + 1);
    await h.send(callbackQuery(mia, picker, `prdtag:${communityId}:${ZERO_WASTE}:0`));
    const page1 = h.fake.message(group.id, list.message_id)!;
    expect(page1.text).toContain("Tagged: Zero waste");
    expect(page1.text).toContain("Page 1 of 2"); // 8 of 9 products have it
    expect(page1.text).not.toContain("Plain soap");
    await h.send(callbackQuery(mia, page1, buttonData(page1, `prdtag:${communityId}:${ZERO_WASTE}:1`)));
    const page2 = h.fake.message(group.id, list.message_id)!;
    expect(page2.text).toContain("Page 2 of 2");
    expect(page2.text).toContain("Tagged: Zero waste");
    expect(page2.text).not.toContain("Plain soap");
    await h.send(callbackQuery(mia, page2, `prdtag:${communityId}:${FAIR_TRADE}:0`)); // not a button of the message: refused
    expect(h.fake.message(group.id, list.message_id)!.text).toBe(page2.text);
    await h.send(callbackQuery(mia, page2, buttonData(page2, `prdpg:${communityId}:0`)));
    expect(h.fake.message(group.id, list.message_id)!.text).not.toContain("Tagged:");

    // the card's tags are links to the filter (a deep link: from a group it opens the private chat)
    const chat = privateChat(mia);
    await h.send(command(mia, chat, "start", `p${tea}`));
    const card = h.fake.lastMessage(chat.id)!;
    const source = card.source!;
    const link = `https://t.me/${h.fake.botInfo.username}?start=tg${FAIR_TRADE}_${communityId}`;
    expect(source).toContain(`<a href="${link}">Fair trade</a>`);
    expect(source).toContain(`?start=tg${ZERO_WASTE}_${communityId}">Zero waste</a>`);
    await h.send(command(mia, chat, "start", `tg${FAIR_TRADE}_${communityId}`));
    const filtered = h.fake.lastMessage(chat.id)!.text!;
    expect(filtered).toContain("Tagged: Fair trade");
    expect(filtered).toContain("Fair tea");
    expect(filtered).not.toContain("Refill");
    // a tag index that is no tag: the plain welcome
    await h.send(command(mia, chat, "start", "tg99"));
    expect(h.fake.lastMessage(chat.id)!.text).not.toContain("Tagged:");
    h.fake.assertNoRejections();
  });

  it("shows the month's books per tag, saying that a product counts under each of its tags", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const { group, communityId } = await setupCommunity(h, boss);
    const [bossId, miaId] = [await fxMember(h.db, boss, communityId), await fxMember(h.db, mia, communityId)].map((m) => m.id);
    const product = await fxProduct(h.db, { communityId, recommenderId: bossId!, priceFen: 1_000, name: "Fair tea" });
    await h.db.productRevision.update({ where: { id: product.revision.id }, data: { tags: "fair_trade,zero_waste" } });
    const buy = await fxBuy(h.db, { product, openedById: bossId!, commission: { kind: "FIXED_PER_UNIT", value: 0 }, deadlineAt: new Date(h.clock.now().getTime() + 3600_000) });
    await fxOrder(h.db, { groupBuyId: buy.id, memberId: miaId!, quantity: 2 });
    await fxSucceed(h.db, h.services, buy.id, bossId);
    await h.send(command(mia, group, "books", "month"));
    const books = h.fake.lastMessage(group.id)!.text!;
    expect(books).toContain("By tag (a product with several tags counts under each, so these lines add up to more than the total)");
    expect(books).toContain("• Fair trade: 1 product, 1 order, ¥20.00");
    expect(books).toContain("• Zero waste: 1 product, 1 order, ¥20.00");
    h.fake.assertNoRejections();
  });
});
