// The second half of the story: members join, the deadline passes, the
// organizer exports the orders and pays the recommender (both in private:
// money is nobody else's business), the recommender sees her earnings and the
// organizer the ledger, entry by entry.
import { Ledger } from "../../src/db/ledger";
import { check, type Actors } from "./actors";
import type { Cast } from "./cast";
import type { Step, StoryState } from "./story-types";

const MINUTE = 60_000;

/** The buy's announcement as the group sees it now. */
async function announcement(a: Actors, c: Cast, s: StoryState): Promise<string> {
  const buy = await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } });
  return a.world.fake.message(c.group.id, buy.announcementMessageId!)?.text ?? "";
}

export const BUY_STORY: Step[] = [
  {
    key: "members",
    async run(a, c, s) {
      const [amy, ben, carmen, dan, eva, frank] = c.members as [typeof c.organizer, ...typeof c.members];
      for (const who of [amy, ben!]) {
        await a.openLink(who, c.chat(who), s.link!);
        await a.press(who, who.id, { data: "gbadd:" });
      }
      // Amy would like three jars after all: she types the number under the buy
      await a.say(amy, c.chat(amy), "3");
      a.expectLast(amy.id, "a typed quantity is answered in one line", `#${s.buyId}`, "3");
      // Carmen picks hers from the group: 🔢 opens the private chat on the quantity buttons, then one tap
      await a.press(carmen!, c.group.id, { data: "gbqty:" });
      await a.openLink(carmen!, c.chat(carmen!), `q${s.buyId}`);
      await a.press(carmen!, carmen!.id, { data: `gbset:${s.buyId}:1` });
      for (const who of [dan!, dan!, eva!, frank!]) await a.press(who, c.group.id, { data: "gbadd:" });
      await a.press(frank!, c.group.id, { data: "gbcancel:" });
      // the announcement is edited at most every few seconds per group: let that pass
      a.transcript.note(a.transcript.n.notes.catchUp);
      a.world.clock.advance(3_100);
      await a.world.tick();
      a.transcript.showBot();
      const text = await announcement(a, c, s);
      check(/[(（]5[ )）人]/.test(text), "the roster in the group shows 5 members", text);
      for (const who of [amy, ben!, carmen!, dan!, eva!]) check(text.includes(who.first_name), `${who.first_name} is in the roster`, text);
      check(!text.includes(frank!.first_name), `${frank!.first_name} (cancelled) is not in the roster`, text);
      check(/\b8\/6\b/.test(text), "the progress shows 8 of the 6 needed", text);
    },
  },
  {
    key: "deadline",
    async run(a, c, s) {
      const buy = await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } });
      const before = a.count(c.group.id);
      // exactly the community's 1-hour reminder moment: the bot sends it when that moment has come
      a.transcript.note(a.transcript.n.notes.hourBefore);
      a.world.clock.set(new Date(buy.deadlineAt.getTime() - 60 * MINUTE));
      await a.world.tick();
      await a.world.tick();
      a.transcript.showBot();
      const reminder = a.textsSince(c.group.id, before).find((t) => t.startsWith("⏰")) ?? "";
      check(/\b1 ?(h|小时)/.test(reminder), "the group is reminded one hour before the deadline", reminder || a.lastText(c.group.id));
      // a buy closes when its deadline has come (not only once it is past)
      a.transcript.note(a.transcript.n.notes.deadlineComes);
      a.world.clock.set(buy.deadlineAt);
      await a.world.tick();
      await a.world.tick();
      a.transcript.showBot();
      const closed = await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } });
      check(closed.status === "SUCCEEDED", `the buy went ahead (status ${closed.status})`);
      for (const who of c.members.slice(0, 5)) check(a.lastText(who.id).startsWith("✅"), `${who.first_name} is told privately that the buy goes ahead`, a.lastText(who.id));
      check(a.lastText(c.recommender.id).includes("¥20.00"), "the recommender hears what the buy earned them", a.lastText(c.recommender.id));
    },
  },
  {
    key: "statement",
    async run(a, c, s) {
      // the close's notices go first; the statement follows at the group's pace (a message every 3 s)
      const statementText = async () => {
        const buy = await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } });
        const m = buy.statementMessageId === null ? undefined : a.world.fake.message(c.group.id, buy.statementMessageId);
        return m?.caption ?? m?.text ?? "";
      };
      for (let i = 0; i < 4 && (await statementText()) === ""; i++) {
        a.world.clock.advance(3_100);
        await a.world.tick();
      }
      a.transcript.showBot();
      const posted = await statementText();
      check(posted.includes("合计 = 收入 ✓") || posted.includes("Total = revenue ✓"), "the statement in the group says its parts add up to the revenue", posted);
      check(posted.includes("¥400.00"), "the statement's revenue is the 8 jars, ¥400.00", posted);
      // one photo: the chart of where the revenue went, the statement its caption
      const photo = a.world.fake.message(c.group.id, (await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } })).statementMessageId!);
      const png = photo?.files[0]?.bytes;
      check(photo?.photo && png && png.toString("latin1", 12, 16) === "IHDR" && png.readUInt32BE(16) === 800, "the statement is a photo of its chart (an 800-wide PNG) captioned with it", posted);
      // Amy pays: the statement is edited (collected moves), not posted again
      a.transcript.note(a.transcript.n.notes.paymentEdits);
      const groupSaw = a.count(c.group.id);
      await a.say(c.organizer, c.chat(c.organizer), `/paid ${s.buyId} 1`);
      a.world.clock.advance(10_100);
      await a.world.tick();
      a.transcript.showBot();
      const edited = await statementText();
      check(edited !== posted && edited.includes("¥150.00"), "the statement is edited: Amy's ¥150.00 collected", edited);
      check(a.count(c.group.id) === groupSaw, "the payment edits the statement, nothing new is posted in the group", a.lastText(c.group.id));
    },
  },
  {
    key: "exports",
    async run(a, c, s) {
      await a.say(c.organizer, c.chat(c.organizer), `/export ${s.buyId}`);
      const doc = a.world.fake.lastMessage(c.organizer.id);
      const bytes = doc?.files[0]?.bytes;
      check(doc?.document && bytes, "the organizer gets the orders as a document", a.lastText(c.organizer.id));
      const lines = bytes.toString("utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
      a.transcript.preview(lines);
      check(lines.length === 1 + 6, `the CSV has a header and 6 orders (has ${lines.length - 1})`, lines.join("\n"));
      const row = (name: string) => lines.find((l) => l.split(",")[1] === name) ?? "";
      // the states are words in the organizer's language, as the bot's locales say them
      const word = (key: string) => a.world.services.i18n.t(c.lang, key);
      const [active, cancelled, viaLink] = ["gba-csv-order-ACTIVE", "gba-csv-order-CANCELLED", "gba-csv-attribution-LINK"].map(word);
      check(row(c.members[0]!.first_name).includes(`,3,50.00,150.00,CNY,${active},`), "the CSV shows Amy's 3 jars", row(c.members[0]!.first_name));
      check(row(c.members[5]!.first_name).includes(`,${cancelled},`), "the CSV shows the cancelled order", row(c.members[5]!.first_name));
      check(lines.filter((l) => l.includes(`,${viaLink},`)).length === 2, "two orders came through the recommender's link", lines.join("\n"));
    },
  },
  {
    key: "pickup",
    async run(a, c, s) {
      const buy = await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } });
      const amy = c.members[0]!;
      // her going-ahead notice is the QR of her pickup code, the code in its caption too
      const notice = a.world.fake.lastMessage(amy.id);
      const code = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(notice?.caption ?? "")?.[0];
      check(notice?.photo && code, "Amy's notice is a photo (the QR) with her pickup code", a.lastText(amy.id));
      a.transcript.note(a.transcript.n.notes.pickupDay);
      a.world.clock.set(new Date(buy.deadlineAt.getTime() + 20 * 60 * MINUTE));
      await a.say(c.organizer, c.chat(c.organizer), `/pickup ${s.buyId}`);
      a.expectLast(c.organizer.id, "the list of who is still to come", amy.first_name, "5");
      await a.say(c.organizer, c.chat(c.organizer), code.toLowerCase());
      a.expectLast(c.organizer.id, "the code is verified: Amy's 3 jars", "✅", amy.first_name, "3");
      await a.say(c.organizer, c.chat(c.organizer), code);
      a.expectLast(c.organizer.id, "the same code again says already picked up", "⚠️", amy.first_name);
      const order = await a.world.db.order.findFirstOrThrow({ where: { groupBuyId: s.buyId!, pickupCode: code.replace("-", "") } });
      check(order.pickupStatus === "PICKED_UP" && order.pickedUpById !== null, "the order is marked picked up, with who", JSON.stringify(order.pickupStatus));
    },
  },
  {
    key: "pays",
    async run(a, c, s) {
      // the day after the deadline is pickup day; the organizer settles with the recommender afterwards
      const buy = await a.world.db.groupBuy.findUniqueOrThrow({ where: { id: s.buyId! } });
      a.transcript.note(a.transcript.n.notes.afterPickup);
      a.world.clock.set(new Date(buy.deadlineAt.getTime() + 26 * 60 * MINUTE));
      const groupSaw = a.count(c.group.id);
      await a.say(c.organizer, c.chat(c.organizer), "/payout @lily_tea 15");
      a.expectLast(c.organizer.id, "the payout asks for confirmation", "¥15.00", "¥20.00", "¥5.00");
      await a.press(c.organizer, c.organizer.id, { data: "lpay:" });
      await a.world.tick();
      a.transcript.showBot();
      a.expectLast(c.recommender.id, "the recommender is told of the payout", "¥15.00", "¥5.00");
      check(a.count(c.group.id) === groupSaw, "nothing about the payout is posted in the group", a.lastText(c.group.id));
    },
  },
  {
    key: "earnings",
    async run(a, c) {
      await a.say(c.recommender, c.chat(c.recommender), "/earnings");
      a.expectLast(c.recommender.id, "the earnings", "¥20.00", "¥15.00", "¥5.00");
    },
  },
  {
    key: "ledger",
    async run(a, c) {
      await a.say(c.organizer, c.chat(c.organizer), "/ledger");
      const text = a.lastText(c.organizer.id);
      check(text.split("\n").filter((l) => l.includes("+¥")).length === 5, "the ledger shows the 5 commissions earned", text);
      a.expectLast(c.organizer.id, "the ledger", "-¥15.00", "✅");
      const community = await a.world.db.community.findFirstOrThrow();
      const problems = await new Ledger(a.world.db, a.world.clock).verify(community.id);
      check(problems.length === 0, "every ledger balance equals the sum of its entries", problems.join("\n"));
    },
  },
  {
    key: "monthBooks",
    async run(a, c) {
      const amy = c.members[0]!;
      await a.say(amy, c.group, "/books month");
      const month = a.lastText(c.group.id);
      check(month.includes("¥400.00") && month.includes("¥20.00"), "the month's books: ¥400.00 of revenue, ¥20.00 of co-op fee income", month);
      check(!month.includes(amy.first_name), "the month's books name no member", month);
      await a.say(c.organizer, c.group, "/settings patronage 20%");
      a.expectLast(c.group.id, "the patronage share is set", "20%");
      await a.say(amy, c.chat(amy), "/my_books");
      // a fifth of ¥20.00 is ¥4.00; Amy bought ¥150.00 of the ¥400.00: ¥1.50
      a.expectLast(amy.id, "Amy's purchases and her patronage preview", "¥150.00", "¥4.00", "¥1.50");
    },
  },
];
