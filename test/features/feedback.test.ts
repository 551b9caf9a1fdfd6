import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { sendFeedbackPrompts } from "../../src/features/feedback/prompts";
import { announcement, buttonData, buttons, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const H = 3600_000;
const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const ana = user({ first_name: "Ana", language_code: "en" });
const bob = user({ first_name: "Bob", language_code: "en" });
const PROMPT = "How was it?";

async function community(): Promise<Community & { productId: number }> {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const c = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: c.communityId, recommender: rita });
  return { ...c, productId };
}

/** A buy these members join (one each), closed now: it went ahead. */
async function buyWith(c: Community, productId: number, joiners: User[]): Promise<number> {
  const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  for (const m of joiners) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  await h.send(command(boss, c.group, "close", String(buyId)));
  await h.flush();
  return buyId;
}

const orderOf = (buyId: number, u: User) => h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId, member: { telegramId: BigInt(u.id) } } });
const prompts = (u: User) => h.fake.messages(u.id).filter((m) => m.text?.includes(PROMPT));
const last = (u: User) => h.fake.lastMessage(u.id)!;
const say = (u: User, text: string) => h.send(textMessage(u, privateChat(u), text));
const tap = (u: User, message: FakeMessage, data: string) => h.send(callbackQuery(u, message, data));
const star = (message: FakeMessage, n: number) => buttons(message).find((b) => "callback_data" in b && b.callback_data.endsWith(`:${n}`)) as { callback_data: string };

async function later(ms: number): Promise<void> {
  h.clock.advance(ms);
  await h.flush();
}

/** Rates the member's latest prompt, skips the comment. */
async function rate(u: User, n: number): Promise<void> {
  const prompt = prompts(u).at(-1)!;
  await tap(u, prompt, star(prompt, n).callback_data);
  await tap(u, last(u), buttonData(last(u), "fbd:comment:skip"));
}

