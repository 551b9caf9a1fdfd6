import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { BOT_USERNAME, TEST_TOKEN, createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxOrganizer, fxProduct } from "../helpers/ledger-fixtures";
import { callbackQuery, command, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import { decodeDeepLink, deepLinkSecret } from "../../src/domain/deep-link";
import { recommendedByLine } from "../../src/features/referrals";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;
const LINK = new RegExp(`https://t\\.me/${BOT_USERNAME}\\?start=(\\S+)`);
const secret = deepLinkSecret(TEST_TOKEN);

async function world() {
  h = await createHarness({ organizerIds: [900] });
  const group = supergroup({ title: "Green Street Co-op" });
  const community = await fxCommunity(h.db, { chatId: group.id, title: "Green Street Co-op" });
  const people = {
    olga: user({ id: 900, first_name: "Olga" }),
    oscar: user({ first_name: "Oscar" }),
    alice: user({ first_name: "Alice", username: "alice_rec" }),
    bob: user({ first_name: "Bob", username: "bob_rec" }),
    carol: user({ first_name: "Carol" }),
    dave: user({ first_name: "Dave" }),
  };
  const m: Record<keyof typeof people, Awaited<ReturnType<typeof fxMember>>> = {} as never;
  for (const [key, u] of Object.entries(people)) m[key as keyof typeof people] = await fxMember(h.db, u, community.id);
  await fxOrganizer(h.db, community.id, m.oscar.id);
  const product = await fxProduct(h.db, { communityId: community.id, recommenderId: m.alice.id, name: "Wild honey", priceFen: 1_235 });
  const buy = await fxBuy(h.db, { product, openedById: m.oscar.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
  return { group, community, people, m, product, buy };
}

function linkIn(text: string | undefined): string {
  const match = LINK.exec(text ?? "");
  expect(match, text).not.toBeNull();
  return match![1]!;
}

function buttonData(message: { reply_markup?: { inline_keyboard: { text: string }[][] } } | undefined, label: RegExp): string {
  const button = message?.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text)) as { callback_data?: string } | undefined;
  expect(button?.callback_data, `button ${label}`).toBeDefined();
  return button!.callback_data!;
}

describe("share links", () => {
  it("/share gives a recommender a signed link to the buy carrying their code", async () => {
    const w = await world();
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(w.buy.id)));
    const reply = h.fake.lastMessage(w.people.bob.id)!;
    expect(reply.text).toContain(`buy #${w.buy.id} “Wild honey”`);
    expect(reply.text).toContain("you earn 10 % on those orders");
    expect(reply.text).toContain("Orders you place through your own link earn nothing.");
    expect(decodeDeepLink(linkIn(reply.text), secret)).toEqual({ kind: "referral", groupBuyId: w.buy.id, referralCode: w.m.bob.referralCode });
    const forward = reply.reply_markup!.inline_keyboard[0]![0]! as { url: string };
    expect(forward.url).toContain("https://t.me/share/url?url=");

    // /share alone offers the open buys
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share"));
    expect(buttonData(h.fake.lastMessage(w.people.bob.id), /Wild honey/)).toBe(`gbshare:${w.buy.id}`);
    h.fake.assertNoRejections();
  });

  it("refuses to share a closed buy or a buy of another community", async () => {
    const w = await world();
    const elsewhere = await fxCommunity(h.db, { chatId: -999_001, title: "Elsewhere" });
    const outsider = await fxMember(h.db, user({ first_name: "Zed" }), elsewhere.id);
    const otherProduct = await fxProduct(h.db, { communityId: elsewhere.id, recommenderId: outsider.id, priceFen: 500 });
    const otherBuy = await fxBuy(h.db, { product: otherProduct, openedById: outsider.id, commission: { kind: "PERCENT_BP", value: 500 }, deadlineAt: w.buy.deadlineAt });
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(otherBuy.id)));
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain("can't find that buy");
    await h.db.groupBuy.update({ where: { id: w.buy.id }, data: { status: "SUCCEEDED" } });
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(w.buy.id)));
    expect(h.fake.lastMessage(w.people.bob.id)!.text).toContain("no longer takes orders");
    h.fake.assertNoRejections();
  });

  it("the 🔗 Share button sends the link privately, or opens the bot's chat for a member who never started it", async () => {
    const w = await world();
    await h.send(command(w.people.bob, w.group, "share"));
    const list = h.fake.lastMessage(w.group.id)!;
    const data = buttonData(list, /Wild honey/);

    const press = callbackQuery(w.people.bob, list, data);
    await h.send(press);
    expect(h.fake.callbackAnswer(press.callback_query!.id)).toMatchObject({ text: "📬 I sent you your link privately." });
    const link = linkIn(h.fake.lastMessage(w.people.bob.id)!.text);
    expect(decodeDeepLink(link, secret)).toMatchObject({ kind: "referral", referralCode: w.m.bob.referralCode });

    // Dave never started the bot: Telegram refuses the private message
    h.fake.blockChat(w.people.dave.id, "Forbidden: bot can't initiate conversation with a user");
    const davePress = callbackQuery(w.people.dave, list, data);
    await h.send(davePress);
    const start = `https://t.me/${BOT_USERNAME}?start=s${w.buy.id}`;
    expect(h.fake.callbackAnswer(davePress.callback_query!.id)).toMatchObject({ url: start });
    // he taps Start in the chat Telegram opened
    h.fake.unblockChat(w.people.dave.id);
    await h.send(command(w.people.dave, privateChat(w.people.dave), "start", `s${w.buy.id}`));
    expect(decodeDeepLink(linkIn(h.fake.lastMessage(w.people.dave.id)!.text), secret)).toMatchObject({ referralCode: w.m.dave.referralCode });

    // a forged button for a buy that doesn't exist: not a button of the message, refused by the guard
    const forged = callbackQuery(w.people.bob, list, "gbshare:424242");
    await h.send(forged);
    expect(h.fake.callbackAnswer(forged.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." });
    h.fake.assertNoRejections();
  });
});

