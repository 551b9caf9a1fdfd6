import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, createApprovedProduct, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 700;

describe("opening a group buy", () => {
  it("walks an organizer through the settings in private and posts the announcement in the group", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const rec = user({ first_name: "Rita", language_code: "en" });
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId, revisionId, recommenderId } = await createApprovedProduct(h, { communityId, recommender: rec, name: "Organic rice", unit: "bag" });
    const chat = privateChat(boss);
    const last = () => h.fake.lastMessage(chat.id)!;

    await h.send(command(boss, chat, "start", `o${productId}`));
    expect(h.fake.messages(chat.id).at(-2)!.text).toContain("Opening a group buy for “Organic rice” in Green Street Co-op");
    expect(last().text).toContain("Price per bag? The product's price is ¥25.00");
    await h.send(textMessage(boss, chat, "abc"));
    expect(last().text).toContain("I couldn't read that amount");
    expect(last().text).toContain("Price per bag?"); // the same question again
    await h.send(textMessage(boss, chat, "24.50"));
    expect(last().text).toContain("minimum");
    await h.send(textMessage(boss, chat, "20"));
    await h.send(textMessage(boss, chat, "10")); // stock below the minimum
    expect(last().text).toContain("can't be below the minimum (20)");
    await h.send(textMessage(boss, chat, "50"));
    await h.send(textMessage(boss, chat, "5"));
    expect(last().text).toContain("Deadline (time in Asia/Shanghai)");
    await h.send(textMessage(boss, chat, "2026-11-30 20:00"));
    expect(last().text).toContain("already passed");
    await h.send(textMessage(boss, chat, "someday"));
    expect(last().text).toContain("couldn't read that time");
    await h.send(textMessage(boss, chat, "2026-12-03 20:00"));
    await h.send(textMessage(boss, chat, "Sat 10:00, <Community centre> & garden"));
    await h.send(textMessage(boss, chat, "5%"));
    // ¥24.50 and 5% (¥1.22 a bag, rounded down) differ from the product's breakdown: a line takes the ¥1.72
    expect(last().text).toContain("differs from the product's breakdown by −¥1.72");
    expect(buttons(last()).map((b) => b.text)).toContain("Co-op fee ¥2.00 → ¥0.28");
    await h.send(callbackQuery(boss, last(), buttons(last()).map((b) => b as { text: string; callback_data: string }).find((b) => b.text.startsWith("Co-op fee"))!.callback_data));
    expect(last().text).toContain("Please check");
    expect(last().text).toContain("Per bag ¥24.50 = Packaging ¥2.00 + Logistics ¥3.00 + Co-op fee ¥0.28 + Recommender commission ¥1.22 + Other ¥18.00");
    expect(last().text).toContain("Price: ¥24.50 per bag");
    expect(last().text).toContain("Minimum: 20 · Stock cap: 50 · Per member: 5");
    expect(last().text).toContain("Deadline: Dec 3, 20:00");
    expect(last().text).toContain("Commission: 5% of the order amount");
    await h.send(callbackQuery(boss, last(), buttonData(last(), "gbo:confirm:yes")));
    expect(last().text).toMatch(/Group buy #\d+ is open in Green Street Co-op/);

    const buy = await h.db.groupBuy.findFirstOrThrow({ where: { productId } });
    expect(buy).toMatchObject({
      communityId, revisionId, recommenderId, status: "OPEN", unitPriceFen: 2450, minTotalQty: 20, stockCap: 50, perMemberCap: 5,
      pickupDetails: "Sat 10:00, <Community centre> & garden", commissionKind: "PERCENT_BP", commissionValue: 500, selfReferralEarns: false,
    });
    expect(buy.deadlineAt.toISOString()).toBe("2026-12-03T12:00:00.000Z");

    const post = await announcement(h, buy.id);
    expect(post.chat.id).toBe(group.id);
    // the group speaks the community's language (zh by default)
    expect(post.text).toContain(`团购 #${buy.id}：Organic rice`);
    expect(post.text).toContain("¥24.50 / bag");
    expect(post.text).toContain("🧾 每bag ¥24.50 = 包装 ¥2.00 + 物流 ¥3.00 + 合作社服务费 ¥0.28 + 推介佣金 ¥1.22 + 其他 ¥18.00");
    expect(post.text).toContain("↔️ 按本团的价格和佣金调整：推介佣金 ¥0.00 → ¥1.22");
    expect(post.text).toContain("↔️ 按本团的价格和佣金调整：Co-op fee ¥2.00 → ¥0.28");
    expect(post.text).toContain("推介佣金：订单金额的 5%");
    expect(post.text).toContain("成团进度：░░░░░░░░░░ 0/20");
    expect(post.text).toContain("限量 50（剩 50）");
    expect(post.text).toContain("每人限 5");
    expect(post.text).toContain("截止：12月3日 20:00（还剩 2天8小时）");
    expect(post.text).toContain("🚚 Sat 10:00, <Community centre> & garden");
    expect(post.text).toContain("还没有人参团");
    const labels = buttons(post).map((b) => b.text);
    expect(labels).toEqual(["+1", "🔢 选数量", "✖ 取消我的订单", "📋 我的订单", "📄 完整卡片", "🔗 分享", "❓ 提问"]);
    expect(buttonData(post, "gbshare:")).toBe(`gbshare:${buy.id}`);
    const card = buttons(post).find((b) => b.text === "📄 完整卡片") as { url: string };
    expect(card.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=c${buy.id}`);

    // the card opened from the announcement shows this buy's commission with the cost table
    const mei = user({ first_name: "Mei", language_code: "zh" });
    await h.send(command(mei, privateChat(mei), "start", `c${buy.id}`));
    const zhCard = h.fake.lastMessage(mei.id)!.caption!;
    expect(zhCard).toContain("• Rice — ¥18.00");
    expect(zhCard).toContain(`🤝 推介佣金（团购 #${buy.id}）：5%`);
    await h.send(command(rec, privateChat(rec), "start", `c${buy.id}`));
    expect(h.fake.lastMessage(rec.id)!.caption).toContain(`🤝 Recommender commission (group buy #${buy.id}): 5 %`);
    // the product's own card (from /products) shows the rule of its open buy too
    await h.send(command(rec, privateChat(rec), "start", `p${productId}`));
    expect(h.fake.lastMessage(rec.id)!.caption).toContain(`🤝 Recommender commission (group buy #${buy.id}): 5 %`);
    // a buy number that does not exist opens nothing
    await h.send(command(rec, privateChat(rec), "start", "c999999"));
    expect(h.fake.lastMessage(rec.id)!.text).not.toContain("Recommender commission");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("sends /open in the group to the private chat, lists openable products there, and starts from a product card's button", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const rec = user({ first_name: "Rita", language_code: "en" });
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: rec, name: "Tea" });
    await h.send(command(boss, group, "open"));
    const hint = h.fake.lastMessage(group.id)!;
    expect((buttons(hint)[0] as { url: string }).url).toBe(`https://t.me/${h.fake.botInfo.username}?start=open`);

    const chat = privateChat(boss);
    await h.send(command(boss, chat, "start", "open"));
    const picker = h.fake.lastMessage(chat.id)!;
    expect(picker.text).toBe("Which product?");
    expect(buttons(picker).map((b) => b.text)).toEqual(["Tea · Green Street Co-op"]);
    await h.send(callbackQuery(boss, picker, buttonData(picker, "gbopen:")));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("Price per bag?");

    // the card's button in the group leads to the private chat with the product
    const card = await h.bot.api.sendMessage(group.id, "Tea card", { reply_markup: { inline_keyboard: [[{ text: "Open a group buy", callback_data: `gbopen:${productId}` }]] } });
    const press = callbackQuery(boss, card, `gbopen:${productId}`);
    await h.send(press);
    expect(h.fake.callbackAnswer(press.callback_query!.id)!.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=o${productId}`);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("lets a product's recommender open it, and no one else who is not an organizer", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const rec = user({ first_name: "Rita", language_code: "en" });
    const stranger = user({ first_name: "Sam", language_code: "en" });
    const { communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: rec });
    const pending = await h.db.product.create({ data: { communityId, recommenderId: (await h.db.product.findFirstOrThrow()).recommenderId, producerId: (await h.db.producer.findFirstOrThrow()).id, status: "PENDING_REVIEW" } });

    await h.send(command(stranger, privateChat(stranger), "open"));
    expect(h.fake.lastMessage(stranger.id)!.text).toContain("There is no product you can open a buy for");
    await h.send(command(stranger, privateChat(stranger), "start", `o${productId}`));
    expect(h.fake.lastMessage(stranger.id)!.text).toContain("You can't open a buy for this product");
    await h.send(command(rec, privateChat(rec), "start", `o${pending.id}`));
    expect(h.fake.lastMessage(rec.id)!.text).toContain("You can't open a buy for this product");

    const buyId = await openBuy(h, rec, productId, { min: "2", deadline: "+3d", commission: "1.50/unit" });
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy).toMatchObject({ commissionKind: "FIXED_PER_UNIT", commissionValue: 150, stockCap: null, perMemberCap: null, unitPriceFen: 2500 });
    expect(buy.openedById).toBe(buy.recommenderId);
    expect((await announcement(h, buyId)).text).toContain("推介佣金：每bag ¥1.50");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("snapshots the community's self-referral rule into the buy", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const { communityId } = await setupCommunity(h, boss);
    await h.db.community.update({ where: { id: communityId }, data: { selfReferralEarns: true } });
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "明天 20:00" });
    expect(await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).toMatchObject({ selfReferralEarns: true });
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("stops on /cancel or another command, and old dialog buttons say so", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const { communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "start", `o${productId}`));
    const priceQuestion = h.fake.lastMessage(chat.id)!;
    await h.send(textMessage(boss, chat, "/cancel"));
    expect(h.fake.lastMessage(chat.id)!.text).toBe("The group buy was not opened.");
    const stale = callbackQuery(boss, priceQuestion, buttonData(priceQuestion, "gbo:price:"));
    await h.send(stale);
    expect(h.fake.callbackAnswer(stale.callback_query!.id)!.text).toBe("This dialog has ended.");

    await h.send(command(boss, chat, "start", `o${productId}`));
    await h.send(textMessage(boss, chat, "10"));
    await h.send(command(boss, chat, "my_orders"));
    const replies = h.fake.messages(chat.id).slice(-2).map((m) => m.text);
    expect(replies).toEqual(["The group buy was not opened.", "You have no orders yet. Join a group buy in your community's group."]);
    expect(await h.db.groupBuy.count()).toBe(0);
    // a survived restart: the dialog state is stored, and continues
    await h.send(command(boss, chat, "start", `o${productId}`));
    await h.send(textMessage(boss, chat, "10"));
    await h.restartBot();
    await h.send(textMessage(boss, chat, "4"));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("Stock cap");
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });

  it("tells the opener when the announcement could not be posted, and posts it later", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "start", `o${productId}`));
    for (const answer of ["25", "1"]) await h.send(textMessage(boss, chat, answer));
    for (const step of ["gbo:stock:", "gbo:cap:"]) await h.send(callbackQuery(boss, h.fake.lastMessage(chat.id)!, buttonData(h.fake.lastMessage(chat.id), step)));
    for (const answer of ["+2d", "Pickup at the gate", "0"]) await h.send(textMessage(boss, chat, answer));
    h.fake.failNext("sendMessage", { kind: "error", error_code: 403, description: "Forbidden: bot is not a member of the supergroup chat" });
    await h.send(callbackQuery(boss, h.fake.lastMessage(chat.id)!, buttonData(h.fake.lastMessage(chat.id), "gbo:confirm:yes")));
    expect(h.fake.lastMessage(chat.id)!.text).toMatch(/Group buy #\d+ is open, but I could not post in Green Street Co-op yet/);
    const buy = await h.db.groupBuy.findFirstOrThrow();
    expect(buy.announcementMessageId).toBeNull();
    await h.flush();
    expect((await h.db.groupBuy.findFirstOrThrow()).announcementMessageId).toBeNull(); // not before 30 s
    h.clock.advance(31_000);
    await h.flush();
    const posted = await announcement(h, buy.id);
    expect(posted.chat.id).toBe(group.id);
    expect(h.fake.messages(group.id).filter((m) => m.text?.includes(`团购 #${buy.id}`))).toHaveLength(1);
    h.fake.assertNoRejections();
    expect(h.fake.warnings).toEqual([]);
  });
});
