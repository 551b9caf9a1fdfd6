import { readdirSync, readFileSync } from "node:fs";
import { FluentResource } from "@fluent/bundle";
import { afterEach, describe, expect, it } from "vitest";
import type { Update, User } from "grammy/types";
import { createHarness, BOT_USERNAME, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";
import { decodeQr } from "../helpers/qr";
import { formatPickupCode, normalizePickupCode, PICKUP_CODE_ALPHABET } from "../../src/domain/pickup-code";
import { verifyPickup } from "../../src/features/pickup/use-cases/verify-pickup";
import { assignPickupCodes } from "../../src/db/pickups";
import { encodeDeepLink } from "../../src/domain/deep-link";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const ana = user({ first_name: "Ana", language_code: "en" });
const bob = user({ first_name: "Bob", language_code: "en" });
const cid = user({ first_name: "Cid", language_code: "en" });
const dan = user({ first_name: "Dan", language_code: "en" });
type World = Community & { buyId: number; productId: number };

async function world(): Promise<World> {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await buyWith(community, productId, "2", [ana, bob, cid]);
  return { ...community, buyId, productId };
}

/** Opens a buy, has these members join it (one each), and closes it now. */
async function buyWith(c: Community, productId: number, min: string, joiners: User[], close = true): Promise<number> {
  const buyId = await openBuy(h, boss, productId, { min, deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  for (const m of joiners) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  if (close) {
    await h.send(command(boss, c.group, "close", String(buyId)));
    await h.flush();
  }
  return buyId;
}

async function orderOf(buyId: number, u: User) {
  return h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId, member: { telegramId: BigInt(u.id) } } });
}
const codeOf = async (buyId: number, u: User) => (await orderOf(buyId, u)).pickupCode!;
const last = (u: User) => h.fake.lastMessage(u.id)!;
async function say(u: User, text: string): Promise<string> {
  await h.send(textMessage(u, privateChat(u), text));
  return last(u).text ?? "";
}
async function pushed(update: Update): Promise<Update> {
  const u = h.fake.pushUpdate(update);
  await h.fake.settle();
  return u;
}

describe("pickup codes", () => {
  it("are 8 characters of an unambiguous alphabet, and read back however they are typed", () => {
    expect(PICKUP_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(normalizePickupCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(normalizePickupCode("ab cd ef gh")).toBe("ABCDEFGH");
    expect(normalizePickupCode("ABCD-EFG0")).toBeUndefined(); // 0 is never in a code
    expect(normalizePickupCode("ABC")).toBeUndefined();
  });

  it("come with the going-ahead notice as a QR photo of the code's link, the code in the caption too", async () => {
    const { buyId } = await world();
    const codes = new Set<string>();
    for (const m of [ana, bob, cid]) {
      const code = await codeOf(buyId, m);
      expect(code).toMatch(new RegExp(`^[${PICKUP_CODE_ALPHABET}]{8}$`));
      codes.add(code);
      const notice = last(m);
      expect(notice.photo).toBeDefined();
      expect(decodeQr(notice.files[0]!.bytes!)).toBe(`https://t.me/${BOT_USERNAME}?start=pk${code}`);
      expect(notice.caption).toContain(`✅ Group buy #${buyId} “Organic rice” is going ahead!`);
      expect(notice.caption).toContain(`🎫 Your pickup code: ${formatPickupCode(code)}. Show it, or this QR, at the pickup point.`);
    }
    expect(codes.size).toBe(3);
  });

  it("keeps the caption within Telegram's 1024 characters when the pickup details are long", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const c = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId: c.communityId, recommender: rita });
    const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00" });
    // pickup details may be up to 1000 characters (the dialog asks for fewer; the notice allows for more)
    await h.db.groupBuy.update({ where: { id: buyId }, data: { pickupDetails: "Saturday <10:00> & ".repeat(60).slice(0, 1000) } });
    const post = await announcement(h, buyId);
    await h.send(callbackQuery(ana, post, buttonData(post, "gbadd:")));
    await h.send(command(boss, c.group, "close", String(buyId)));
    await h.flush();
    const caption = last(ana).caption!;
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).toContain("Saturday <10:00> &");
    expect(caption).toContain(formatPickupCode(await codeOf(buyId, ana)));
  });

  it("are drawn again when one is taken already, by another buy or by the same batch", async () => {
    const w = await world();
    const open = await buyWith(w, w.productId, "1", [dan, rita], false);
    const taken = await codeOf(w.buyId, ana);
    const draws = [taken, "AAAAAAAA", "AAAAAAAA", "BBBBBBBB"];
    const ids = [(await orderOf(open, dan)).id, (await orderOf(open, rita)).id];
    const codes = await h.db.$transaction((tx) => assignPickupCodes(tx, ids, () => draws.shift()!, h.clock.now()));
    expect([...codes.values()].sort()).toEqual(["AAAAAAAA", "BBBBBBBB"]);
    expect((await orderOf(open, dan)).pickupCode).toBe("BBBBBBBB");
    expect((await orderOf(open, rita)).pickupCode).toBe("AAAAAAAA");
    expect(await codeOf(w.buyId, ana)).toBe(taken);
  });

  it("are not given to a buy that failed, nor before a buy went ahead", async () => {
    const w = await world();
    const failed = await buyWith(w, w.productId, "10", [dan]);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: failed } })).status).toBe("FAILED");
    expect((await orderOf(failed, dan)).pickupCode).toBeNull();
    expect(last(dan).photo).toBeUndefined();
    expect(await say(boss, `/pickup ${failed}`)).toBe(`⏳ Group buy #${failed} has not gone ahead (minimum not reached): there is nothing to pick up.`);
    const open = await buyWith(w, w.productId, "1", [dan], false);
    expect((await orderOf(open, dan)).pickupCode).toBeNull();
    expect(await say(boss, `/pickup ${open}`)).toBe(`⏳ Group buy #${open} has not gone ahead (open): there is nothing to pick up.`);
  });
});

