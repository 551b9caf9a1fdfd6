import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { photoMessage, privateChat, user } from "../fake-telegram/updates";
import { loadApprovedProduct } from "../../src/db/products";
import { renderProductCard } from "../../src/features/products";
import { answerUpToPrice, confirmKinds, lastText, press, recommendAndSubmit, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("recommending a product, reviewing it, publishing its card", () => {
  it("takes a breakdown that doesn't add up, has it fixed, and publishes the approved card in the group", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer, recommender: alice } = await setUpCommunity(h);

    await answerUpToPrice(h, alice, { ...TEA, costs: ["Tea leaves 30\nLabour 12.50", "Packaging 3"] });
    expect(lastText(h, alice.id)).toContain("Your lines add up to ¥45.50");
    await say(h, alice, "50");
    // says by how much, and offers to add the difference as an explicit line
    const mismatch = lastText(h, alice.id);
    expect(mismatch).toContain("¥4.50 is not accounted for");
    expect(mismatch).toContain("• Packaging — ¥3.00");
    await press(h, alice, "¥4.50 as co-op fee");
    expect(h.fake.messages(alice.id).at(-2)!.text).toContain("The breakdown adds up to the price, ¥50.00");
    // the kinds: guessed from the labels; one is corrected with its buttons, the rest confirmed
    expect(lastText(h, alice.id)).toContain("1. Tea leaves ¥30.00 → Other (guessed)");
    expect(lastText(h, alice.id)).toContain("4. Co-op fee ¥4.50 → Co-op fee (guessed)");
    await press(h, alice, "1. Tea leaves");
    expect(lastText(h, alice.id)).toContain("Line 1 “Tea leaves” ¥30.00: what does it pay for?");
    await press(h, alice, /^Producer$/);
    expect(lastText(h, alice.id)).toContain("1. Tea leaves ¥30.00 → Producer\n");
    await confirmKinds(h, alice);
    expect(lastText(h, alice.id)).toContain("Send up to 5 photos");

    await h.send(photoMessage(alice, privateChat(alice)), photoMessage(alice, privateChat(alice)));
    expect(lastText(h, alice.id)).toContain("Photo 2/5 saved");
    await press(h, alice, "Done (2 photos)");
    const preview = lastText(h, alice.id);
    expect(preview).toContain("Preview");
    expect(preview).toContain("Producer's contact (organizers only): +86 138 0000 0000");
    expect(await h.db.productDraft.count()).toBe(1);

    await press(h, alice, "Submit for review");
    expect(lastText(h, alice.id)).toContain("“Wild mountain tea” was submitted");
    expect(await h.db.productDraft.count()).toBe(0);
    const revision = await h.db.productRevision.findFirstOrThrow({ include: { costLines: { orderBy: { position: "asc" } } } });
    expect(revision).toMatchObject({ version: 1, status: "PENDING_REVIEW", priceFen: 5000, currency: "CNY", tags: "ecological_farming,fair_trade", unit: "500 g" });
    expect(revision.costLines.map((l) => [l.label, l.amountFen])).toEqual([
      ["Tea leaves", 3000],
      ["Labour", 1250],
      ["Packaging", 300],
      ["Co-op fee", 450],
    ]);
    expect(revision.photoFileIds.split(",")).toHaveLength(2);

    // the organizer got the request through the outbox, with the private contact
    const request = lastText(h, organizer.id);
    expect(request).toContain("New recommendation for Green Street Co-op from Alice");
    expect(request).toContain("+86 138 0000 0000");
    expect(await h.db.outboxMessage.count({ where: { status: "SENT", dedupKey: { startsWith: "review-request:" } } })).toBe(1);
    await press(h, organizer, "Show the photos");
    expect(h.fake.messages(organizer.id).filter((m) => m.photo)).toHaveLength(2);
    await press(h, organizer, "Approve");
    expect(lastText(h, organizer.id)).toContain("Approved: the card of “Wild mountain tea” is posted in Green Street Co-op");

    // the card: photos, then the text with the cost table and the group-buy button
    const inGroup = h.fake.messages(group.id);
    const card = inGroup.at(-1)!;
    expect(inGroup.at(-2)!.photo).toBeDefined();
    expect(inGroup.at(-3)!.photo).toBeDefined();
    expect(card.text).toContain("Wild mountain tea · 500 g");
    expect(card.text).toContain("生态农业 · 公平贸易"); // the group speaks Chinese (the community's locale)
    expect(card.text).toContain("生产者：Yunling Tea Growers，Pu'er, Yunnan");
    expect(card.text).not.toContain("138 0000");
    // the lines grouped by kind with subtotals, in the group's language
    expect(card.text).toContain(
      "生产者 ¥42.50 · 85.0%\n  • Tea leaves — ¥30.00 · 60.0%\n  • Labour — ¥12.50 · 25.0%\n包装 ¥3.00 · 6.0%\n  • Packaging — ¥3.00 · 6.0%\n合作社服务费 ¥4.50 · 9.0%\n  • Co-op fee — ¥4.50 · 9.0%",
    );
    expect(revision.costLines.map((l) => l.kind)).toEqual(["PRODUCER", "PRODUCER", "PACKAGING", "COOP_FEE"]);
    expect(card.text).toContain("价格：¥50.00 / 500 g");
    expect(card.text).toContain("推介官：Alice");
    expect(card.text).toContain("最后修订：2026-12-01（第 1 版）");
    const product = await h.db.product.findFirstOrThrow();
    // open a buy, and ❓: in the group a link to the private chat
    expect(card.reply_markup!.inline_keyboard.flat()).toEqual([
      expect.objectContaining({ callback_data: `gbopen:${product.id}` }),
      expect.objectContaining({ url: `https://t.me/letscoop_test_bot?start=a${product.id}` }),
    ]);
    expect(product).toMatchObject({ status: "APPROVED", approvedRevisionId: revision.id, cardMessageId: card.message_id });

    expect(lastText(h, alice.id)).toContain("“Wild mountain tea” was approved and its card is posted in Green Street Co-op");

    // what the group-buy feature reuses
    expect(await loadApprovedProduct(h.db, product.id)).toMatchObject({
      productId: product.id,
      revisionId: revision.id,
      communityId: product.communityId,
      recommenderId: product.recommenderId,
      name: "Wild mountain tea",
      unit: "500 g",
      priceFen: 5000,
      currency: "CNY",
      costLines: [
        { label: "Tea leaves", amountFen: 3000 },
        { label: "Labour", amountFen: 1250 },
        { label: "Packaging", amountFen: 300 },
        { label: "Co-op fee", amountFen: 450 },
      ],
    });
    const rendered = await renderProductCard(h.services, product.id, "en");
    expect(rendered!.text).toContain("Price: ¥50.00 / 500 g");
    h.fake.assertNoRejections();
  });

  it("tells the recommender a rejection's reason, and a second organizer that it was already handled", async () => {
    h = await createHarness({ organizerIds: [900, 901] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    const second = user({ id: 901, first_name: "Sam", language_code: "en" });
    await say(h, second, "/start");
    await recommendAndSubmit(h, alice, { ...TEA, name: "Plastic-wrapped oranges" });
    expect(lastText(h, second.id)).toContain("Plastic-wrapped oranges");

    await press(h, organizer, "Reject");
    expect(lastText(h, organizer.id)).toContain("Why is “Plastic-wrapped oranges” rejected?");
    await say(h, organizer, "We can't accept single-use packaging <this> & that.");
    expect(lastText(h, organizer.id)).toContain("“Plastic-wrapped oranges” was rejected");
    const told = h.fake.lastMessage(alice.id)!;
    expect(told.text).toContain("was not accepted by the organizers of Green Street Co-op");
    expect(told.text).toContain("We can't accept single-use packaging <this> & that.");
    expect(await h.db.product.findFirst()).toMatchObject({ status: "REJECTED", approvedRevisionId: null });
    expect(await h.db.productRevision.findFirst()).toMatchObject({ status: "REJECTED", reviewComment: "We can't accept single-use packaging <this> & that." });

    await press(h, second, "Approve");
    expect(lastText(h, second.id)).toContain("already handled: rejected by Olga");
    expect(await h.db.product.findFirst()).toMatchObject({ status: "REJECTED" });
    // a rejected product can't be edited into a new revision
    expect(findButtonSafe(alice.id, "Edit")).toBe(false);
    h.fake.assertNoRejections();
  });

  it("asks for changes; the recommender edits the costs from where it is and resubmits; the new version is approved", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer, recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);

    await press(h, organizer, "Ask for changes");
    await say(h, organizer, "Please show the transport cost.");
    expect(lastText(h, organizer.id)).toContain("Your comment was sent to Alice");
    expect(lastText(h, alice.id)).toContain("Please show the transport cost.");
    expect(await h.db.product.findFirst()).toMatchObject({ status: "CHANGES_REQUESTED" });

    await press(h, alice, "Edit and resubmit");
    expect(lastText(h, alice.id)).toContain("Preview of your changes");
    await press(h, alice, "Costs & price");
    await say(h, alice, "Transport 2");
    await press(h, alice, "Done, on to the price");
    expect(lastText(h, alice.id)).toContain("Your lines add up to ¥52.00");
    await say(h, alice, "52");
    // the kinds end the costs section: the new line's guess is confirmed
    expect(lastText(h, alice.id)).toContain("5. Transport ¥2.00 → Logistics (guessed)");
    await confirmKinds(h, alice);
    // the other sections were kept: straight back to the preview
    expect(lastText(h, alice.id)).toContain("• Transport — ¥2.00");
    await press(h, alice, "Submit for review");

    const revisions = await h.db.productRevision.findMany({ orderBy: { version: "asc" } });
    expect(revisions.map((r) => [r.version, r.status, r.priceFen])).toEqual([
      [1, "CHANGES_REQUESTED", 5000],
      [2, "PENDING_REVIEW", 5200],
    ]);
    // the organizer's answered request lost its buttons
    const v1Request = h.fake.messages(organizer.id).find((m) => m.text?.includes("version 1"))!;
    expect(v1Request.reply_markup?.inline_keyboard.flat() ?? []).toEqual([]);
    await press(h, organizer, "Approve");
    const card = h.fake.lastMessage(group.id)!;
    expect(card.caption).toContain("• Transport — ¥2.00 · 3.8%");
    expect(card.caption).toContain("价格：¥52.00 / 500 g");
    expect(card.caption).toContain("（第 2 版）");
    h.fake.assertNoRejections();
  });

  it("keeps the approved revision in force while a change waits for review, then replaces the card", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer, recommender: alice } = await setUpCommunity(h);
    const productId = await recommendAndSubmit(h, alice, TEA);
    await press(h, organizer, "Approve");
    const firstCard = h.fake.lastMessage(group.id)!;

    h.clock.advance(3 * 24 * 3600_000);
    await say(h, alice, "/my_products");
    expect(lastText(h, alice.id)).toContain("published (version 1)");
    await press(h, alice, "✏️ Edit");
    await press(h, alice, "Costs & price");
    await press(h, alice, "✖ Co-op fee");
    await say(h, alice, "Co-op fee 5.50");
    await press(h, alice, "Done, on to the price");
    await say(h, alice, "51");
    await confirmKinds(h, alice);
    await press(h, alice, "Submit for review");
    expect(lastText(h, alice.id)).toContain("The published card stays as it is until your changes are approved.");

    expect(await loadApprovedProduct(h.db, productId)).toMatchObject({ version: 1, priceFen: 5000 });
    await say(h, alice, "/my_products");
    expect(lastText(h, alice.id)).toContain("published (version 1); changes (version 2) waiting for review");
    expect(lastText(h, organizer.id)).toContain("Changes to a published product in Green Street Co-op");

    await press(h, organizer, "Approve");
    expect(await loadApprovedProduct(h.db, productId)).toMatchObject({ version: 2, priceFen: 5100 });
    const newCard = h.fake.lastMessage(group.id)!;
    expect(newCard.message_id).not.toBe(firstCard.message_id);
    expect(newCard.caption).toContain("最后修订：2026-12-04（第 2 版）");
    expect(h.fake.message(group.id, firstCard.message_id)!.reply_markup?.inline_keyboard.flat() ?? []).toEqual([]);
    const revisions = await h.db.productRevision.findMany({ orderBy: { version: "asc" } });
    expect(revisions.map((r) => r.status)).toEqual(["SUPERSEDED", "APPROVED"]);
    h.fake.assertNoRejections();
  });
});

function findButtonSafe(chatId: number, label: string): boolean {
  return h.fake.messages(chatId).some((m) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text.includes(label)));
}
