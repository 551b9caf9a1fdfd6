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
    expect(last().text).toContain("Please check");
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
    expect(post.text).toContain("成本：Rice ¥18.00 · Packaging ¥2.00 · Logistics ¥3.00 · Co-op fee ¥2.00");
    expect(post.text).toContain("推介佣金：订单金额的 5%");
    expect(post.text).toContain("成团进度：░░░░░░░░░░ 0/20");
    expect(post.text).toContain("限量 50（剩 50）");
    expect(post.text).toContain("每人限 5");
    expect(post.text).toContain("截止：12月3日 20:00（还剩 2天8小时）");
    expect(post.text).toContain("🚚 Sat 10:00, <Community centre> & garden");
    expect(post.text).toContain("还没有人参团");
    const labels = buttons(post).map((b) => b.text);
    expect(labels).toEqual(["+1", "🔢 选数量", "✖ 取消我的订单", "📋 我的订单", "📄 完整卡片", "🔗 分享"]);
    expect(buttonData(post, "gbshare:")).toBe(`gbshare:${buy.id}`);
    const card = buttons(post).find((b) => b.text === "📄 完整卡片") as { url: string };
    expect(card.url).toBe(`https://t.me/${h.fake.botInfo.username}?start=p${productId}`);
    h.fake.assertNoRejections();
  });
});
