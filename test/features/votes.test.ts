// Members vote on recommendations, through the bot: the card and poll in the
// group, poll answers counted once per member, the tally for organizers, the
// community's rule at the close, and a veto published in the group.
import { afterEach, describe, expect, it } from "vitest";
import type { Update, User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { updateKey } from "../../src/bot/update-key";
import { lastText, press, recommendAndSubmit, say, setUpCommunity, TEA, type Community } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const HOUR = 3600_000;

async function votingCommunity(rule: { support: number | null; object?: number }, env: Record<string, string> = {}): Promise<Community & { members: User[] }> {
  h = await createHarness({ organizerIds: [900], env });
  const community = await setUpCommunity(h);
  await h.db.community.updateMany({ data: { votingEnabled: true, votingHours: 24, autoApproveSupport: rule.support, autoApproveMaxObject: rule.object ?? 0 } });
  const members = ["Mei", "Nan", "Ola", "Pia", "Qiu"].map((first_name) => user({ first_name, language_code: "en" }));
  for (const m of members) await h.send(textMessage(m, community.group, `hi from ${m.first_name}`));
  return { ...community, members };
}

/** The card and poll posted by the job: the poll's Telegram id. */
async function postedPoll(group: { id: number }): Promise<{ pollId: string; pollMessageId: number }> {
  await h.flush();
  const row = await h.db.revisionPoll.findFirstOrThrow();
  expect(row.telegramPollId).not.toBeNull();
  const message = h.fake.message(group.id, row.pollMessageId!)!;
  return { pollId: message.poll!.id, pollMessageId: message.message_id };
}

async function vote(who: User, pollId: string, options: number[]): Promise<Update[]> {
  const updates = h.fake.answerPoll(who, pollId, options);
  await h.fake.settle();
  return updates;
}

async function tallyInDb(): Promise<{ option: number; memberId: number | null }[]> {
  return h.db.pollVote.findMany({ select: { option: true, memberId: true }, orderBy: { telegramUserId: "asc" } });
}

describe("members vote on recommendations", () => {
  it("posts the card and poll, counts one vote per member (a revote replaces, strangers left out, re-deliveries once) and approves by the rule at the close", async () => {
    const { group, organizer, recommender, members } = await votingCommunity({ support: 3, object: 1 });
    const [mei, nan, ola, pia, qiu] = members as [User, User, User, User, User];
    await recommendAndSubmit(h, recommender, TEA);
    const poll = await h.db.revisionPoll.findFirstOrThrow({ include: { revision: true } });
    expect(poll.closesAt.getTime() - poll.revision.submittedAt.getTime()).toBe(24 * HOUR);
    expect(h.fake.messages(organizer.id).at(-1)?.text).toContain("The members' vote starts in the group shortly");

    const { pollId, pollMessageId } = await postedPoll(group);
    const card = h.fake.message(group.id, poll.cardMessageId ?? (await h.db.revisionPoll.findFirstOrThrow()).cardMessageId!)!;
    // the group reads the community's language (zh)
    expect(card.text).toContain("成员投票：要引进这个产品吗？");
    expect(card.text).toContain("Wild mountain tea");
    expect(card.text).toContain("至少 3 位成员支持、最多 1 位表示暂不需要，就自动通过");
    // nothing to buy yet; a question for the recommender is asked in private
    const ask = card.reply_markup?.inline_keyboard.flat() ?? [];
    expect(ask.map((b) => b.text)).toEqual(["❓ 提问"]);
    expect(ask[0] && "url" in ask[0] ? ask[0].url : "").toContain(`?start=a${poll.revision.productId}`);
    const sent = h.fake.message(group.id, pollMessageId)!;
    expect(sent.poll).toMatchObject({ question: "要引进「Wild mountain tea」吗？", is_anonymous: false, allows_multiple_answers: false });
    expect(sent.poll!.options.map((o) => o.text)).toEqual(["支持引进", "暂不需要", "有疑问"]);
    expect(sent.reply_to_message?.message_id).toBe(card.message_id);
    // the job doesn't post twice
    await h.flush();
    expect(h.fake.callsOf("sendPoll")).toHaveLength(1);

    await vote(mei, pollId, [0]);
    await vote(nan, pollId, [0]);
    const [olaFirst] = await vote(ola, pollId, [1]);
    await vote(ola, pollId, [0]); // changed her mind
    await vote(pia, pollId, [2]);
    const [qiuAnswer] = await vote(qiu, pollId, [1]);
    const stranger = user({ first_name: "Stranger", language_code: "en" });
    await vote(stranger, pollId, [0]);
    // Telegram delivers again: each counted once, the old answer doesn't come back
    await h.send(qiuAnswer!, olaFirst!);
    const votes = await tallyInDb();
    expect(votes).toHaveLength(6);
    expect(votes.filter((v) => v.memberId === null)).toHaveLength(1);

    // the organizer sees the live tally when the request is shown again
    await say(h, organizer, "/review");
    await press(h, organizer, "Wild mountain tea (v1)");
    const request = lastText(h, organizer.id);
    expect(request).toContain("The members are voting until");
    expect(request).toContain("For 3 · Not needed 1 · Questions 1");
    expect(request).toContain("1 more from people never seen in the community, not counted");
    expect(h.fake.lastMessage(organizer.id)?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain("🔄 Refresh the tally");

    // not yet: the poll is open until its close
    h.clock.advance(23 * HOUR);
    await h.flush();
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "PENDING_REVIEW" });

    h.clock.advance(HOUR + 60_000);
    await h.flush();
    expect(h.fake.callsOf("stopPoll")).toHaveLength(1);
    expect(h.fake.poll(pollId)).toMatchObject({ is_closed: true, total_voter_count: 6 });
    expect(await h.db.revisionPoll.findFirstOrThrow()).toMatchObject({ outcome: "APPROVED" });
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "APPROVED", reviewerId: null });
    const published = h.fake.messages(group.id).at(-1)!;
    expect(published.text ?? published.caption).toContain("👍 3 位成员支持");
    expect(published.reply_markup?.inline_keyboard.flat().map((b) => b.text).join()).toMatch(/团购|group buy/i);
    expect(lastText(h, organizer.id)).toContain("approved by Green Street Co-op's rule");
    expect(lastText(h, organizer.id)).toContain("For 3 · Not needed 1 · Questions 1");
    expect(lastText(h, recommender.id)).toContain("was approved");

    // a vote after the close changes nothing; an organizer's button says who approved it
    expect(() => h.fake.answerPoll(mei, pollId, [1])).toThrow(/closed/);
    await press(h, organizer, "Approve");
    expect(lastText(h, organizer.id)).toContain("the members' vote");
  });

  it("keeps it for the organizers when the rule is not met, and publishes a veto's reason in reply to the poll", async () => {
    const { group, organizer, recommender, members } = await votingCommunity({ support: null });
    await recommendAndSubmit(h, recommender, TEA);
    const { pollId, pollMessageId } = await postedPoll(group);
    await vote(members[0]!, pollId, [1]);
    await vote(members[1]!, pollId, [0]);
    await vote(members[1]!, pollId, []); // retracted
    expect(await tallyInDb()).toEqual([{ option: 1, memberId: expect.any(Number) }]);

    await press(h, organizer, "Reject");
    await say(h, organizer, "The producer could not show the certificate they mention.");
    expect(lastText(h, organizer.id)).toContain("was rejected");
    await h.flush();
    const veto = h.fake.messages(group.id).at(-1)!;
    expect(veto.text).toContain("🚫 组织者没有通过「Wild mountain tea」。理由：The producer could not show the certificate they mention.");
    expect(veto.reply_to_message?.message_id).toBe(pollMessageId);
    // the poll ends with the decision
    expect(h.fake.poll(pollId)?.is_closed).toBe(true);
    expect(await h.db.revisionPoll.findFirstOrThrow()).toMatchObject({ outcome: "VETOED" });
    await h.flush();
    expect(h.fake.messages(group.id).filter((m) => m.text?.includes("组织者没有通过"))).toHaveLength(1);
  });

  it("leaves a poll kept for the organizers with its final tally and their buttons", async () => {
    const { group, organizer, recommender, members } = await votingCommunity({ support: 3 });
    await recommendAndSubmit(h, recommender, TEA);
    const { pollId } = await postedPoll(group);
    await vote(members[0]!, pollId, [0]);
    h.clock.advance(25 * HOUR);
    await h.flush();
    expect(await h.db.revisionPoll.findFirstOrThrow()).toMatchObject({ outcome: "KEPT" });
    expect(lastText(h, organizer.id)).toContain("it waits for the organizers' decision");
    expect(lastText(h, organizer.id)).toContain("For 1 · Not needed 0 · Questions 0");
    await press(h, organizer, "Approve");
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "APPROVED" });
    const card = h.fake.messages(group.id).at(-1)!;
    expect(card.text ?? card.caption).toContain("👍 1 位成员支持");
  });

  it("posts an approved card from the product-cards job when the post right after the approval failed", async () => {
    const { group, members, recommender } = await votingCommunity({ support: 1 });
    await recommendAndSubmit(h, recommender, TEA);
    const { pollId } = await postedPoll(group);
    await vote(members[0]!, pollId, [0]);
    h.clock.advance(25 * HOUR);
    // the card's picture, then its text fallback
    h.fake.failNext("sendPhoto", { kind: "error", error_code: 400, description: "Bad Request: injected" });
    h.fake.failNext("sendMessage", { kind: "error", error_code: 400, description: "Bad Request: injected" });
    const before = h.fake.messages(group.id).length;
    // the close approves and its post fails; the card job (the same pass) posts the owed card
    await h.flush();
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "APPROVED", reviewerId: null });
    const cards = h.fake.messages(group.id).slice(before).filter((m) => (m.text ?? m.caption ?? "").includes("位成员支持"));
    expect(cards).toHaveLength(1);
    expect(cards[0]!.text ?? cards[0]!.caption).toContain("👍 1 位成员支持");
    expect((await h.db.product.findFirstOrThrow()).cardMessageId).toBe(cards[0]!.message_id);
    h.clock.advance(6 * 60_000);
    await h.flush();
    expect(h.fake.messages(group.id).slice(before).filter((m) => (m.text ?? m.caption ?? "").includes("位成员支持"))).toHaveLength(1);
  });

  it("does not post again while an earlier claim may still be posting, and says so when it takes a stale one over", async () => {
    const { group, recommender } = await votingCommunity({ support: null }, { LOG_LEVEL: "warn" });
    await recommendAndSubmit(h, recommender, TEA);
    // the claim an instance killed right after sending would leave
    await h.db.revisionPoll.updateMany({ data: { claimedAt: h.clock.now() } });
    await h.flush();
    expect(h.fake.callsOf("sendPoll")).toHaveLength(0);
    h.clock.advance(6 * 60_000);
    await h.flush();
    expect(h.fake.callsOf("sendPoll")).toHaveLength(1);
    expect(h.logs.join("\n")).toContain("an earlier copy may be in the group");
    expect(h.fake.messages(group.id).filter((m) => m.poll)).toHaveLength(1);
  });
});

