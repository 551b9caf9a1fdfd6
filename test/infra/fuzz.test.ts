import { afterEach, describe, expect, it } from "vitest";
import type { Chat, Message, Update, User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { announcement, createApprovedProduct, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import {
  callbackQuery, channel, channelPost, command, editedMessage, myChatMember, photoMessage, pollMessage, privateChat, sticker, supergroup, textMessage, user,
} from "../fake-telegram/updates";
import { auditLedger } from "../../src/db/ledger-audit";
import { mulberry32 } from "../helpers/ledger-fixtures";

// A few thousand random and malformed updates — hostile texts, forged and
// stale buttons, kinds the bot doesn't handle — then: the bot still answers,
// nothing crashed a handler, and the database is consistent.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NASTY_TEXTS = [
  "", " ", "<b>bold</b> & <i>unclosed", "<script>alert(1)</script>", "💥".repeat(3000), "a".repeat(5000),
  "مرحبا بالعالم \u202Eevil\u202C", "\u0000\u0001\u0002", "12.345", "-5", "1e9", "NaN", "９９９", "¥¥¥", "@", "%s%n", "../../etc/passwd",
  "DROP TABLE \"Order\";", "+3d", "明天 20:00", "2020-01-01 00:00", "/cancel", "/start", "/start b1", "/start b999999", "/start b1_abcd_!!!!!!!!!!",
  "/start p1", "/start o1", "/start open", "/start " + "x".repeat(80), "/close", "/close 1", "/close abc", "/close 99999999999999999999",
  "/extend 1 yesterday", "/cancel_buy 1", "/orders 1", "/export 1", "/paid 1 @nobody", "/picked_up", "/payout @x -5", "/payout @x 1e9",
  "/earnings @<b>", "/share 1", "/share -1", "/recommend", "/products", "/my_products", "/my_orders", "/buys", "/open", "/language",
  "/help@letscoop_test_bot", "/help@other_bot", "/ledger", "/export_ledger", "/self_referral maybe", "/recommenders", "/review",
  "/add_organizer 0", "/remove_organizer @@@", "/organizers",
];

const PREFIXES = ["gbadd", "gbaord", "gbapay", "gbapick", "gbarf", "gbarfy", "gbcancel", "gbmine", "gbo", "gbopen", "gbqty", "gbset", "gbshare", "gbview", "lang", "lpay", "lpayask", "lpayno", "prdo", "prdpg", "reccont", "recdrop", "recdropok", "recedit", "recgo", "recsub", "rv", "zz"];
const VALUES = ["1", "2", "0", "-1", "999999", "abc", "", "1:1", "yes", "no", "a", "en", "zh", "fr", "4294967296", "1.5"];

describe("fuzz: random and malformed updates", () => {
  it("survives 2,000 hostile updates with a consistent database", async () => {
    const random = mulberry32(20261122); // seeded: a failing run can be replayed
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const boss = user({ id: 7000, first_name: "Boss", language_code: "en" });
    // Telegram would accept everything the bot sends, but for the harmless answers
    // forged buttons provoke: edits of made-up or already-edited messages, and
    // answers to stale queries (checked when the harness closes)
    h = await createHarness({
      organizerIds: [boss.id],
      env: { LOG_LEVEL: "error" },
      allowRejections: (c) => /message is not modified|query is too old|query ID is invalid|message to edit not found/i.test(c.response.description ?? ""),
    });
    const { group } = await setupCommunity(h, boss);
    const rita = user({ first_name: "Rita <i>", language_code: "zh" });
    const { productId } = await createApprovedProduct(h, { communityId: (await h.db.community.findFirstOrThrow()).id, recommender: rita });
    const buyId = await openBuy(h, boss, productId, { min: "5", stock: "30", memberCap: "4", deadline: "2026-12-05 20:00" });
    const otherGroup = supergroup({ title: "Another co-op" });
    const people: User[] = [boss, rita, ...members(25, "Fuzzy"), user({ first_name: "\u202Eevil", last_name: "<b>", language_code: "ar" })];
    const chats = (u: User): Chat[] => [privateChat(u), group, otherGroup];
    const sent: Message[] = [];

    const randomUpdate = (): Update => {
      const who = pick(people);
      const chat = pick(chats(who));
      const roll = random();
      if (roll < 0.35) return textMessage(who, chat, pick(NASTY_TEXTS));
      if (roll < 0.7) {
        // a button: forged data on a real or made-up message
        const target = sent.length > 0 && random() < 0.8 ? pick(sent) : ({ message_id: 1 + Math.floor(random() * 50), chat, date: 0 } as Message);
        const parts = [pick(PREFIXES), ...Array.from({ length: Math.floor(random() * 3) }, () => pick(VALUES))];
        return callbackQuery(who, target, random() < 0.5 ? `gbadd:${buyId}` : parts.join(":").slice(0, 64));
      }
      if (roll < 0.75) return editedMessage(textMessage(who, chat, "first"), pick(NASTY_TEXTS) || "x");
      if (roll < 0.8) return channelPost(channel({ title: "news" }), pick(NASTY_TEXTS) || "x");
      if (roll < 0.85) return sticker(who, chat);
      if (roll < 0.88) return pollMessage(who, chat);
      if (roll < 0.92) return photoMessage(who, chat, { caption: pick(NASTY_TEXTS) });
      if (roll < 0.95) return myChatMember(who, otherGroup, pick(["member", "left"] as const), pick(["member", "administrator", "left", "kicked"] as const));
      return command(who, pick(chats(who)), pick(["start", "help", "products", "buys"]), pick(VALUES));
    };

    for (let batch = 0; batch < 20; batch++) {
      for (let i = 0; i < 100; i++) h.fake.pushUpdate(randomUpdate());
      await h.fake.settle(60_000);
      // collect messages the bot sent so later buttons press real ones
      for (const c of [group.id, otherGroup.id, ...people.map((p) => p.id)]) sent.push(...h.fake.messages(c).slice(-3));
      if (batch % 5 === 4) await h.flush();
    }

    // Nothing crashed a handler.
    const failures = h.logs.filter((l) => l.includes('"handler failed"') || l.includes('"update failed"'));
    expect(failures.length, failures.slice(0, 2).join("\n").slice(0, 3000)).toBe(0);

    // The bot still answers.
    const fresh = user({ language_code: "en" });
    await h.send(command(fresh, privateChat(fresh), "start"));
    expect(h.fake.lastMessage(fresh.id)!.text).toContain("Let's CO-OP!");

    // The database is consistent: the buy's counters match its orders, caps hold.
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    const active = await h.db.order.findMany({ where: { groupBuyId: buyId, status: "ACTIVE" } });
    expect(buy.totalQty).toBe(active.reduce((sum, o) => sum + o.quantity, 0));
    expect(buy.orderCount).toBe(active.length);
    expect(buy.totalQty).toBeLessThanOrEqual(30);
    for (const o of active) {
      expect(o.quantity).toBeGreaterThan(0);
      expect(o.quantity).toBeLessThanOrEqual(4);
      expect(o.amountFen).toBe(o.quantity * o.unitPriceFen);
    }
    for (const c of await h.db.community.findMany()) expect(await auditLedger(h.db, c.id)).toEqual([]);
  }, 180_000);
});

describe("fuzz: random callback queries on real bot messages", () => {
  it("answers 2,000 forged, mutated and random presses, and every announcement keeps its own buy and buttons", async () => {
    const random = mulberry32(20261203);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const boss = user({ id: 7001, first_name: "Boss", language_code: "en" });
    // a real language button pressed twice in one batch edits its message to the same text: harmless
    const harness = await createHarness({ organizerIds: [boss.id], env: { LOG_LEVEL: "error" }, allowRejections: (c) => /message is not modified/.test(c.response.description ?? "") });
    h = harness;
    const { communityId } = await setupCommunity(harness, boss);
    const rita = user({ first_name: "Rita", language_code: "en" });
    const a = await createApprovedProduct(harness, { communityId, recommender: rita, name: "Rice" });
    const b = await createApprovedProduct(harness, { communityId, recommender: rita, name: "Tea" });
    const buys = [
      { id: await openBuy(harness, boss, a.productId, { min: "50", deadline: "2026-12-20 20:00" }), name: "Rice" },
      { id: await openBuy(harness, boss, b.productId, { min: "50", deadline: "2026-12-20 20:00" }), name: "Tea" },
    ];
    const people = members(8, "Presser");
    for (const p of people) await harness.send(command(p, privateChat(p), "start"), command(p, privateChat(p), "language"));
    const privateMessages = people.flatMap((p) => harness.fake.messages(p.id));
    const bossMessages = harness.fake.messages(boss.id);
    const allData = [...privateMessages, ...bossMessages, ...(await Promise.all(buys.map((x) => announcement(harness, x.id))))]
      .flatMap((m) => m.reply_markup?.inline_keyboard.flat() ?? [])
      .flatMap((btn) => ("callback_data" in btn ? [btn.callback_data] : []));
    const mutate = (d: string) => {
      const i = Math.floor(random() * d.length);
      return random() < 0.5 ? d.slice(0, i) + String(Math.floor(random() * 10)) + d.slice(i + 1) : d + ":" + Math.floor(random() * 100);
    };
    const randomBytes = () => Array.from({ length: 1 + Math.floor(random() * 30) }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join("");

    const ids: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const updates: Update[] = [];
      for (let i = 0; i < 100; i++) {
        const who = pick(people);
        const onGroup = random() < 0.6;
        const message = onGroup ? await announcement(harness, pick(buys).id) : pick(harness.fake.messages(who.id));
        const roll = random();
        const data = roll < 0.4 ? pick(allData) : roll < 0.8 ? mutate(pick(allData)) : randomBytes();
        const update = callbackQuery(who, message, data.slice(0, 64) || "x");
        ids.push(update.callback_query!.id);
        updates.push(update);
      }
      await harness.send(...updates);
    }

    // every query was answered
    expect(ids.filter((id) => harness.fake.callbackAnswer(id) === undefined)).toEqual([]);
    // every announcement still shows its own buy: its text, and only its own buttons
    for (const buy of buys) {
      const post = await announcement(harness, buy.id);
      expect(post.text).toContain(buy.name);
      const data = (post.reply_markup?.inline_keyboard.flat() ?? []).flatMap((btn) => ("callback_data" in btn ? [btn.callback_data] : []));
      expect(data.length).toBeGreaterThan(0);
      for (const d of data) expect(d).toMatch(new RegExp(`^gb[a-z]+:${buy.id}$`));
    }
    // the orders are only what real +1 / cancel presses did: counters match, nobody outside the pressers ordered
    for (const buy of buys) {
      const row = await harness.db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } });
      const active = await harness.db.order.findMany({ where: { groupBuyId: buy.id, status: "ACTIVE" } });
      expect(row.totalQty).toBe(active.reduce((sum, o) => sum + o.quantity, 0));
    }
    expect(await harness.db.ledgerEntry.count()).toBe(0); // (drafts may start: /start's "Recommend" is a real button of their own)
  }, 300_000);
});