describe("attribution", () => {
  async function open(u: User, payload: string) {
    await h.send(command(u, privateChat(u), "start", payload));
  }

  it("attributes orders to the link's recommender, else to the product's; forged and stale links count for nothing", async () => {
    const w = await world();
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(w.buy.id)));
    const bobs = linkIn(h.fake.lastMessage(w.people.bob.id)!.text);
    await h.send(command(w.people.alice, privateChat(w.people.alice), "share", String(w.buy.id)));
    const alices = linkIn(h.fake.lastMessage(w.people.alice.id)!.text);

    await open(w.people.carol, bobs);
    await open(w.people.carol, alices); // a later link doesn't take Carol's referral from Bob
    const forged = bobs.replace(w.m.bob.referralCode, w.m.dave.referralCode);
    await open(w.people.dave, forged);
    expect(h.fake.lastMessage(w.people.dave.id)!.text).toContain("Group buy #1"); // just the buy, nothing alarming
    await open(w.people.bob, bobs); // his own link

    const visits = await h.db.referralVisit.findMany({ orderBy: { memberId: "asc" } });
    expect(visits.map((v) => [v.memberId, v.referrerId])).toEqual([
      [w.m.bob.id, w.m.bob.id],
      [w.m.carol.id, w.m.bob.id],
    ]);

    const carol = await fxOrder(h.db, { groupBuyId: w.buy.id, memberId: w.m.carol.id, quantity: 3 });
    const dave = await fxOrder(h.db, { groupBuyId: w.buy.id, memberId: w.m.dave.id, quantity: 1 });
    const bob = await fxOrder(h.db, { groupBuyId: w.buy.id, memberId: w.m.bob.id, quantity: 1 });
    expect(carol).toMatchObject({ referrerId: w.m.bob.id, attribution: "LINK", selfReferral: false, unitPriceFen: 1_235, amountFen: 3_705, commissionKind: "PERCENT_BP", commissionValue: 1000 });
    expect(dave).toMatchObject({ referrerId: w.m.alice.id, attribution: "PRODUCT", selfReferral: false });
    expect(bob).toMatchObject({ referrerId: w.m.bob.id, attribution: "LINK", selfReferral: true });

    const t = (key: string, vars?: Record<string, string | number>) => h.services.i18n.t("en", key, vars);
    expect(recommendedByLine(t, carol, w.m.bob)).toBe("🤝 Recommended by Bob (through their link)");
    expect(recommendedByLine(t, dave, w.m.alice)).toBe("🤝 Recommended by Alice");
    expect(recommendedByLine(t, bob, w.m.bob)).toBe("🤝 Your own recommendation");
    expect(recommendedByLine((k, v) => h.services.i18n.t("zh", k, v), carol, { firstName: "<Bob>" })).toBe("🤝 推介官：&lt;Bob&gt;（通过其分享链接）");
    h.fake.assertNoRejections();
  });

  it("ignores links to a buy past its deadline and malformed payloads", async () => {
    const w = await world();
    await h.send(command(w.people.bob, privateChat(w.people.bob), "share", String(w.buy.id)));
    const bobs = linkIn(h.fake.lastMessage(w.people.bob.id)!.text);
    h.clock.advance(2 * DAY);
    await open(w.people.carol, bobs);
    await open(w.people.dave, "b1_zzzz_!!");
    expect(await h.db.referralVisit.count()).toBe(0);
    expect(h.fake.lastMessage(w.people.dave.id)!.text).toContain("Let's CO-OP!"); // malformed: the plain welcome
    h.fake.assertNoRejections();
  });
});