describe("verifying pickups", () => {
  it("marks a typed code picked up exactly once, with who and when; a second time says already; a wrong or foreign code says so", async () => {
    const w = await world();
    const list = await say(boss, `/pickup ${w.buyId}`);
    expect(list).toContain(`🎫 Pickup · #${w.buyId} Organic rice`);
    expect(list).toContain("📍 Saturday 10:00 at the community centre\nStill to come: 3 of 3");
    expect(list).toContain("#1-1 Ana · 1 × bag · not paid");
    expect(list).toContain("Type a member's code here, or scan their QR with your phone's camera.");

    const code = await codeOf(w.buyId, ana);
    // typed as people type: lower case, a space in the middle
    const typed = textMessage(boss, privateChat(boss), `${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`);
    const update = await pushed(typed);
    expect(last(boss).text).toBe("✅ Picked up: #1-1 Ana: 1 × bag, not paid yet: collect ¥25.00.");
    const order = await orderOf(w.buyId, ana);
    const bossId = (await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(ORGANIZER) } })).id;
    expect(order).toMatchObject({ pickupStatus: "PICKED_UP", pickedUpById: bossId });
    expect(order.pickedUpAt?.toISOString()).toBe(h.clock.now().toISOString());
    const events = await h.db.orderEvent.findMany({ where: { orderId: order.id, kind: "PICKED_UP" } });
    expect(events.map((e) => [e.actorId, e.updateKey])).toEqual([[bossId, `u${update.update_id}`]]);
    // the same update again (a re-delivery reaching the use-case): nothing more is recorded
    const again = await verifyPickup({ services: h.services }, { actor: { id: bossId, telegramId: ORGANIZER }, updateId: update.update_id, by: { code } });
    expect(again.kind).toBe("picked");
    expect(await h.db.orderEvent.count({ where: { orderId: order.id, kind: "PICKED_UP" } })).toBe(1);

    h.clock.advance(60_000);
    expect(await say(boss, formatPickupCode(code))).toBe("⚠️ Already picked up: #1-1 Ana (1 × bag), Dec 1, 12:00, handed out by Boss.");
    expect(await h.db.orderEvent.count({ where: { orderId: order.id, kind: "PICKED_UP" } })).toBe(1);
    expect((await orderOf(w.buyId, ana)).pickedUpAt?.toISOString()).toBe(order.pickedUpAt?.toISOString());

    expect(await say(boss, "ZZZZ-ZZZZ")).toBe("❌ No order has this code. Check it and type it again.");
    expect(await say(boss, "hello")).toContain(`That is not a pickup code (8 letters and digits, e.g. ABCD-EFGH). You are handing out buy #${w.buyId}`);

    // a code of another buy, typed while handing out this one
    const other = await buyWith(w, w.productId, "1", [dan]);
    await say(boss, `/pickup ${w.buyId}`);
    expect(await say(boss, await codeOf(other, dan))).toBe(`⚠️ This code is for group buy #${other}, not #${w.buyId}. Send /pickup ${other} to hand that one out.`);
    expect((await orderOf(other, dan)).pickupStatus).toBe("PENDING");
    expect(await h.db.pickupAttempt.count()).toBe(2); // the wrong code and the foreign one
  });

  it("lets a helper named by reply verify that one buy only, until the role is taken back; a plain member can't", async () => {
    const w = await world();
    const other = await buyWith(w, w.productId, "1", [ana]);
    const hi = await pushed(textMessage(dan, w.group, "I can help on Saturday"));
    await h.send(textMessage(boss, w.group, `/pickup_helper ${w.buyId}`, { reply_to_message: hi.message }));
    expect(h.fake.lastMessage(w.group.id)!.text).toBe(`✅ Dan can hand out group buy #${w.buyId} now. I have told them privately (if they ever started me).`);
    expect(last(dan).text).toContain(`🎫 Boss made you a pickup helper for group buy #${w.buyId} “Organic rice”. At the pickup point, send me /pickup ${w.buyId}`);
    expect(await h.db.pickupHelper.count({ where: { groupBuyId: w.buyId } })).toBe(1);

    // a member can't name helpers: told privately, not in the group
    await h.send(textMessage(ana, w.group, `/pickup_helper ${w.buyId}`, { reply_to_message: hi.message }));
    expect(last(ana).text).toBe("Only this community's organizers can use this command.");
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("can hand out group buy");

    expect(await say(dan, `/pickup ${w.buyId}`)).toContain("Still to come: 3 of 3");
    expect(await say(dan, await codeOf(w.buyId, cid))).toBe("✅ Picked up: #1-3 Cid: 1 × bag, not paid yet: collect ¥25.00.");
    const danId = (await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(dan.id) } })).id;
    expect((await orderOf(w.buyId, cid)).pickedUpById).toBe(danId);
    // not another buy: neither its list nor its codes, typed or scanned
    expect(await say(dan, `/pickup ${other}`)).toBe("Only this buy's organizers and pickup helpers can hand out its orders.");
    await h.send(command(dan, privateChat(dan), "start", `pk${await codeOf(other, ana)}`));
    expect(last(dan).text).toBe("Only this buy's organizers and pickup helpers can hand out its orders.");
    expect((await orderOf(other, ana)).pickupStatus).toBe("PENDING");
    // /pickup alone: the one buy they may hand out
    expect(await say(dan, "/pickup")).toContain(`🎫 Pickup · #${w.buyId} Organic rice`);

    // a plain member: no list, no verifying someone else's code; their own link says it is theirs
    expect(await say(bob, `/pickup ${w.buyId}`)).toBe("Only this buy's organizers and pickup helpers can hand out its orders.");
    await h.send(command(bob, privateChat(bob), "start", `pk${await codeOf(w.buyId, ana)}`));
    expect(last(bob).text).toBe("Only this buy's organizers and pickup helpers can hand out its orders.");
    await h.send(command(bob, privateChat(bob), "start", `pk${await codeOf(w.buyId, bob)}`));
    expect(last(bob).text).toContain(`🎫 This is your pickup code for group buy #${w.buyId} “Organic rice” (1 × bag).`);
    expect((await orderOf(w.buyId, ana)).pickupStatus).toBe("PENDING");
    expect((await orderOf(w.buyId, bob)).pickupStatus).toBe("PENDING");

    // taken back: Dan's codes no longer count
    await h.send(textMessage(boss, w.group, `/pickup_helper ${w.buyId} off`, { reply_to_message: hi.message }));
    expect(h.fake.lastMessage(w.group.id)!.text).toBe(`Dan no longer hands out group buy #${w.buyId}.`);
    expect(await say(dan, await codeOf(w.buyId, ana))).toBe("Only this buy's organizers and pickup helpers can hand out its orders.");
    expect((await orderOf(w.buyId, ana)).pickupStatus).toBe("PENDING");
  });

  it("verifies a scanned QR: the link opens /start pk<code> for an organizer", async () => {
    const w = await world();
    const link = decodeQr(last(bob).files[0]!.bytes!)!;
    const payload = new URL(link).searchParams.get("start")!;
    await h.send(command(boss, privateChat(boss), "start", payload));
    expect(last(boss).text).toBe("✅ Picked up: #1-2 Bob: 1 × bag, not paid yet: collect ¥25.00.");
    await h.send(command(boss, privateChat(boss), "start", payload));
    expect(last(boss).text).toContain("⚠️ Already picked up: #1-2 Bob (1 × bag)");
    expect((await orderOf(w.buyId, bob)).pickupStatus).toBe("PICKED_UP");
  });

  it("refuses the 11th wrong code in a minute, and takes codes again a minute later", async () => {
    const w = await world();
    await say(boss, `/pickup ${w.buyId}`);
    for (let i = 0; i < 10; i++) expect(await say(boss, `ZZZZZZZ${"23456789AB"[i]}`)).toBe("❌ No order has this code. Check it and type it again.");
    const code = await codeOf(w.buyId, ana);
    h.clock.advance(30_000);
    expect(await say(boss, code)).toBe("⏱ Too many wrong codes in a minute. Try again in 30 s.");
    expect((await orderOf(w.buyId, ana)).pickupStatus).toBe("PENDING");
    h.clock.advance(30_001);
    expect(await say(boss, code)).toBe("✅ Picked up: #1-1 Ana: 1 × bag, not paid yet: collect ¥25.00.");
  });

  it("marks from the list's button, and a forged or stale button changes nothing", async () => {
    const w = await world();
    await say(boss, `/pickup ${w.buyId}`);
    const list = last(boss);
    expect(buttons(list).map((b) => b.text)).toEqual(["✅ #1-1 Ana ×1", "✅ #1-2 Bob ×1", "✅ #1-3 Cid ×1"]);
    const bobOrder = await orderOf(w.buyId, bob);
    const press = await pushed(callbackQuery(boss, list, `pkmark:${bobOrder.id}:0`));
    expect(h.fake.callbackAnswer(press.callback_query!.id)?.text).toBe("✅ Picked up: #1-2 Bob: 1 × bag, not paid yet: collect ¥25.00.");
    expect((await orderOf(w.buyId, bob)).pickupStatus).toBe("PICKED_UP");
    const edited = h.fake.message(boss.id, list.message_id)!;
    expect(edited.text).toContain("Still to come: 2 of 3");
    expect(buttons(edited).map((b) => b.text)).toEqual(["✅ #1-1 Ana ×1", "✅ #1-3 Cid ×1"]);

    // forged: an order that is not a button of this message (another buy's), and the old Bob button
    const other = await buyWith(w, w.productId, "1", [dan]);
    const danOrder = await orderOf(other, dan);
    await h.send(callbackQuery(boss, edited, `pkmark:${danOrder.id}:0`));
    await h.send(callbackQuery(boss, edited, `pkmark:${bobOrder.id}:0`));
    expect((await orderOf(other, dan)).pickupStatus).toBe("PENDING");
    expect(await h.db.orderEvent.count({ where: { kind: "PICKED_UP" } })).toBe(1);
    // someone else pressing in a chat not theirs
    await h.send(callbackQuery(ana, edited, buttonData(edited, "pkmark:")));
    expect((await orderOf(w.buyId, ana)).pickupStatus).toBe("PENDING");
  });

  it("pages the list ten members at a time", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const c = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId: c.communityId, recommender: rita });
    const buyId = await buyWith(c, productId, "1", members(12));
    await say(boss, `/pickup ${buyId}`);
    const first = last(boss);
    expect(buttons(first).map((b) => b.text)).toEqual([...Array.from({ length: 10 }, (_, i) => `✅ #${buyId}-${i + 1} Member${i + 1} ×1`), "▶"]);
    await h.send(callbackQuery(boss, first, buttonData(first, "pkpage:")));
    const second = h.fake.message(boss.id, first.message_id)!;
    expect(buttons(second).map((b) => b.text)).toEqual([`✅ #${buyId}-11 Member11 ×1`, `✅ #${buyId}-12 Member12 ×1`, "◀"]);
    expect(second.text).toContain("Still to come: 12 of 12");
  });

  it("lets a member get their code again from /my_orders (upload_photo first), and /picked_up records who", async () => {
    const w = await world();
    await h.send(command(ana, privateChat(ana), "my_orders"));
    const mine = last(ana);
    expect(buttons(mine).map((b) => b.text)).toEqual([`🎫 My pickup code · #${w.buyId}`]);
    await h.send(callbackQuery(ana, mine, buttonData(mine, "pkmine:")));
    const photo = last(ana);
    const code = await codeOf(w.buyId, ana);
    expect(decodeQr(photo.files[0]!.bytes!)).toBe(`https://t.me/${BOT_USERNAME}?start=pk${code}`);
    expect(photo.caption).toContain(`Your pickup code for group buy #${w.buyId} “Organic rice”: ${formatPickupCode(code)}`);
    const action = h.fake.callsOf("sendChatAction").at(-1)!;
    const sent = h.fake.callsOf("sendPhoto").at(-1)!;
    expect(action.params).toMatchObject({ chat_id: ana.id, action: "upload_photo" });
    expect(action.index).toBeLessThan(sent.index);

    await h.send(command(boss, w.group, "picked_up", `${w.buyId} 2`));
    const bossId = (await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(ORGANIZER) } })).id;
    expect(await orderOf(w.buyId, bob)).toMatchObject({ pickupStatus: "PICKED_UP", pickedUpById: bossId });
  });
});

