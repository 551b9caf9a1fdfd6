import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chat, Update, User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { announcement, buttonData, buttons, createApprovedProduct, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { dumpTables } from "../helpers/db-dump";
import { mulberry32 } from "../helpers/ledger-fixtures";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { callbackKinds, type ButtonAudience, type ButtonChat } from "../../src/bot/callback-data";

// Every kind of callback data the bot knows, pressed where it doesn't count:
// on a real bot message that doesn't carry it, in a chat its buttons are never
// shown in, by someone it isn't for, and as random bytes. Each press is
// answered with a short refusal, and no message and no row changes.
//
// A kind added to the registry without a row here fails the first test: say
// where its buttons are shown, who they are for, and data that would act.

type Ids = { buyA: number; buyB: number; productA: number; productB: number; orderId: number; communityId: number; ritaId: number; revisionA: number };
type Row = { chats: readonly ButtonChat[]; audience: ButtonAudience; sample: (ids: Ids) => string };

const inBuy = { chats: ["group", "private"], audience: "member" } as const;
const privateMember = { chats: ["private"], audience: "member" } as const;
const privateOrganizer = { chats: ["private"], audience: "organizer" } as const;

/** Data that names real rows (another buy than the announcement's, a real order…), so a missing guard shows. */
const TABLE: Record<string, Row> = {
  gbadd: { ...inBuy, sample: (i) => `gbadd:${i.buyB}` },
  gbqty: { ...inBuy, sample: (i) => `gbqty:${i.buyB}` },
  gbcancel: { ...inBuy, sample: (i) => `gbcancel:${i.buyB}` },
  gbmine: { ...inBuy, sample: (i) => `gbmine:${i.buyB}` },
  gbshare: { ...inBuy, sample: (i) => `gbshare:${i.buyB}` },
  gbopen: { ...inBuy, sample: (i) => `gbopen:${i.productB}` },
  gbset: { ...privateMember, sample: (i) => `gbset:${i.buyB}:2` },
  gbview: { ...privateMember, sample: (i) => `gbview:${i.buyB}` },
  gbo: { ...privateMember, sample: () => "gbo:confirm:yes" },
  gbaord: { ...privateOrganizer, sample: (i) => `gbaord:${i.buyA}:0` },
  gbapay: { ...privateOrganizer, sample: (i) => `gbapay:${i.orderId}:0:1` },
  gbapick: { ...privateOrganizer, sample: (i) => `gbapick:${i.orderId}:0:1` },
  gbarf: { ...privateOrganizer, sample: (i) => `gbarf:${i.orderId}:0` },
  gbarfy: { ...privateOrganizer, sample: (i) => `gbarfy:${i.orderId}:0` },
  // a paid close's confirmation (/close in the group or in private): it would close buy A
  gbaclose: { chats: ["group", "private"], audience: "organizer", sample: (i) => `gbaclose:${i.buyA}` },
  lpayask: { ...privateOrganizer, sample: (i) => `lpayask:${i.communityId}:${i.ritaId}` },
  lpay: { ...privateOrganizer, sample: (i) => `lpay:${i.communityId}:${i.ritaId}:100` },
  lpayno: { ...privateOrganizer, sample: () => "lpayno:0" },
  rv: { ...privateOrganizer, sample: (i) => `rv:a:${i.revisionA}` },
  prdo: { ...privateMember, sample: (i) => `prdo:${i.productA}` },
  prdpg: { chats: ["group", "private"], audience: "member", sample: () => "prdpg:0:0" },
  // /products by tag: the tag buttons and a filtered page
  prdtags: { chats: ["group", "private"], audience: "member", sample: () => "prdtags:0" },
  prdtag: { chats: ["group", "private"], audience: "member", sample: () => "prdtag:0:3:0" },
  // the /settings menu (organizers, group or private) and its typed-value dialog's Cancel
  stg: { chats: ["group", "private"], audience: "organizer", sample: (i) => `stg:${i.communityId}:vote:1` },
  stgd: { ...privateMember, sample: () => "stgd:reminders:cancel" },
  rec_start: { ...privateMember, sample: () => "rec_start" },
  rec_fresh: { ...privateMember, sample: () => "rec_fresh" },
  reccont: { ...privateMember, sample: () => "reccont:1" },
  recsub: { ...privateMember, sample: () => "recsub:1" },
  recdrop: { ...privateMember, sample: () => "recdrop:1" },
  recdropok: { ...privateMember, sample: () => "recdropok:1" },
  recedit: { ...privateMember, sample: (i) => `recedit:${i.productA}` },
  recgo: { ...privateMember, sample: () => "recgo:1:name" },
  rw: { ...privateMember, sample: () => "rw:n:cancel" },
  lang: { ...privateMember, sample: () => "lang:zh" },
  lang_menu: { ...privateMember, sample: () => "lang_menu" },
  community: { ...privateOrganizer, sample: () => "community:1:approve" },
  cpick: { ...privateOrganizer, sample: (i) => `cpick:${i.communityId}:0123456789ab` },
  // period books: the CSV for organizers (shown under /books in the group or in private), a member's community pick
  pbcsv: { chats: ["group", "private"], audience: "organizer", sample: (i) => `pbcsv:${i.communityId}:2026-11` },
  pbpick: { ...privateMember, sample: (i) => `pbpick:${i.communityId}:b:2026-11` },
  // pickup by code: helpers are not organizers, so "member" buttons whose handlers check who may verify
  pkpage: { ...privateMember, sample: (i) => `pkpage:${i.buyA}:0` },
  pkmark: { ...privateMember, sample: (i) => `pkmark:${i.orderId}:0` },
  pkmine: { ...privateMember, sample: (i) => `pkmine:${i.buyA}` },
  // feedback after pickup: the member's own prompt (stars, Skip) and comment dialog
  fbr: { ...privateMember, sample: () => "fbr:1:3" },
  fbd: { ...privateMember, sample: () => "fbd:comment:skip" },
  // questions to the recommender: ❓ on a card (both chats), Answer and publish in private (their handlers check whose)
  qask: { chats: ["group", "private"], audience: "member", sample: (i) => `qask:${i.productB}` },
  qans: { ...privateMember, sample: () => "qans:1" },
  qpub: { ...privateMember, sample: () => "qpub:1:a:1" },
};

const STALE = "This button is no longer valid.";
const NOT_HERE = "This button is not for here.";
const NOT_YOURS = "This button is not for you.";

let h: Harness;
let ids: Ids;
let group: Chat.SupergroupChat;
const boss = user({ id: 7100, first_name: "Boss", language_code: "en" });
const mia = user({ first_name: "Mia", language_code: "en" });
const sam = user({ first_name: "Sam", language_code: "en" });
/** per person: bot messages in their private chat (the /start and /language replies) */
const privateMessages = new Map<number, FakeMessage[]>();

beforeAll(async () => {
  h = await createHarness({ organizerIds: [boss.id] });
  ({ group } = await setupCommunity(h, boss));
  const communityId = (await h.db.community.findFirstOrThrow()).id;
  const rita = user({ first_name: "Rita", language_code: "en" });
  const a = await createApprovedProduct(h, { communityId, recommender: rita, name: "Rice" });
  const b = await createApprovedProduct(h, { communityId, recommender: rita, name: "Tea" });
  const buyA = await openBuy(h, boss, a.productId, { min: "2", deadline: "2026-12-20 20:00" });
  const buyB = await openBuy(h, boss, b.productId, { min: "2", deadline: "2026-12-20 20:00" });
  for (const who of [boss, mia, sam, rita]) {
    await h.send(textMessage(who, group, "hello"), command(who, privateChat(who), "start"));
    const start = h.fake.lastMessage(who.id)!;
    await h.send(command(who, privateChat(who), "language"));
    privateMessages.set(who.id, [start, h.fake.lastMessage(who.id)!]);
  }
  const post = await announcement(h, buyA);
  await h.send(callbackQuery(mia, post, buttonData(post, "gbadd:")));
  const order = await h.db.order.findFirstOrThrow();
  ids = { buyA, buyB, productA: a.productId, productB: b.productId, orderId: order.id, communityId, ritaId: a.recommenderId, revisionA: a.revisionId };
}, 120_000);

afterAll(async () => {
  await h?.close();
});

type Snapshot = { text?: string; markup: string; edits: number };
const snapshot = (m: FakeMessage | undefined): Snapshot => ({ text: m?.text, markup: JSON.stringify(m?.reply_markup ?? null), edits: m?.edits ?? -1 });

/** A real bot message in `chat` carrying one button with `data` (what a button of the kind would be there). */
async function messageWith(chatId: number, data: string): Promise<FakeMessage> {
  const sent = await h.bot.api.sendMessage(chatId, "A message with one button", { reply_markup: { inline_keyboard: [[{ text: "Press", callback_data: data }]] } });
  return h.fake.message(chatId, sent.message_id)!;
}

const carries = (m: FakeMessage, data: string) => buttons(m).some((b) => "callback_data" in b && b.callback_data === data);

/** Random data of 1–64 bytes: printable ASCII, colons, digits and a few multi-byte characters. */
function randomData(random: () => number, prefix = ""): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789:::_-. 中文é💥\u0000";
  let data = prefix;
  const length = 1 + Math.floor(random() * 40);
  for (let i = 0; i < length; i++) {
    const next = data + alphabet[Math.floor(random() * alphabet.length)];
    if (Buffer.byteLength(next, "utf8") > 64) break;
    data = next;
  }
  return data;
}