describe("poll answers' order", () => {
  it("handles a voter's answers in their own lane, in order, like their messages", () => {
    const voter = user({ first_name: "Mei" });
    const answer = { update_id: 7, poll_answer: { poll_id: "1", user: voter, option_ids: [0] } } as Update;
    expect(updateKey(answer)).toBe(`u${voter.id}`);
    expect(updateKey(textMessage(voter, { id: voter.id, type: "private", first_name: "Mei" }, "hi") as Update)).toBe(`u${voter.id}`);
  });
  it("lets a member ask the recommender about a recommendation while it is voted on", async () => {
    const { group, recommender, members } = await votingCommunity({ support: null });
    await recommendAndSubmit(h, recommender, TEA);
    await postedPoll(group);
    const { productId } = await h.db.revisionPoll.findFirstOrThrow({ include: { revision: true } }).then((p) => p.revision);
    const mei = members[0]!;
    await h.send(command(mei, privateChat(mei), "start", `a${productId}`));
    expect(lastText(h, mei.id)).toContain("What would you like to ask");
    await say(h, mei, "Are the leaves picked by hand?");
    const question = await h.db.question.findFirstOrThrow();
    expect(question).toMatchObject({ productId, text: "Are the leaves picked by hand?", recommenderId: (await h.db.product.findFirstOrThrow()).recommenderId });
    await h.flush();
    expect(lastText(h, recommender.id)).toContain("Are the leaves picked by hand?");
    // once the vote is over and the recommendation is not in force, it is not open to questions
    await h.db.revisionPoll.updateMany({ data: { closedAt: h.clock.now(), outcome: "WITHDRAWN" } });
    await h.send(command(mei, privateChat(mei), "start", `a${productId}`));
    expect(lastText(h, mei.id)).not.toContain("What would you like to ask");
  });
});