describe("the pickup strings", () => {
  const ftl = (locale: string) => readFileSync(new URL(`../../locales/${locale}/pickup.ftl`, import.meta.url), "utf8");
  const ids = (locale: string) => new FluentResource(ftl(locale)).body.map((m) => m.id);

  it("parse without junk, have the same keys in zh and en, and every key the code uses", () => {
    for (const locale of ["zh", "en"]) expect(ids(locale), locale).toEqual([...ftl(locale).matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!));
    expect(ids("zh")).toEqual(ids("en"));
    const dir = new URL("../../src/features/pickup/", import.meta.url);
    const sources = ["", "use-cases/"].flatMap((sub) => readdirSync(new URL(sub, dir)).filter((f) => f.endsWith(".ts")).map((f) => readFileSync(new URL(sub + f, dir), "utf8")));
    sources.push(readFileSync(new URL("../../src/features/group-buy/notices.ts", import.meta.url), "utf8"));
    const used = new Set(sources.flatMap((src) => [...src.matchAll(/"(pickup-[a-z-]+)"/g)].map((m) => m[1]!)));
    for (const kind of ["wrong", "not-allowed"]) used.add(`pickup-${kind}`); // built from the outcome's kind
    used.delete("pickup-session"); // the stored session's namespace, not a string
    for (const key of [...used, "cmd-pickup", "cmd-pickup_helper"]) expect(ids("en"), key).toContain(key);
  });
});

describe("a pickup session beside a buy one is viewing", () => {
  it("takes a code that starts with a digit as a code, not as a typed quantity for the buy viewed last", async () => {
    const w = await world();
    // the organizer also looks at a new, open buy in private: typed numbers would set their quantity there
    const open = await buyWith(w, w.productId, "2", [], false);
    await h.send(command(boss, privateChat(boss), "start", encodeDeepLink({ kind: "buy", groupBuyId: open })));
    await h.db.order.update({ where: { id: (await orderOf(w.buyId, ana)).id }, data: { pickupCode: "3KXMTQPA" } });
    await say(boss, `/pickup ${w.buyId}`);
    const answer = await say(boss, "3kxmtqpa");
    expect(answer).toContain("✅");
    expect((await orderOf(w.buyId, ana)).pickupStatus).toBe("PICKED_UP");
    expect(await h.db.order.count({ where: { groupBuyId: open } })).toBe(0);
  });
});
