import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, documentMessage, myChatMember, photoMessage, privateChat, sticker, supergroup, textMessage, user } from "../fake-telegram/updates";
import { confirmKinds, lastText, press, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The last two messages the member got, e.g. an error and the same question again. */
const lastTexts = (chatId: number, n = 1) =>
  h.fake
    .messages(chatId)
    .slice(-n)
    .map((m) => m.text ?? "")
    .join("\n");

async function answerProductAndProducer(who: ReturnType<typeof user>) {
  await say(h, who, "/recommend");
  await say(h, who, TEA.name);
  await say(h, who, TEA.unit);
  for (const answer of TEA.producer) await say(h, who, answer);
}

describe("the guided recommendation", () => {
  it("survives a bot restart in the middle and finishes where the member was", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    await answerProductAndProducer(alice);
    await press(h, alice, "Ecological farming");
    await press(h, alice, "Done");
    expect(lastText(h, alice.id)).toContain("4/7 · The story");

    await h.restartBot();

    await say(h, alice, TEA.story);
    expect(lastText(h, alice.id)).toContain("5/7 · The cost breakdown");
    await h.restartBot();
    await say(h, alice, "Tea leaves 30\nLabour 20");
    await press(h, alice, "Done, on to the price");
    await say(h, alice, "50");
    // a corrected kind is kept across a restart; the question comes back as it was
    await say(h, alice, "1 producer");
    await h.restartBot();
    await say(h, alice, "/recommend");
    expect(lastText(h, alice.id)).toContain("1. Tea leaves ¥30.00 → Producer\n2. Labour ¥20.00 → Producer (guessed)");
    await confirmKinds(h, alice);
    await press(h, alice, "No photos");
    expect(lastText(h, alice.id)).toContain("Preview");
    // the conversation ended at the preview: its old buttons say so
    const expired = await press(h, alice, "Back");
    expect(h.fake.callbackAnswer(expired)).toMatchObject({ text: "This question has expired. Send /recommend to continue your draft.", show_alert: true });
    await press(h, alice, "Submit for review");
    const revision = await h.db.productRevision.findFirstOrThrow({ include: { costLines: true } });
    expect(revision).toMatchObject({ name: "Wild mountain tea", story: TEA.story, tags: "ecological_farming", priceFen: 5000 });
    expect(revision.costLines.sort((x, y) => x.position - y.position).map((l) => l.kind)).toEqual(["PRODUCER", "PRODUCER"]);
    expect(lastText(h, organizer.id)).toContain("Wild mountain tea");
    h.fake.assertNoRejections();
  });

  it("offers to continue the saved draft when the conversation itself was lost", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { recommender: alice } = await setUpCommunity(h);
    await answerProductAndProducer(alice);
    await press(h, alice, "Fair trade");
    await press(h, alice, "Zero waste");
    await press(h, alice, "Done");
    await say(h, alice, TEA.story);
    // saved as it goes: a cost line before Done is in the draft already
    await say(h, alice, "Tea leaves 30");
    // e.g. a deploy with a new CONVERSATIONS_VERSION drops stored conversations
    await h.stopBot();
    await h.db.storedState.deleteMany({ where: { key: { startsWith: "conversation:" } } });
    await h.restartBot();

    await say(h, alice, "Labour 12");
    expect(lastText(h, alice.id)).toContain("You have an unfinished recommendation. Send /recommend to continue it.");
    await say(h, alice, "/recommend");
    expect(lastText(h, alice.id)).toContain("Continue, or start a new one?");
    await press(h, alice, "Continue “Wild mountain tea”");
    expect(lastText(h, alice.id)).toContain("5/7 · The cost breakdown");
    expect(lastText(h, alice.id)).toContain("• Tea leaves — ¥30.00 · 100.0%");
    const draft = await h.db.productDraft.findFirstOrThrow();
    expect(draft.step).toBe("costs");
    expect(JSON.parse(draft.payload)).toMatchObject({
      name: "Wild mountain tea",
      unit: "500 g",
      producerContact: "+86 138 0000 0000",
      tags: ["fair_trade", "zero_waste"],
      story: TEA.story,
      costLines: [{ label: "Tea leaves", amountFen: 3000 }],
    });
    await say(h, alice, "Labour 20");
    await press(h, alice, "Done, on to the price");
    await press(h, alice, "Price = ¥50.00");
    await confirmKinds(h, alice);
    await press(h, alice, "No photos");
    expect(lastText(h, alice.id)).toContain("Ready: submit it");
    h.fake.assertNoRejections();
  });

  it("answers bad input with what is wrong and the same question", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { recommender: alice } = await setUpCommunity(h);
    await say(h, alice, "/recommend");
    await say(h, alice, "x".repeat(61));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ That is too long: 61 characters, at most 60\.\n\n1\/7 · Product\nWhat is the product called\?/);
    await h.send(sticker(alice, privateChat(alice)));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Please answer with a text message\.\n\n1\/7 · Product/);
    await say(h, alice, TEA.name);
    await say(h, alice, TEA.unit);
    for (const answer of TEA.producer) await say(h, alice, answer);
    await say(h, alice, "fair trade please");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Please choose with the buttons below\.\n\n3\/7/);
    await press(h, alice, "Done");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Choose at least one tag\./);
    await press(h, alice, "Fair trade");
    await press(h, alice, "Done");
    await say(h, alice, "Good tea.");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Please tell a little more: 9 characters, at least 20\.\n\n4\/7 · The story/);
    await say(h, alice, TEA.story);

    await say(h, alice, "Tea leaves 30\nLabour twelve\nPackaging -1\nBox 1.505\n12.00");
    const costError = lastText(h, alice.id);
    expect(costError).toContain("Line 2 “Labour twelve”: no amount at the end");
    expect(costError).toContain("Line 3 “Packaging -1”: the amount can't be negative");
    expect(costError).toContain("Line 4 “Box 1.505”: at most two decimals");
    expect(costError).toContain("Line 5 “12.00”: no label before the amount");
    expect(costError).toContain("5/7 · The cost breakdown");
    await say(h, alice, "原料：30元\nLabour 1,000.50");
    expect(lastText(h, alice.id)).toContain("• 原料 — ¥30.00");
    expect(lastText(h, alice.id)).toContain("• Labour — ¥1,000.50");
    await press(h, alice, "✖ Labour");
    await say(h, alice, "Labour 20");
    await press(h, alice, "Done, on to the price");

    const priceQuestion = "What is the price of one unit (500 g)?";
    for (const [input, error] of [
      ["fifty", "That is not a number."],
      ["-50", "The price can't be negative."],
      ["49.999", "At most two decimals (fen)"],
      ["0", "The price must be more than zero."],
      ["1000000", "That is more than ¥100,000 for one unit"],
    ] as const) {
      await say(h, alice, input);
      expect(lastText(h, alice.id)).toMatch(new RegExp(`^⚠️ ${error.replace(/[()]/g, "\\$&")}.*\\n\\n${priceQuestion.replace(/[()?]/g, "\\$&")}`));
    }
    // still nothing accepted: the price stays unset until a valid one
    expect(JSON.parse((await h.db.productDraft.findFirstOrThrow()).payload).priceFen).toBeUndefined();
    await say(h, alice, "５５");
    expect(lastText(h, alice.id)).toContain("¥5.00 is not accounted for");
    // in the mismatch, a bare amount is a new price; a line with a label is another line
    await say(h, alice, "Transport 2");
    expect(lastText(h, alice.id)).toContain("¥3.00 is not accounted for");
    await say(h, alice, "48");
    expect(lastText(h, alice.id)).toContain("the lines are ¥4.00 more than the price");
    expect(lastText(h, alice.id)).not.toContain("as co-op fee");
    await say(h, alice, "52");
    expect(lastTexts(alice.id, 2)).toContain("The breakdown adds up to the price, ¥52.00");

    // the kinds: a bad line number, an unknown kind and a message without a number are re-asked
    expect(lastText(h, alice.id)).toContain("Line kinds");
    await say(h, alice, "9 logistics");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ There is no line 9: there are \d+\.[\s\S]*Line kinds/);
    await say(h, alice, "1 moonbeams");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ I don't know the kind “moonbeams”/);
    await say(h, alice, "logistics");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Send “number kind”/);
    await confirmKinds(h, alice);

    await say(h, alice, "here is a photo");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Please send photos, or press Done\./);
    await h.send(documentMessage(alice, privateChat(alice), { file_name: "tea.jpg", mime_type: "image/jpeg" }));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Please send the picture as a photo/);
    for (let i = 0; i < 6; i++) await h.send(photoMessage(alice, privateChat(alice)));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ You already have 5 photos/);
    await press(h, alice, "Done (5 photos)");
    expect(lastText(h, alice.id)).toContain("📷 5 photos");
    h.fake.assertNoRejections();
  });

  it("goes back a step, lets other commands through, and keeps an answer with Keep", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { recommender: alice } = await setUpCommunity(h);
    await say(h, alice, "/recommend");
    await say(h, alice, "Wild tea");
    await press(h, alice, "1 kg");
    expect(lastText(h, alice.id)).toContain("2/7 · Producer");
    await press(h, alice, "Back");
    expect(lastText(h, alice.id)).toContain("Now: 1 kg");
    await press(h, alice, "Back");
    expect(lastText(h, alice.id)).toContain("Now: Wild tea");
    await say(h, alice, "Wild mountain tea");
    await press(h, alice, "Keep it");
    expect(lastText(h, alice.id)).toContain("2/7 · Producer");

    await say(h, alice, "/help");
    expect(lastText(h, alice.id)).toContain("/recommend");
    await say(h, alice, "/recommend");
    expect(lastText(h, alice.id)).toContain("2/7 · Producer");
    // a button of an earlier question does nothing
    const stale = await press(h, alice, "1 bottle");
    expect(h.fake.callbackAnswer(stale)?.text).toBe("That button belongs to an earlier question.");
    await say(h, alice, "Yunling Tea Growers");
    const draft = JSON.parse((await h.db.productDraft.findFirstOrThrow()).payload);
    expect(draft).toMatchObject({ name: "Wild mountain tea", unit: "1 kg", producerName: "Yunling Tea Growers" });
    h.fake.assertNoRejections();
  });

  it("stops with /cancel, keeps the draft, and discards it only when asked", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { recommender: alice } = await setUpCommunity(h);
    await say(h, alice, "/recommend");
    await say(h, alice, "Wild mountain tea");
    await say(h, alice, "/cancel");
    expect(lastText(h, alice.id)).toContain("Stopped. Your draft is saved");
    await say(h, alice, "just chatting");
    expect(lastText(h, alice.id)).toContain("You have an unfinished recommendation");
    await say(h, alice, "/recommend");
    await press(h, alice, "Continue “Wild mountain tea”");
    expect(lastText(h, alice.id)).toContain("What is the unit of sale");
    await press(h, alice, "Cancel");
    await press(h, alice, "Discard the draft");
    await press(h, alice, "Yes, discard it");
    expect(lastText(h, alice.id)).toBe("The draft was discarded.");
    expect(await h.db.productDraft.count()).toBe(0);
    await say(h, alice, "/recommend");
    expect(lastText(h, alice.id)).toContain("1/7 · Product");
    h.fake.assertNoRejections();
  });

  it("asks which community when the member belongs to several, and explains when to none", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { recommender: alice, organizer } = await setUpCommunity(h);
    const other = supergroup({ title: "Riverside Co-op" });
    await h.send(myChatMember(organizer, other, "left", "member"), textMessage(alice, other, "hi"));
    await say(h, alice, "/recommend");
    expect(lastText(h, alice.id)).toContain("Which community is this product for?");
    await say(h, alice, "Riverside");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Please choose with the buttons below/);
    await press(h, alice, "Riverside Co-op");
    expect(lastText(h, alice.id)).toContain("1/7 · Product");
    await press(h, alice, "Back");
    expect(lastText(h, alice.id)).toContain("Which community");
    const draft = await h.db.productDraft.findFirstOrThrow({ include: { community: true } });
    expect(draft.community?.title).toBe("Riverside Co-op");

    const stranger = user({ language_code: "en" });
    await say(h, stranger, "/recommend");
    expect(lastText(h, stranger.id)).toContain("Send /recommend in your co-op's Telegram group where I am");
    expect(await h.db.productDraft.count({ where: { member: { telegramId: BigInt(stranger.id) } } })).toBe(0);
    h.fake.assertNoRejections();
  });

  it("starts from the /start button, and sends the group's /recommend to a private chat", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, recommender: alice } = await setUpCommunity(h);
    await h.send(command(alice, group, "recommend"));
    const reply = h.fake.lastMessage(group.id)!;
    expect(reply.text).toContain("private chat");
    expect(reply.reply_markup!.inline_keyboard.flat()[0]).toMatchObject({ url: "https://t.me/letscoop_test_bot?start=rec" });
    await say(h, alice, "/start rec");
    expect(lastText(h, alice.id)).toContain("1/7 · Product");
    await say(h, alice, "/cancel");
    await say(h, alice, "/start");
    await press(h, alice, "Recommend a product");
    expect(lastText(h, alice.id)).toContain("Continue, or start a new one?");
    await press(h, alice, "Start a new recommendation");
    expect(lastText(h, alice.id)).toContain("1/7 · Product");
    expect(await h.db.productDraft.count()).toBe(1);
    h.fake.assertNoRejections();
  });

  it("keeps the longest answers within Telegram's limits on every card", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer, recommender: alice } = await setUpCommunity(h);
    const label = (i: number) => `${String(i).padStart(2, "0")} ${"<&>".repeat(12)}`.slice(0, 40);
    const lines = Array.from({ length: 20 }, (_, i) => `${label(i)} 1`);
    await say(h, alice, "/recommend");
    await say(h, alice, "N".repeat(60));
    await say(h, alice, "U".repeat(20));
    for (const answer of ["P".repeat(80), "L".repeat(80), "C".repeat(200)]) await say(h, alice, answer);
    const tags = ["Ecological farming", "Fair trade", "Community development", "Zero waste", "Rural revitalisation", "Inclusive employment", "Traditional craft"];
    for (const tag of [...tags, "Women's empowerment", "Young people returning home", "Animal welfare", "Short supply chain", "Cooperative ownership"]) await press(h, alice, tag);
    await press(h, alice, "Done");
    await say(h, alice, "故事<b>&".repeat(333) + "故事"); // 2000 characters
    await say(h, alice, lines.join("\n"));
    await say(h, alice, "one more 1");
    expect(lastText(h, alice.id)).toMatch(/^⚠️ At most 20 cost lines/);
    await press(h, alice, "Done, on to the price");
    await press(h, alice, "Price = ¥20.00");
    await confirmKinds(h, alice);
    await press(h, alice, "No photos");
    await press(h, alice, "Submit for review");
    await press(h, organizer, "Approve");
    const card = h.fake.lastMessage(group.id)!;
    expect(card.text!.length).toBeLessThanOrEqual(4096);
    expect(card.text).toContain("• 19 <&><&>");
    expect(card.text).toContain("5.0%");
    const request = h.fake.messages(organizer.id).find((m) => m.text?.includes("New recommendation"))!;
    expect(request.text).toContain("C".repeat(200));
    expect(request.text!.length).toBeLessThanOrEqual(4096);
    expect(request.text).toContain("…"); // the story was shortened to fit
    h.fake.assertNoRejections();
  });

  it("speaks Chinese and takes Chinese number styles", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { recommender: li } = await setUpCommunity(h, { language: "zh", recommender: user({ first_name: "李", language_code: "zh-hans" }) });
    await say(h, li, "/recommend");
    expect(lastText(h, li.id)).toContain("1/7 · 产品");
    await say(h, li, "高山茶");
    await press(h, li, "500 克");
    for (const answer of ["云岭茶农", "云南普洱", "微信 yunling"]) await say(h, li, answer);
    await press(h, li, "生态农业");
    await press(h, li, "完成");
    await say(h, li, "山里的老茶树，不打农药，由村里的茶农手工采摘和炒制，每一片都看得见来处。");
    await say(h, li, "茶叶：30元；人工 １２.５０");
    await press(h, li, "完成，设置价格");
    await say(h, li, "４５");
    expect(lastText(h, li.id)).toContain("还有 ¥2.50 没有说明去向");
    await press(h, li, "作为推介官佣金");
    expect(lastText(h, li.id)).toContain("3. 推介官佣金 ¥2.50 → 推介佣金");
    await say(h, li, "1 生产者");
    await confirmKinds(h, li);
    await press(h, li, "不放照片");
    const preview = lastText(h, li.id);
    // 666.7 + 277.8 + 55.6 tenths: the two largest remainders round up, so it adds up to 100.0 %
    // grouped by kind; a kind's share is its lines' shares added
    expect(preview).toContain("生产者 ¥42.50 · 94.5%\n  • 茶叶 — ¥30.00 · 66.7%\n  • 人工 — ¥12.50 · 27.8%\n推介佣金 ¥2.50 · 5.5%\n  • 推介官佣金 — ¥2.50 · 5.5%");
    expect(preview).toContain("价格：¥45.00 / 500 克");
    h.fake.assertNoRejections();
  });
});