describe("community settings and the recommenders list", () => {
  it("/self_referral on|off is for organizers and sets the community's default", async () => {
    const w = await world();
    await h.send(command(w.people.carol, w.group, "self_referral", "on"));
    // refused privately: the group hears nothing of it
    expect(h.fake.lastMessage(w.people.carol.id)!.text).toContain("Only this community's organizers");
    await h.send(command(w.people.oscar, w.group, "self_referral", "on"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("orders recommenders place themselves earn commission too");
    expect((await h.db.community.findUniqueOrThrow({ where: { id: w.community.id } })).selfReferralEarns).toBe(true);
    await h.send(command(w.people.olga, w.group, "self_referral"));
    expect(h.fake.lastMessage(w.group.id)!.text).toContain("earnings are on");
    await h.send(command(w.people.olga, w.group, "self_referral", "off"));
    expect((await h.db.community.findUniqueOrThrow({ where: { id: w.community.id } })).selfReferralEarns).toBe(false);
    h.fake.assertNoRejections();
  });

  it("/recommenders thanks recommenders by display name, and members can opt out", async () => {
    const w = await world();
    await h.db.referralVisit.create({ data: { groupBuyId: w.buy.id, memberId: w.m.carol.id, referrerId: w.m.bob.id } });
    await fxOrder(h.db, { groupBuyId: w.buy.id, memberId: w.m.carol.id, quantity: 1 });
    await fxOrder(h.db, { groupBuyId: w.buy.id, memberId: w.m.dave.id, quantity: 1 });
    await fxOrder(h.db, { groupBuyId: w.buy.id, memberId: w.m.olga.id, quantity: 1 });
    await h.send(command(w.people.dave, w.group, "recommenders"));
    const text = h.fake.lastMessage(w.group.id)!.text!;
    expect(text).toContain("Alice: 1 product, 1 buy, 2 orders");
    expect(text).toContain("Bob: 0 products, 0 buys, 1 order");
    expect(text).not.toContain("alice_rec"); // display names only
    expect(text.indexOf("Alice")).toBeLessThan(text.indexOf("Bob"));

    await h.send(command(w.people.alice, privateChat(w.people.alice), "recommenders_optout"));
    expect(h.fake.lastMessage(w.people.alice.id)!.text).toContain("no longer shown");
    await h.send(textMessage(w.people.dave, w.group, "/recommenders"));
    const after = h.fake.lastMessage(w.group.id)!.text!;
    expect(after).not.toContain("Alice");
    expect(after).toContain("and 1 more");
    await h.send(command(w.people.alice, privateChat(w.people.alice), "recommenders_optin"));
    await h.send(command(w.people.alice, privateChat(w.people.alice), "recommenders"));
    expect(h.fake.lastMessage(w.people.alice.id)!.text).toContain("Alice: 1 product");
    h.fake.assertNoRejections();
  });
});
