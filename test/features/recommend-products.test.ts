import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, supergroup, textMessage, user } from "../fake-telegram/updates";
import { decideRevision, submitRevision } from "../../src/db/product-revisions";
import { loadApprovedProduct } from "../../src/db/products";
import { findButton, lastText, press, recommendAndSubmit, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function memberId(telegramId: number): Promise<number> {
  return (await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } })).id;
}

/** An approved product straight through the database (the flow itself is tested elsewhere). */
async function seedApproved(communityId: number, recommenderId: number, reviewerId: number, name: string, priceFen = 1000): Promise<number> {
  const submitted = await h.db.$transaction((tx) =>
    submitRevision(tx, {
      memberId: recommenderId,
      communityId,
      productId: null,
      currency: "CNY",
      at: h.clock.now(),
      draft: {
        name,
        unit: "1 box",
        producerName: "Farm",
        producerLocation: "Village",
        producerContact: "secret phone",
        tags: ["zero_waste"],
        story: "A story long enough to be a story.",
        costLines: [{ label: "Goods", amountFen: priceFen, kind: "PRODUCER" }],
        priceFen,
        photoFileIds: [],
      },
    }),
  );
  if (!submitted.ok) throw new Error("seed failed");
  h.clock.advance(60_000);
  await h.db.$transaction((tx) => decideRevision(tx, { revisionId: submitted.revisionId, reviewerId, decision: "APPROVE", comment: null, at: h.clock.now() }));
  return submitted.productId;
}

