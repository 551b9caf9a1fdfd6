// Paid broadcasts: a big co-op's close reaches everyone in seconds if it pays
// Telegram 0.1 ⭐ a message. The organizer turns it on in /settings, a second
// buy of the tea is opened and three neighbours join, and /close shows what
// the notices will cost (how many, how long, the Stars) before she confirms.
import { check } from "./actors";
import type { Step } from "./story-types";

const any = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

export const PAID_STEP: Step = {
  key: "paidClose",
  async run(a, c) {
    const { organizer: o, recommender: r, group } = c;
    const { id } = await a.world.db.community.findFirstOrThrow();
    await a.say(o, c.chat(o), "/settings");
    a.expectLast(o.id, "the settings menu, paid broadcasts off", any("instead of 30): off", "而非 30 条）：关"));
    await a.press(o, o.id, { data: `stg:${id}:paid:1` });
    a.expectLast(o.id, "paid broadcasts on", any("instead of 30): on", "而非 30 条）：开"));
    const change = await a.world.db.settingChange.findFirst({ where: { communityId: id, key: "paidBroadcast" } });
    check(change?.newValue === "on", "the change is in the settings log");
    // a second buy of the tea (at least 1 jar), three neighbours join from the group
    const chat = c.chat(r);
    await a.say(r, chat, "/open");
    await a.press(r, r.id, new RegExp(c.product.name.slice(0, 6)));
    await a.press(r, r.id, { data: "gbo:price:" });
    await a.say(r, chat, "1");
    await a.press(r, r.id, { data: "gbo:stock:none" });
    await a.press(r, r.id, { data: "gbo:cap:none" });
    await a.say(r, chat, c.buy.deadline);
    await a.say(r, chat, c.buy.pickup);
    await a.say(r, chat, c.buy.commission);
    await a.press(r, r.id, { data: "gbo:confirm:yes" });
    const buy = await a.world.db.groupBuy.findFirstOrThrow({ where: { status: "OPEN" }, orderBy: { id: "desc" } });
    const joiners = c.members.slice(0, 3);
    for (const who of joiners) await a.press(who, group.id, { data: "gbadd:" });
    // /close: the estimate first; nothing is closed or spent yet
    await a.say(o, group, `/close ${buy.id}`);
    a.expectLast(group.id, "the estimate: 3 notices, their time, 0.3 ⭐", `#${buy.id}`, any("3 notices", "3 条通知"), any("about 1 s", "约 1 秒"), "0.3 ⭐");
    check((await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).status === "OPEN", "the buy stays open until she confirms");
    await a.press(o, group.id, { data: "gbaclose:" });
    await a.world.tick();
    a.transcript.showBot();
    check((await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).status === "SUCCEEDED", "the buy is closed and goes ahead");
    for (const who of joiners) {
      const notices = a.world.fake.messages(who.id).filter((m) => (m.caption ?? "").includes(`#${buy.id}`));
      check(notices.length === 1, `${who.first_name} gets her notice once`, a.lastText(who.id));
    }
    const paid = a.world.fake.calls.filter((call) => call.response.ok && call.params.allow_paid_broadcast === true);
    check(paid.length === 3 && a.world.fake.paidMessages === 3, `the 3 notices went as paid broadcasts (${a.world.fake.paidMessages})`);
    check(a.world.fake.starsSpent === 0.3, `0.3 ⭐ came out of the bot's balance (${a.world.fake.starsSpent})`);
  },
};
