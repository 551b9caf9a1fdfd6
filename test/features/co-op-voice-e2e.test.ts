// The co-op's voice end to end (issue 17's Show), through the bot only: an
// organizer sets voting and its rule in /settings; a recommendation's poll in
// the group, five members and a stranger voting, the tally, approval by the
// rule at the close; a question from the card's ❓, answered and published; the
// reminders changed in /settings and the next buy reminded by them; a pickup,
// the feedback prompt a day later, and the published comment on the card.
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { BOT_USERNAME, createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, openBuy } from "../helpers/group-buy-fixtures";
import { lastText, press, recommendAndSubmit, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const H = 3600_000;
const texts = (chatId: number) => h.fake.messages(chatId).map((m) => m.text ?? m.caption ?? "");
/** The last few messages of a chat as one text (a /card reply is the card, then its Q&A). */
const recent = (chatId: number, n = 3) => texts(chatId).slice(-n).join("\n");

async function vote(who: User, pollId: string, options: number[]): Promise<void> {
  h.fake.answerPoll(who, pollId, options);
  await h.fake.settle();
}

/** Runs the jobs at `at` (twice: a job's sends may wait for the next pass). */
async function at(when: Date): Promise<void> {
  h.clock.set(when);
  await h.flush();
  await h.flush();
}

describe("the co-op's voice, end to end", () => {
  it("settings → vote and automatic approval → a question on /card → reminders as set → feedback on the card", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer: olga, recommender: alice } = await setUpCommunity(h);
    const members = ["Mei", "Nan", "Ola", "Pia", "Qiu"].map((first_name) => user({ first_name, language_code: "en" }));
    const [mei, nan, ola, pia, qiu] = members as [User, User, User, User, User];
    for (const m of members) await h.send(textMessage(m, group, `hi from ${m.first_name}`));
    const community = await h.db.community.findFirstOrThrow();

    // a. the organizer turns voting on and sets its rule in /settings, in private
    await say(h, olga, "/settings");
    const menuId = h.fake.lastMessage(olga.id)!.message_id;
    expect(lastText(h, olga.id)).toContain("Members vote on recommendations: off");
    await press(h, olga, "🗳 Voting: turn on");
    expect(h.fake.message(olga.id, menuId)!.text).toContain("Members vote on recommendations: on · a poll stays open 48h");
    await press(h, olga, "⏳ Poll duration");
    await say(h, olga, "24");
    expect(lastText(h, olga.id)).toBe("✅ Poll duration: 24h");
    await press(h, olga, "✅ Automatic approval");
    await say(h, olga, "three");
    expect(lastText(h, olga.id)).toContain("Send e.g. 10, 10 2 or off");
    await say(h, olga, "3 1");
    expect(lastText(h, olga.id)).toContain("✅ Automatic approval: at least 3 support and at most 1 “not needed”");
    const menu = h.fake.message(olga.id, menuId)!.text!;
    expect(menu).toContain("a poll stays open 24h");
    expect(menu).toContain("Automatic approval: at least 3 support and at most 1 “not needed”");
    expect(await h.db.community.findUniqueOrThrow({ where: { id: community.id } })).toMatchObject({ votingEnabled: true, votingHours: 24, autoApproveSupport: 3, autoApproveMaxObject: 1 });
    expect(await h.db.settingChange.count()).toBe(3);

    // b. a recommendation: its card and poll in the group (the community's language, zh)
    const productId = await recommendAndSubmit(h, alice, TEA);
    const submittedAt = h.clock.now().getTime();
    await h.flush();
    const pollRow = await h.db.revisionPoll.findFirstOrThrow();
    expect(pollRow.closesAt.getTime() - submittedAt).toBe(24 * H);
    const voteCard = h.fake.message(group.id, pollRow.cardMessageId!)!;
    expect(voteCard.text).toContain("成员投票：要引进这个产品吗？");
    expect(voteCard.text).toContain("至少 3 位成员支持、最多 1 位表示暂不需要，就自动通过");
    const pollMessage = h.fake.message(group.id, pollRow.pollMessageId!)!;
    expect(pollMessage.poll!.options.map((o) => o.text)).toEqual(["支持引进", "暂不需要", "有疑问"]);
    const pollId = pollMessage.poll!.id;

    await vote(mei, pollId, [0]);
    await vote(nan, pollId, [0]);
    await vote(ola, pollId, [1]);
    await vote(ola, pollId, [0]); // changes her mind: one vote, now for
    await vote(pia, pollId, [2]);
    await vote(qiu, pollId, [1]);
    await vote(user({ first_name: "Stranger", language_code: "en" }), pollId, [0]); // never seen in the community
    expect(h.fake.poll(pollId)).toMatchObject({ total_voter_count: 6 });

    // the organizer's review shows the live tally, the stranger left out and said so
    await say(h, olga, "/review");
    await press(h, olga, "Wild mountain tea (v1)");
    const review = lastText(h, olga.id);
    expect(review).toContain("The members are voting until");
    expect(review).toContain("For 3 · Not needed 1 · Questions 1");
    expect(review).toContain("1 more from people never seen in the community, not counted");
    await vote(pia, pollId, [0]); // Pia too is for it now; the refresh edits the request in place
    const shown = h.fake.messages(olga.id).length;
    await press(h, olga, "🔄 Refresh the tally");
    expect(h.fake.messages(olga.id)).toHaveLength(shown);
    expect(lastText(h, olga.id)).toContain("For 4 · Not needed 1 · Questions 0");
    expect(lastText(h, olga.id)).toContain("1 more from people never seen in the community, not counted");

    // not before the close; at the close the rule approves it
    await at(new Date(submittedAt + 23 * H));
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "PENDING_REVIEW" });
    await at(new Date(submittedAt + 24 * H + 60_000));
    expect(h.fake.poll(pollId)?.is_closed).toBe(true);
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "APPROVED", reviewerId: null });
    expect(lastText(h, olga.id)).toContain("approved by Green Street Co-op's rule");
    expect(lastText(h, olga.id)).toContain("For 4 · Not needed 1 · Questions 0");
    expect(lastText(h, olga.id)).toContain("1 more from people never seen in the community, not counted");
    const product = await h.db.product.findUniqueOrThrow({ where: { id: productId } });
    const card = h.fake.message(group.id, product.cardMessageId!)!;
    expect(card.text ?? card.caption).toContain("👍 4 位成员支持");

    // c. Mei asks from the card's ❓ (a link to the private chat); Alice answers; both publish
    const ask = buttons(card).find((b) => b.text.includes("❓"));
    expect(ask).toMatchObject({ url: `https://t.me/${BOT_USERNAME}?start=a${productId}` });
    await h.send(command(mei, privateChat(mei), "start", `a${productId}`));
    expect(lastText(h, mei.id)).toContain("What would you like to ask Alice about “Wild mountain tea”?");
    await say(h, mei, "Is the tea <really> unsprayed?");
    await h.flush();
    expect(lastText(h, mei.id)).toContain("Sent to Alice");
    await press(h, alice, /Answer/);
    await say(h, alice, "Yes: I have walked the gardens with the growers.");
    await press(h, alice, /^📢 Publish$/);
    await h.flush();
    expect(texts(mei.id).some((t) => t.includes("Alice answered your question about “Wild mountain tea”"))).toBe(true);
    await press(h, mei, /Publish my question/);
    await h.send(command(nan, privateChat(nan), "card", String(productId)));
    const qa = recent(nan.id);
    expect(qa).toContain("Public Q&A of “Wild mountain tea” (1)");
    expect(qa).toContain("❓ Mei: Is the tea <really> unsprayed?");
    expect(qa).toContain("💬 Alice: Yes: I have walked the gardens with the growers.");
    h.clock.advance(60_000);
    await h.flush();
    const qaPosts = texts(group.id).filter((t) => t.includes("新问答"));
    expect(qaPosts).toHaveLength(1);
    expect(qaPosts[0]).toContain("Is the tea <really> unsprayed?");

    // d. reminders changed in /settings (typed); the buy opened afterwards is reminded 2 h before only
    await say(h, olga, "/settings");
    await press(h, olga, "⏰ Reminder times");
    await say(h, olga, "2h");
    expect(lastText(h, olga.id)).toBe("✅ Reminders: 2h");
    const deadline = new Date("2026-12-03T12:00:00Z"); // 20:00 in Shanghai
    expect(h.clock.now().getTime()).toBeLessThan(deadline.getTime() - 24 * H);
    const buyId = await openBuy(h, olga, productId, { min: "1", deadline: "2026-12-03 20:00" });
    await h.flush();

    // e. Mei joins the buy in the group
    const post = await announcement(h, buyId);
    await h.send(callbackQuery(mei, post, buttonData(post, "gbadd:")));
    expect((await h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId } })).quantity).toBe(1);

    const reminders = () => texts(group.id).filter((t) => t.startsWith("⏰"));
    await at(new Date(deadline.getTime() - 24 * H + 60_000));
    expect(reminders()).toHaveLength(0);
    await at(new Date(deadline.getTime() - 2 * H + 60_000));
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain(`#${buyId}`);
    expect((await h.db.groupBuyReminder.findMany({ where: { groupBuyId: buyId } })).map((r) => r.offsetMinutes)).toEqual([120]);

    // the deadline closes it; the organizer marks Mei's order picked up
    await at(new Date(deadline.getTime() + 60_000));
    expect(await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(reminders()).toHaveLength(1); // none at the old 1 h either
    await h.send(command(olga, group, "picked_up", `${buyId} 1`));
    const pickedUpAt = (await h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId } })).pickedUpAt!;
    expect(pickedUpAt).not.toBeNull();

    // no prompt before a day; the prompt a day later
    const prompts = () => h.fake.messages(mei.id).filter((m) => m.text?.includes("How was it?"));
    await at(new Date(pickedUpAt.getTime() + 23 * H));
    expect(prompts()).toHaveLength(0);
    await at(new Date(pickedUpAt.getTime() + 24 * H + 60_000));
    expect(prompts()).toHaveLength(1);
    const prompt = prompts()[0]!;
    expect(prompt.text).toContain("You picked up “Wild mountain tea” yesterday.");

    // Mei rates, comments, publishes
    await press(h, mei, "⭐⭐⭐⭐⭐");
    expect(h.fake.message(mei.id, prompt.message_id)!.text).toBe("⭐ 5 for “Wild mountain tea”. Thank you!");
    await say(h, mei, "Deep, sweet & smoky: the best tea I've had");
    expect(lastText(h, mei.id)).toBe("📣 May we show your comment on the product's card, with your display name?");
    await h.send(callbackQuery(mei, h.fake.lastMessage(mei.id)!, buttonData(h.fake.lastMessage(mei.id), "fbd:publish:yes")));
    expect(lastText(h, mei.id)).toBe("✅ Thank you! Your comment is on the card.");
    await h.flush();
    expect(lastText(h, alice.id)).toContain("⭐ 5 from Mei:\nDeep, sweet & smoky: the best tea I've had");

    // the card shows the average and the comment, beside its support and Q&A
    await h.send(command(nan, privateChat(nan), "card", String(productId)));
    const final = recent(nan.id);
    expect(final).toContain("👍 4 members support it");
    expect(final).toContain("⭐ 5.0 · 1 rating");
    expect(final).toContain("💬 Mei: Deep, sweet & smoky");
    expect(final).toContain("❓ Mei: Is the tea <really> unsprayed?");
    h.fake.assertNoRejections();
  });
});