describe("the callback guard", () => {
  it("has a row for every kind of callback data, saying where its buttons are and who they are for", () => {
    const registered = callbackKinds();
    expect(registered.map((k) => k.prefix).sort()).toEqual(Object.keys(TABLE).sort());
    for (const kind of registered) {
      const row = TABLE[kind.prefix]!;
      expect({ prefix: kind.prefix, chats: [...kind.chats].sort(), audience: kind.audience }).toEqual({ prefix: kind.prefix, chats: [...row.chats].sort(), audience: row.audience });
    }
  });

  const random = mulberry32(20261202);
  it.each(Object.keys(TABLE))("refuses %s where it doesn't count, changing no message and no row", async (prefix) => {
    const row = TABLE[prefix]!;
    const data = row.sample(ids);
    // the legitimate presser, so that each case breaks one rule only
    const presser = row.audience === "organizer" ? boss : mia;
    const presses: { update: Update; expected: string; why: string }[] = [];
    const press = (who: User, message: FakeMessage, pressed: string, expected: string, why: string) =>
      presses.push({ update: callbackQuery(who, message, pressed), expected, why });

    // 1. on a real bot message that doesn't carry it: a buy's announcement (or another group message), a private message
    const groupMessage = [await announcement(h, ids.buyA), h.fake.messages(group.id)[0]!].find((m) => !carries(m, data))!;
    const privateMessage = privateMessages.get(presser.id)!.find((m) => !carries(m, data))!;
    press(presser, groupMessage, data, STALE, "foreign group message");
    press(presser, privateMessage, data, STALE, "foreign private message");
    // 2. in a chat type its buttons are never shown in (a kind shown in both has none)
    if (!row.chats.includes("group")) press(presser, await messageWith(group.id, data), data, NOT_HERE, "group chat");
    if (!row.chats.includes("private")) press(presser, await messageWith(presser.id, data), data, NOT_HERE, "private chat");
    // 3. by someone it isn't for: a plain member on an organizer's button; anyone else on a private chat's button
    if (row.audience === "organizer") press(mia, await messageWith(mia.id, data), data, NOT_YOURS, "plain member");
    if (row.chats.includes("private")) press(sam, await messageWith(mia.id, data), data, NOT_YOURS, "someone else's private chat");
    // 4. random bytes, bare and after the prefix
    for (const pressed of [randomData(random), randomData(random, `${prefix}:`)]) {
      press(presser, await announcement(h, ids.buyA), pressed, STALE, `random ${JSON.stringify(pressed)} in the group`);
      press(presser, privateMessage, pressed, STALE, `random ${JSON.stringify(pressed)} in private`);
    }

    const chats = [group.id, boss.id, mia.id, sam.id];
    const before = new Map(chats.flatMap((c) => h.fake.messages(c).map((m) => [`${c}/${m.message_id}`, snapshot(m)] as const)));
    const tables = await dumpTables(h.db);
    await h.send(...presses.map((p) => p.update));

    for (const p of presses) {
      const answer = h.fake.callbackAnswer(p.update.callback_query!.id);
      expect({ why: p.why, answer: answer?.text }).toEqual({ why: p.why, answer: p.expected });
    }
    const after = new Map(chats.flatMap((c) => h.fake.messages(c).map((m) => [`${c}/${m.message_id}`, snapshot(m)] as const)));
    expect(after).toEqual(before); // no message edited, none sent
    expect(await dumpTables(h.db)).toEqual(tables);
    h.fake.assertNoRejections();
  });
});