describe("browsing products", () => {
  it("lists approved products in the group with links to private cards, paged", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer, recommender: alice } = await setUpCommunity(h);
    const community = await h.db.community.findFirstOrThrow();
    const [aliceId, olgaId] = [await memberId(alice.id), await memberId(organizer.id)];
    const ids: number[] = [];
    for (let i = 1; i <= 7; i++) ids.push(await seedApproved(community.id, aliceId, olgaId, `Product ${i} <b>`, i * 100));
    // not listed: waiting for review
    await recommendAndSubmit(h, alice, { ...TEA, name: "Pending tea" });

    const bob = user({ first_name: "Bob", language_code: "en" });
    await h.send(textMessage(bob, group, "hi"), command(bob, group, "products"));
    const list = h.fake.lastMessage(group.id)!;
    // a reply to a member's command, in the member's language (like /help)
    expect(list.text).toContain("Products of Green Street Co-op");
    expect(list.text).toContain("1. Product 7 <b> · 1 box — ¥7.00"); // newest approval first, HTML escaped
    expect(list.text).not.toContain("Pending tea");
    expect(list.text).toContain("Page 1 of 2");
    const links = list.reply_markup!.inline_keyboard.flat();
    expect(links[0]).toMatchObject({ url: `https://t.me/letscoop_test_bot?start=p${ids[6]}` });
    await h.send(callbackQuery(bob, list, (links.at(-1) as { callback_data: string }).callback_data));
    const page2 = h.fake.message(group.id, list.message_id)!;
    expect(page2.text).toContain("7. Product 1 <b>");
    expect(page2.text).toContain("Page 2 of 2");

    // a forged page of another community shows nothing
    const riverside = supergroup({ title: "Riverside" });
    await h.send(textMessage(bob, riverside, "hi"));
    const otherId = (await h.db.community.findUniqueOrThrow({ where: { telegramChatId: BigInt(riverside.id) } })).id;
    await h.send(callbackQuery(bob, page2, `prdpg:${otherId}:0`));
    expect(h.fake.message(group.id, list.message_id)!.text).toBe(page2.text);

    // the link opens the card in private, without the producer's contact
    await say(h, bob, `/start p${ids[6]}`);
    // one photo: the chart of where the money goes, the card as its caption
    const card = h.fake.lastMessage(bob.id)!;
    expect(card.photo).toBeDefined();
    expect(card.caption).toContain("Product 7 <b> · 1 box");
    expect(card.caption).toContain("• Goods — ¥7.00 · 100.0%");
    expect(card.caption).not.toContain("secret phone");
    expect(card.reply_markup!.inline_keyboard.flat()[0]).toMatchObject({ callback_data: `gbopen:${ids[6]}` });
    h.fake.assertNoRejections();
  });

  it("opens cards from the private list and refuses products that aren't published", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    const productId = await recommendAndSubmit(h, alice, { ...TEA, photos: 2 });
    await press(h, organizer, "Approve");
    const pendingId = await recommendAndSubmit(h, alice, { ...TEA, name: "Pending tea" });

    await say(h, alice, "/products");
    expect(lastText(h, alice.id)).toContain("Products of Green Street Co-op");
    await press(h, alice, "1. Wild mountain tea");
    const messages = h.fake.messages(alice.id);
    expect(messages.at(-1)!.text).toContain("Wild mountain tea · 500 g");
    expect(messages.at(-2)!.photo).toBeDefined();
    expect(messages.at(-3)!.photo).toBeDefined();

    const bob = user({ first_name: "Bob", language_code: "en" });
    await say(h, bob, `/start p${pendingId}`);
    expect(lastText(h, bob.id)).toBe("This product is not available.");
    await say(h, bob, "/start p999999");
    expect(lastText(h, bob.id)).toBe("This product is not available.");
    await say(h, bob, "/products");
    expect(lastText(h, bob.id)).toContain("I don't know your co-op community yet: send /recommend in your co-op's group");
    // the recommender may look at their own pending product
    await say(h, alice, `/start p${pendingId}`);
    expect(lastText(h, alice.id)).toContain("Not published yet: waiting for review");
    expect(productId).not.toBe(pendingId);
    expect(await loadApprovedProduct(h.db, pendingId)).toBeUndefined();
    expect(await loadApprovedProduct(h.db, productId)).toMatchObject({ photoFileIds: [expect.any(String), expect.any(String)] });
    expect(h.fake.warnings).toEqual([]);
    h.fake.assertNoRejections();
  });

  it("shows a recommender's products with their review state", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    await say(h, alice, "/my_products");
    expect(lastText(h, alice.id)).toContain("You haven't recommended anything yet");

    await recommendAndSubmit(h, alice, { ...TEA, name: "Rejected rice" });
    await press(h, organizer, "Reject");
    await say(h, organizer, "Too far away.");
    await recommendAndSubmit(h, alice, { ...TEA, name: "Changed honey" });
    await press(h, organizer, "Ask for changes");
    await say(h, organizer, "Which bees?");
    await recommendAndSubmit(h, alice, { ...TEA, name: "Approved tea" });
    await press(h, organizer, "Approve");
    await recommendAndSubmit(h, alice, { ...TEA, name: "Waiting oil" });
    await say(h, alice, "/recommend");
    await say(h, alice, "Unfinished jam");

    await say(h, alice, "/cancel");
    await say(h, alice, "/my_products");
    const mine = h.fake.lastMessage(alice.id)!;
    expect(mine.text).toContain("Rejected rice · 500 g — rejected: Too far away.");
    expect(mine.text).toContain("Changed honey · 500 g — changes requested: Which bees?");
    expect(mine.text).toContain("Approved tea · 500 g — published (version 1)");
    expect(mine.text).toContain("Waiting oil · 500 g — waiting for review");
    expect(mine.text).toContain("Draft “Unfinished jam”");
    const buttons = mine.reply_markup!.inline_keyboard.map((row) => row.map((b) => b.text));
    expect(buttons.find((row) => row[0]!.includes("Rejected rice"))).toHaveLength(1); // no edit for a rejected product
    expect(buttons.find((row) => row[0]!.includes("Approved tea"))).toHaveLength(2);
    expect(findButton(h, alice.id, "Changed honey").data).toMatch(/^prdo:\d+$/);
    h.fake.assertNoRejections();
  });
});
