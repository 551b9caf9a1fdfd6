// The co-op's story, step by step. Every step drives the real bot through the
// fake Telegram and checks what people were shown.
import { PNG } from "pngjs";
import { myChatMember } from "../../test/fake-telegram/updates";
import { check } from "./actors";
import { BUY_STORY } from "./story-buy";
import { OPEN_DATA_STORY } from "./story-open-data";
import { IMPORT_STORY } from "./story-import";
import { QUESTION_STORY } from "./story-questions";
import { VOTES_STEP, VOTING_STEP } from "./story-votes";
import { PAID_STEP } from "./story-paid";
import type { Step } from "./story-types";

export type { Step, StoryState } from "./story-types";

/** The recommender's photo of the tea: terraces of green under a pale sky, drawn here (no image files in the repo). */
function teaPhoto(): Buffer {
  const png = new PNG({ width: 480, height: 320 });
  for (let y = 0; y < 320; y++) {
    for (let x = 0; x < 480; x++) {
      const i = (y * 480 + x) * 4;
      const sky = y < 90;
      const terrace = Math.floor((y + Math.sin(x / 40) * 12) / 28) % 2;
      png.data[i] = sky ? 200 : terrace ? 46 : 86;
      png.data[i + 1] = sky ? 225 : terrace ? 125 : 160;
      png.data[i + 2] = sky ? 245 : terrace ? 50 : 70;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

const any = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

export const STORY: Step[] = [
  {
    key: "joins",
    async run(a, c) {
      const { organizer, recommender, group } = c;
      a.transcript.said(organizer.id, group.id, a.transcript.n.addsBot);
      await a.world.send(myChatMember(organizer, group, "left", "administrator"));
      a.transcript.showBot();
      await a.say(organizer, c.chat(organizer), "/start");
      await a.say(recommender, group, c.greeting);
      check(await a.world.db.community.count() === 1, "the group is registered as a community");
    },
  },
  VOTING_STEP,
  {
    key: "recommends",
    async run(a, c) {
      const { recommender: r, product: p } = c;
      const chat = c.chat(r);
      await a.say(r, chat, "/recommend");
      await a.say(r, chat, p.name);
      await a.say(r, chat, p.unit);
      for (const answer of p.producer) await a.say(r, chat, answer);
      for (const tag of p.tags) await a.press(r, r.id, tag);
      await a.press(r, r.id, any("Done", "完成"));
      await a.say(r, chat, p.story);
      for (const lines of p.costs) await a.say(r, chat, lines);
      await a.press(r, r.id, any("Done, on to the price", "完成，设置价格"));
      await a.say(r, chat, p.price);
      // the kinds of the lines: the bot's guesses, one set by the recommender, then confirmed
      a.expectLast(r.id, "the guessed kinds", any("Line kinds", "成本类别"));
      await a.say(r, chat, p.firstLineKind);
      a.expectLast(r.id, "the first line's kind", any("1. Tea leaves ¥28.00 → Producer\n", "1. 茶叶 ¥28.00 → 生产者\n"));
      await a.press(r, r.id, any("All correct", "都对"));
      const kinds = await a.world.db.productDraft.findFirst();
      check(kinds?.payload.includes('"kind":"COMMISSION"'), "the kinds are saved with the draft");
      await a.sendPhoto(r, chat, teaPhoto());
      await a.press(r, r.id, any("Done (1 photos)", "完成（1 张照片）"));
      a.expectLast(r.id, "the preview", any("Preview", "预览"), p.name, ...p.costLabels);
      await a.press(r, r.id, any("Submit for review", "提交审核"));
      check(await a.world.db.productRevision.count({ where: { status: "PENDING_REVIEW" } }) === 1, "the recommendation waits for review");
    },
  },
  VOTES_STEP,
  {
    key: "approves",
    async run(a, c, s) {
      const before = a.count(c.group.id);
      // the poll's close: the community's rule (2 for, at most 1 "not needed") approves it
      a.transcript.note(a.transcript.n.notes.voteCloses);
      const poll = await a.world.db.revisionPoll.findFirstOrThrow();
      a.world.clock.set(poll.closesAt);
      await a.world.tick();
      await a.world.tick();
      a.transcript.showBot();
      const product = await a.world.db.product.findFirst({ where: { status: "APPROVED" }, include: { approvedRevision: true } });
      check(product && product.approvedRevision?.reviewerId === null, "the product is approved by the community's rule, no organizer needed");
      s.productId = product.id;
      a.expectLast(c.organizer.id, "the organizer is told the rule approved it", any("rule", "规则"), any("For 2", "支持 2"));
      const card = a.textsSince(c.group.id, before).find((t) => t.includes(c.product.name)) ?? "";
      check(card.includes(c.lang === "zh" ? "👍 2 位成员支持" : "👍 2 members support it"), "the card says how many members support it", card);
      for (const label of c.product.costLabels) check(card.includes(label), `the card in the group shows the cost line “${label}”`, card);
      check(card.includes("¥50.00"), "the card shows the price", card);
      // one photo: the product's photo above the chart of where the money goes, the card as its caption
      const posted = a.world.fake.messages(c.group.id).slice(before);
      check(posted.length === 1 && posted[0]!.photo && posted[0]!.caption?.includes(c.product.name), "the card is one photo, its text the caption", card);
      const png = posted[0]!.files[0]?.bytes;
      check(png && png.readUInt32BE(20) > 600, "the picture is the photo and the chart, one above the other");
    },
  },
  {
    key: "opens",
    async run(a, c, s) {
      const { recommender: r, buy: b } = c;
      const chat = c.chat(r);
      await a.say(r, chat, "/open");
      await a.press(r, r.id, new RegExp(c.product.name.slice(0, 6)));
      await a.press(r, r.id, { data: "gbo:price:" });
      await a.say(r, chat, b.min);
      await a.press(r, r.id, { data: "gbo:stock:none" });
      await a.press(r, r.id, { data: "gbo:cap:none" });
      await a.say(r, chat, b.deadline);
      await a.say(r, chat, b.pickup);
      await a.say(r, chat, b.commission);
      await a.press(r, r.id, { data: "gbo:confirm:yes" });
      const buy = await a.world.db.groupBuy.findFirst({ where: { productId: s.productId } });
      check(buy?.announcementMessageId, "the buy is open and announced in the group", a.lastText(r.id));
      check(buy.breakdownId, "the buy's breakdown is written with it");
      const post = a.world.fake.message(Number(c.group.id), buy.announcementMessageId!)?.text ?? "";
      check(/🧾 .*¥50\.00 = /.test(post), "the announcement shows the breakdown adding up to the price", post);
      s.buyId = buy.id;
    },
  },
  {
    key: "shares",
    async run(a, c, s) {
      await a.say(c.recommender, c.chat(c.recommender), `/share ${s.buyId}`);
      const link = /\?start=(\S+)/.exec(a.lastText(c.recommender.id))?.[1];
      check(link, "/share gives a link", a.lastText(c.recommender.id));
      s.link = link;
    },
  },
  ...BUY_STORY,
  ...QUESTION_STORY,
  ...OPEN_DATA_STORY,
  ...IMPORT_STORY,
  PAID_STEP,
];
