import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, myChatMember, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import { lastText, press, recommendAndSubmit, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Pushes a callback with forged data on the member's last private message (the callback guard refuses it). */
async function forge(who: ReturnType<typeof user>, data: string): Promise<string> {
  const update = callbackQuery(who, h.fake.lastMessage(who.id)!, data);
  await h.send(update);
  return update.callback_query!.id;
}

/** Presses `data` on a bot message that really carries it: past the guard, the handler's own checks answer. */
async function pressCarried(who: ReturnType<typeof user>, data: string): Promise<string> {
  const sent = await h.bot.api.sendMessage(who.id, "review", { reply_markup: { inline_keyboard: [[{ text: "Approve", callback_data: data }]] } });
  const update = callbackQuery(who, h.fake.message(who.id, sent.message_id)!, data);
  await h.send(update);
  return update.callback_query!.id;
}

const STALE = "This button is no longer valid.";

describe("reviewing recommendations", () => {
  it("refuses reviews from anyone but the organizers of the product's own community", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer: boss, recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);
    const revision = await h.db.productRevision.findFirstOrThrow();

    // Bob organizes another community only
    const bob = user({ id: 700, first_name: "Bob", language_code: "en" });
    const other = supergroup({ title: "Riverside Co-op" });
    await h.send(myChatMember(boss, other, "left", "member"), textMessage(bob, other, "hi"));
    await h.send(textMessage(boss, other, `/add_organizer ${bob.id}`));
    await say(h, bob, "/start");
    expect(h.fake.callbackAnswer(await forge(bob, `rv:a:${revision.id}`))).toMatchObject({ text: STALE });
    // even on a message carrying the button, an organizer of another community is refused
    const refused = await pressCarried(bob, `rv:a:${revision.id}`);
    expect(h.fake.callbackAnswer(refused)).toMatchObject({ text: "Only the organizers of this product's community can review it.", show_alert: true });
    expect(h.fake.callbackAnswer(await pressCarried(bob, "rv:a:99999"))).toMatchObject({ text: "This recommendation no longer exists." });

    const mallory = user({ first_name: "Mallory", language_code: "en" });
    await say(h, mallory, "/start");
    await forge(mallory, `rv:r:${revision.id}`);
    const missing = await forge(mallory, "rv:a:99999");
    expect(h.fake.callbackAnswer(missing)).toMatchObject({ text: STALE });
    // a plain member is refused by the guard even where the button is carried
    expect(h.fake.callbackAnswer(await pressCarried(mallory, `rv:a:${revision.id}`))).toMatchObject({ text: "This button is not for you." });
    await forge(mallory, "rv:zz:1");
    await forge(mallory, "rv:a:-1");

    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "PENDING_REVIEW", reviewerId: null });
    expect(await h.db.storedState.count({ where: { key: { startsWith: "review-comment:" } } })).toBe(0);
    expect(h.fake.messages(other.id).filter((m) => m.text?.includes("Wild mountain tea"))).toHaveLength(0);
    h.fake.assertNoRejections();
  });

  it("tells an organizer when the recommender has since submitted a newer version", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);
    await say(h, alice, "/my_products");
    expect(lastText(h, alice.id)).toContain("Wild mountain tea · 500 g — waiting for review");
    await press(h, alice, "✏️ Edit");
    await press(h, alice, "Name & unit");
    await say(h, alice, "Wild mountain black tea");
    await press(h, alice, "Keep it");
    await press(h, alice, "Submit for review");

    const [v1, v2] = await h.db.productRevision.findMany({ orderBy: { version: "asc" } });
    expect([v1!.status, v2!.status]).toEqual(["SUPERSEDED", "PENDING_REVIEW"]);
    const v1Request = h.fake.messages(organizer.id).find((m) => m.text?.includes("(version 1)"))!;
    const approveV1 = v1Request.reply_markup!.inline_keyboard.flat().find((b) => b.text.includes("Approve"))!;
    await h.send(callbackQuery(organizer, v1Request, (approveV1 as { callback_data: string }).callback_data));
    expect(lastText(h, organizer.id)).toContain("The recommender has submitted a newer version since");
    await press(h, organizer, "Approve");
    expect(await h.db.product.findFirstOrThrow()).toMatchObject({ status: "APPROVED", approvedRevisionId: v2!.id });
    h.fake.assertNoRejections();
  });

  it("lists what waits in /review, and lets an organizer cancel a comment", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { organizer, recommender: alice } = await setUpCommunity(h);
    await say(h, alice, "/review");
    expect(lastText(h, alice.id)).toContain("Only this community's organizers");
    await say(h, organizer, "/review");
    expect(lastText(h, organizer.id)).toContain("Nothing is waiting for review");

    await recommendAndSubmit(h, alice, TEA);
    await say(h, organizer, "/review");
    expect(lastText(h, organizer.id)).toContain("1 recommendation is waiting for review");
    await press(h, organizer, "Wild mountain tea (v1)");
    expect(lastText(h, organizer.id)).toContain("New recommendation for Green Street Co-op from Alice");

    await press(h, organizer, "Ask for changes");
    await say(h, organizer, "/cancel");
    expect(lastText(h, organizer.id)).toContain("nothing was sent");
    await say(h, organizer, "this is just a message");
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "PENDING_REVIEW" });
    expect(h.fake.messages(alice.id).some((m) => m.text?.includes("ask for changes"))).toBe(false);

    // an organizer in the middle of their own recommendation can still comment
    await say(h, organizer, "/recommend");
    expect(lastText(h, organizer.id)).toContain("1/7 · Product");
    await press(h, organizer, "Reject");
    await say(h, organizer, "Not local enough.");
    expect(lastText(h, organizer.id)).toContain("was rejected");
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "REJECTED", reviewComment: "Not local enough." });
    await say(h, organizer, "Mountain honey");
    expect(lastText(h, organizer.id)).toContain("What is the unit of sale");
    expect(h.fake.warnings).toEqual([]);
    h.fake.assertNoRejections();
  });

  it("has another organizer review an organizer's own recommendation", async () => {
    h = await createHarness({ organizerIds: [900, 901] });
    const { organizer: olga } = await setUpCommunity(h);
    const sam = user({ id: 901, first_name: "Sam", language_code: "en" });
    await say(h, sam, "/start");
    await recommendAndSubmit(h, olga, TEA);
    // the request went to Sam only
    expect(h.fake.messages(olga.id).some((m) => m.text?.includes("New recommendation"))).toBe(false);
    const revision = await h.db.productRevision.findFirstOrThrow();
    // she sees it waiting in /review, but its button refuses her
    await say(h, olga, "/review");
    const own = await press(h, olga, TEA.name);
    expect(h.fake.callbackAnswer(own)?.text).toContain("your own recommendation");
    await press(h, sam, "Approve");
    expect(await h.db.productRevision.findFirstOrThrow()).toMatchObject({ status: "APPROVED" });
    h.fake.assertNoRejections();
  });

  it("keeps an approval when the card can't be posted, and posts it when asked again", async () => {
    h = await createHarness({ organizerIds: [900] });
    const { group, organizer, recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);
    // the card's photo, then (falling back) its text
    h.fake.failNext("sendPhoto", { kind: "error", error_code: 400, description: "Bad Request: chat not found" });
    h.fake.failNext("sendMessage", { kind: "error", error_code: 400, description: "Bad Request: chat not found" });
    await press(h, organizer, "Approve");
    expect(lastText(h, organizer.id)).toContain("I could not post the card in Green Street Co-op");
    expect(await h.db.product.findFirstOrThrow()).toMatchObject({ status: "APPROVED", cardMessageId: null });
    expect(lastText(h, alice.id)).toContain("was approved");

    await press(h, organizer, "Post the card again");
    expect(lastText(h, organizer.id)).toContain("The card of “Wild mountain tea” is now posted in Green Street Co-op");
    const card = h.fake.lastMessage(group.id)!;
    expect(card.caption).toContain("Wild mountain tea");
    expect(await h.db.product.findFirstOrThrow()).toMatchObject({ cardMessageId: card.message_id });
    h.fake.assertNoRejections();
  });

  /** A recommendation approved while Telegram refused its card (the photo, then the text). */
  async function approvedWithFailedPost() {
    h = await createHarness({ organizerIds: [900] });
    const community = await setUpCommunity(h);
    await recommendAndSubmit(h, community.recommender, TEA);
    h.fake.failNext("sendPhoto", { kind: "error", error_code: 400, description: "Bad Request: chat not found" });
    h.fake.failNext("sendMessage", { kind: "error", error_code: 400, description: "Bad Request: chat not found" });
    await press(h, community.organizer, "Approve");
    return community;
  }

  it("posts an approved card that never reached the group from the card job, once", async () => {
    const { group, organizer } = await approvedWithFailedPost();
    expect(await h.db.product.findFirstOrThrow()).toMatchObject({ status: "APPROVED", cardMessageId: null, cardClaimedAt: null });
    const cards = () => h.fake.messages(group.id).filter((m) => (m.caption ?? m.text ?? "").includes("Wild mountain tea"));
    expect(cards()).toHaveLength(0);

    // the job's next pass posts it, with the button to open a buy
    await h.flush();
    expect(cards()).toHaveLength(1);
    expect(await h.db.product.findFirstOrThrow()).toMatchObject({ cardMessageId: cards()[0]!.message_id });
    h.clock.advance(10 * 60_000);
    await h.flush();
    expect(cards()).toHaveLength(1);
    // asked again, the organizer hears it is already there
    await press(h, organizer, "Post the card again");
    expect(cards()).toHaveLength(1);
    h.fake.assertNoRejections();
  });

  it("leaves a card claimed by a process that died mid-post until the claim is stale, then posts it", async () => {
    const { group, organizer } = await approvedWithFailedPost();
    // as if another process had claimed the post and died before sending (or before recording it)
    await h.db.product.updateMany({ data: { cardClaimedAt: h.clock.now() } });
    const cards = () => h.fake.messages(group.id).filter((m) => (m.caption ?? m.text ?? "").includes("Wild mountain tea"));
    h.clock.advance(2 * 60_000);
    await h.flush();
    expect(cards()).toHaveLength(0);
    h.clock.advance(4 * 60_000);
    await h.flush();
    expect(cards()).toHaveLength(1);
    h.fake.assertNoRejections();
  });

  it("submits even without organizers, and says so", async () => {
    h = await createHarness();
    const { recommender: alice } = await setUpCommunity(h);
    await recommendAndSubmit(h, alice, TEA);
    expect(lastText(h, alice.id)).toContain("has no organizers yet");
    expect(await h.db.productRevision.count({ where: { status: "PENDING_REVIEW" } })).toBe(1);
    expect(await h.db.outboxMessage.count()).toBe(0);
    expect(h.fake.messages(privateChat(alice).id).length).toBeGreaterThan(0);
    h.fake.assertNoRejections();
  });
});
