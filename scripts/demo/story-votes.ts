// The members' say on what the co-op stocks (集体共治): the organizer turns
// voting on in /settings with a rule the neighbours can meet; the submitted
// recommendation goes to the group as its card and a native poll; a few
// members vote; the close (in story.ts's approves step) applies the rule.
import { check } from "./actors";
import type { Step } from "./story-types";

const any = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

/** Before the recommendation: the organizer's /settings, in private. */
export const VOTING_STEP: Step = {
  key: "voting",
  async run(a, c) {
    const o = c.organizer;
    const chat = c.chat(o);
    const { id } = await a.world.db.community.findFirstOrThrow();
    await a.say(o, chat, "/settings");
    a.expectLast(o.id, "the settings menu, voting off", any("Members vote on recommendations: off", "成员投票决定引进：关 "));
    await a.press(o, o.id, { data: `stg:${id}:vote:1` });
    // typed values: the poll's hours, then the rule (at least 2 for it, at most 1 "not needed")
    await a.press(o, o.id, { data: `stg:${id}:ask:votingHours` });
    await a.say(o, chat, "1");
    await a.press(o, o.id, { data: `stg:${id}:ask:autoApprove` });
    await a.say(o, chat, "2 1");
    a.expectLast(o.id, "the rule is set", "✅", "2", "1");
    const row = await a.world.db.community.findUniqueOrThrow({ where: { id } });
    check(row.votingEnabled && row.votingHours === 1 && row.autoApproveSupport === 2 && row.autoApproveMaxObject === 1, "voting is on: a 1-hour poll, approved with 2 for and at most 1 against", `${row.votingEnabled} ${row.votingHours}h ${row.autoApproveSupport}/${row.autoApproveMaxObject}`);
    check((await a.world.db.settingChange.count({ where: { communityId: id } })) === 3, "the three changes are in the settings log");
  },
};

/** After the recommendation: its card and poll in the group, three votes, the organizer's live tally. */
export const VOTES_STEP: Step = {
  key: "votes",
  async run(a, c) {
    const { group, organizer: o } = c;
    a.expectLast(o.id, "the review request, the vote to come", c.product.name, any("vote starts", "成员投票即将"));
    await a.world.tick();
    a.transcript.showBot();
    const row = await a.world.db.revisionPoll.findFirstOrThrow();
    const card = a.world.fake.message(group.id, row.cardMessageId ?? 0)?.text ?? "";
    check(card.includes(c.product.name) && /Members' vote|成员投票/.test(card), "the recommendation's card is in the group, asking for votes", card);
    const poll = a.world.fake.message(group.id, row.pollMessageId ?? 0)?.poll;
    check(poll && !poll.is_anonymous && poll.options.length === 3, "a non-anonymous poll with three options follows it", a.lastText(group.id));
    // neighbours the bot has seen in the group: their votes count
    const [, , carmen, dan, eva] = c.members;
    const lines = c.lang === "zh" ? ["这款茶我喝过，很好！", "支持，价格也公道。", "想先问问产地。"] : ["I've had this tea, it's lovely!", "Yes from me, a fair price too.", "I'd like to ask about the gardens first."];
    for (const [i, who] of [carmen!, dan!, eva!].entries()) await a.say(who, group, lines[i]!);
    await a.vote(carmen!, group.id, poll.id, [0]);
    await a.vote(dan!, group.id, poll.id, [0]);
    await a.vote(eva!, group.id, poll.id, [2]);
    await a.press(o, o.id, any("Refresh the tally", "刷新票数"));
    a.expectLast(o.id, "the organizer's live tally", any("For 2 · Not needed 0 · Questions 1", "支持 2 · 暂不需要 0 · 有疑问 1"));
    check((await a.world.db.pollVote.count({ where: { memberId: { not: null } } })) === 3, "three members' votes are counted");
  },
};