describe("feedback after pickup", () => {
  it("asks a day after the pickup, takes stars, a comment and consent, and shows them on the card and in /products", async () => {
    const c = await community();
    const buyId = await buyWith(c, c.productId, [ana, bob]);
    await h.send(command(boss, c.group, "picked_up", `${buyId} 1`));
    const order = await orderOf(buyId, ana);
    const row = await h.db.feedback.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(row.dueAt.getTime()).toBe(order.pickedUpAt!.getTime() + 24 * H);
    // a second mark changes nothing
    await h.send(command(boss, c.group, "picked_up", `${buyId} 1`));
    expect(await h.db.feedback.count()).toBe(1);

    await later(0);
    await later(23 * H);
    expect(prompts(ana)).toHaveLength(0);
    await later(H);
    expect(prompts(ana)).toHaveLength(1);
    expect(prompts(bob)).toHaveLength(0); // not picked up
    const prompt = prompts(ana)[0]!;
    expect(prompt.text).toBe("🌾 You picked up “Organic rice” yesterday. How was it? Your stars and words go to the recommender and the producer: production and consumption are the start of a dialogue.");
    expect(buttons(prompt).map((b) => b.text)).toEqual(["⭐", "⭐⭐", "⭐⭐⭐", "⭐⭐⭐⭐", "⭐⭐⭐⭐⭐", "Skip"]);
    await later(H); // asked once only
    expect(prompts(ana)).toHaveLength(1);

    await tap(ana, prompt, star(prompt, 4).callback_data);
    expect(h.fake.message(ana.id, prompt.message_id)!.text).toBe("⭐ 4 for “Organic rice”. Thank you!");
    expect(buttons(h.fake.message(ana.id, prompt.message_id))).toEqual([]);
    expect(last(ana).text).toContain("Would you like to say a few words");
    await h.restartBot(); // the comment still waits
    await say(ana, "x".repeat(1001));
    expect(last(ana).text).toContain("Your comment has 1001 characters; at most 1000 fit.");
    expect(last(ana).text).toContain("Would you like to say a few words");
    await say(ana, "Lovely rice, <b>fresh</b> & sweet");
    expect(last(ana).text).toBe("📣 May we show your comment on the product's card, with your display name?");
    await h.flush();
    expect(last(rita).text).toBe("💬 New feedback on “Organic rice”: ⭐ 4 from Ana:\nLovely rice, <b>fresh</b> & sweet");
    await tap(ana, last(ana), buttonData(last(ana), "fbd:publish:yes"));
    expect(last(ana).text).toBe("✅ Thank you! Your comment is on the card.");
    expect(await h.db.feedback.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ rating: 4, comment: "Lovely rice, <b>fresh</b> & sweet", publishes: true });

    // the card, as a member opens it
    await h.send(command(bob, privateChat(bob), "start", `p${c.productId}`));
    const card = h.fake.messages(bob.id).map((m) => m.text ?? m.caption ?? "").join("\n");
    expect(card).toContain("⭐ 4.0 · 1 rating");
    expect(card).toContain("💬 Ana: Lovely rice, <b>fresh</b> & sweet");
    // the list, across buys
    await h.send(command(bob, c.group, "products"));
    expect(h.fake.lastMessage(c.group.id)!.text).toContain("— ¥25.00 · ⭐ 4.0 (1)");
    // organizers see every comment
    await h.send(command(boss, privateChat(boss), "feedback", String(c.productId)));
    expect(last(boss).text).toContain(`⭐ 4 · Organic rice (#${c.productId}) · Ana 📣:\nLovely rice, <b>fresh</b> & sweet`);
    await h.send(command(bob, privateChat(bob), "feedback"));
    expect(last(bob).text).toBe("Only organizers and recommenders see members' comments.");
  });

  it("asks one prompt a member a day: two pickups the same day, one prompt that day, the other the next; blocked members not at all", async () => {
    const c = await community();
    const tea = await createApprovedProduct(h, { communityId: c.communityId, recommender: rita, name: "Green tea" });
    const rice = await buyWith(c, c.productId, [ana, bob]);
    const teaBuy = await buyWith(c, tea.productId, [ana]);
    await h.send(command(boss, c.group, "picked_up", `${rice} 1 2`));
    // the other by its code, scanned at the pickup point
    await h.send(command(boss, privateChat(boss), "start", `pk${(await orderOf(teaBuy, ana)).pickupCode}`));
    expect(await h.db.feedback.count()).toBe(3);
    await h.db.member.update({ where: { telegramId: BigInt(bob.id) }, data: { blockedBotAt: h.clock.now() } });

    h.clock.advance(24 * H + 60_000);
    // two instances' passes at once: each prompt is claimed by one
    await Promise.all([sendFeedbackPrompts(h.services), sendFeedbackPrompts(h.services)]);
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { startsWith: "feedback-prompt:" } } })).toBe(1);
    await h.flush();
    expect(prompts(ana).map((m) => m.text)).toEqual([expect.stringContaining("“Organic rice”")]);
    expect(prompts(bob)).toHaveLength(0);
    await later(12 * H);
    expect(prompts(ana)).toHaveLength(1);
    await later(12 * H);
    expect(prompts(ana).map((m) => m.text)).toEqual([expect.stringContaining("“Organic rice”"), expect.stringContaining("“Green tea”")]);
    expect(await h.db.feedback.count({ where: { promptedAt: null } })).toBe(1); // Bob's
  });

  it("refuses a forged rating and someone else's tap; Skip answers without stars", async () => {
    const c = await community();
    const buyId = await buyWith(c, c.productId, [ana]);
    await h.send(command(boss, c.group, "picked_up", `${buyId} 1`));
    await later(24 * H);
    const prompt = prompts(ana)[0]!;
    const id = (await h.db.feedback.findFirstOrThrow()).id;
    const forged = h.fake.pushUpdate(callbackQuery(ana, prompt, `fbr:${id}:7`));
    await h.fake.settle();
    expect(h.fake.callbackAnswer(forged.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." });
    const foreign = h.fake.pushUpdate(callbackQuery(bob, prompt, star(prompt, 1).callback_data));
    await h.fake.settle();
    expect(h.fake.callbackAnswer(foreign.callback_query!.id)?.text).not.toContain("Thank you");
    expect(await h.db.feedback.findFirstOrThrow()).toMatchObject({ rating: null, ratedAt: null });

    await tap(ana, prompt, buttonData(prompt, `fbr:${id}:s`));
    expect(h.fake.message(ana.id, prompt.message_id)!.text).toBe("No feedback for “Organic rice”. That's fine.");
    expect(await h.db.feedback.findFirstOrThrow()).toMatchObject({ rating: null, ratedAt: expect.any(Date) });
  });

  it("drops the unasked feedback of a pickup taken back in /orders", async () => {
    const c = await community();
    const buyId = await buyWith(c, c.productId, [ana]);
    await h.send(command(boss, c.group, "picked_up", `${buyId} 1`));
    const order = await orderOf(buyId, ana);
    expect(await h.db.feedback.count({ where: { orderId: order.id } })).toBe(1);
    await h.send(command(boss, privateChat(boss), "orders", String(buyId)));
    const page = last(boss);
    await tap(boss, page, buttonData(page, `gbapick:${order.id}:0:0`));
    expect((await orderOf(buyId, ana)).pickupStatus).toBe("PENDING");
    expect(await h.db.feedback.count()).toBe(0);
    await later(25 * H);
    expect(prompts(ana)).toHaveLength(0);
  });

  it("flags a low average to the organizers once, when it crosses", async () => {
    const c = await community();
    const six = members(6);
    const buyId = await buyWith(c, c.productId, six);
    await h.send(command(boss, c.group, "picked_up", `${buyId} 1 2 3 4 5 6`));
    await later(24 * H);
    const lows = () => h.fake.messages(boss.id).filter((m) => m.text?.includes("rate “Organic rice” low"));
    for (const [i, n] of [2, 3, 2, 1].entries()) await rate(six[i]!, n);
    await h.flush();
    expect(lows()).toHaveLength(0); // 4 ratings: too few
    await rate(six[4]!, 3);
    await h.flush();
    expect(lows().map((m) => m.text)).toEqual([`⚠️ Members rate “Organic rice” low: ⭐ 2.2 over 5 ratings. See /feedback ${c.productId} for their comments.`]);
    await rate(six[5]!, 1);
    await h.flush();
    expect(lows()).toHaveLength(1);
  });
});

describe("the feedback strings", () => {
  const ids = (locale: string) => new FluentResource(readFileSync(new URL(`../../locales/${locale}/feedback.ftl`, import.meta.url), "utf8")).body.map((m) => m.id).sort();
  it("have the same keys in zh and en", () => {
    expect(ids("zh")).toEqual(ids("en"));
    expect(ids("en")).toContain("cmd-feedback");
  });
  it("read the card's line as the co-op writes it", () => {
    const zh = new FluentBundle("zh", { useIsolating: false });
    zh.addResource(new FluentResource(readFileSync(new URL("../../locales/zh/feedback.ftl", import.meta.url), "utf8")));
    expect(zh.formatPattern(zh.getMessage("product-card-feedback")!.value!, { average: "4.3", count: 12 })).toBe("⭐ 4.3 · 12 条评价");
  });
});
