// A member asks the recommender about the product (共学): from the announcement's ❓,
// answered in private, published by both, shown on /card and posted in the group.
import { check } from "./actors";
import type { Step } from "./story-types";

const any = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

export const QUESTION_STORY: Step[] = [
  {
    key: "asks",
    async run(a, c, s) {
      const { recommender: r, group } = c;
      const asker = c.members[1]!;
      const buy = await a.world.db.groupBuy.findFirstOrThrow({ where: { id: s.buyId } });
      const link = a.world.fake.message(Number(group.id), buy.announcementMessageId!)?.reply_markup?.inline_keyboard.flat().find((b) => "url" in b && b.url.includes("?start=a"));
      check(link && "url" in link, "the announcement has a ❓ link to the private chat");
      await a.openLink(asker, c.chat(asker), `a${s.productId}`);
      await a.say(asker, c.chat(asker), c.lang === "zh" ? "茶树真的没打过农药吗？" : "Are the tea trees really never sprayed?");
      await a.world.tick();
      await a.press(r, r.id, any("Answer", "回答"));
      await a.say(r, c.chat(r), c.lang === "zh" ? "是的：茶农合作社不用农药，我去过茶园。" : "Yes: the growers' co-op uses no pesticides; I have been to the gardens.");
      await a.press(r, r.id, any("📢 Publish", "📢 公开"));
      await a.world.tick();
      await a.press(asker, asker.id, any("Publish my question", "公开我的问题"));
      await a.say(asker, c.chat(asker), `/card ${s.productId}`);
      check(/Public Q&A|公开问答/.test(a.lastText(asker.id)), "/card shows the public Q&A", a.lastText(asker.id));
      a.world.clock.advance(60_000);
      await a.world.tick();
      a.transcript.showBot();
      const posted = a.world.fake.messages(Number(group.id)).some((m) => m.text?.includes("新问答") || m.text?.includes("New Q&A"));
      check(posted, "the group gets a short 新问答 post");
    },
  },
];
