import { readFileSync } from "node:fs";
import { FluentResource } from "@fluent/bundle";
import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, sticker, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { buttons, createApprovedProduct, memberId, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { askQuestion } from "../../src/features/questions/use-cases/ask";
import { postNewQa } from "../../src/features/questions/use-cases/post-new-qa";
import { answerQuestion } from "../../src/features/questions/use-cases/answer";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const olga = user({ id: 900, first_name: "Olga", language_code: "en" });
const alice = user({ first_name: "Alice", language_code: "en" }); // the recommender
const bob = user({ first_name: "Bob", last_name: "Li", username: "bobli", language_code: "en" }); // asks

async function world() {
  h = await createHarness({ organizerIds: [olga.id] });
  const { group, communityId } = await setupCommunity(h, olga);
  const { productId } = await createApprovedProduct(h, { communityId, recommender: alice, name: "Organic rice" });
  // both seen in the group: members of its community
  await h.send(textMessage(alice, group, "hi"), textMessage(bob, group, "hello"));
  return { group, communityId, productId };
}

const texts = (chatId: number) => h.fake.messages(chatId).map((m) => m.text ?? m.caption ?? "");
const lastText = (chatId: number) => texts(chatId).at(-1) ?? "";
const say = (who: User, text: string) => h.send(textMessage(who, privateChat(who), text));

/** The newest message in the chat with a button whose label matches; its button. */
function findButton(chatId: number, label: RegExp): { message: FakeMessage; button: ReturnType<typeof buttons>[number] } {
  const messages = h.fake.messages(chatId);
  for (let i = messages.length - 1; i >= 0; i--) {
    const button = buttons(messages[i]).find((b) => label.test(b.text));
    if (button) return { message: messages[i]!, button };
  }
  throw new Error(`no button ${String(label)} in chat ${chatId}`);
}

async function press(who: User, label: RegExp, chatId = who.id): Promise<void> {
  const { message, button } = findButton(chatId, label);
  if (!("callback_data" in button)) throw new Error(`${button.text} is no callback button`);
  await h.send(callbackQuery(who, message, button.callback_data));
}

/** Asks through the group card's ❓ link: /card in the group, then the link's /start in private. */
async function askFromGroupCard(group: { id: number }, productId: number, text: string): Promise<void> {
  await h.send(command(bob, group as never, "card", String(productId)));
  const { button } = findButton(group.id, /❓ Ask/);
  expect(button).toMatchObject({ url: `https://t.me/letscoop_test_bot?start=a${productId}` });
  await h.send(command(bob, privateChat(bob), "start", `a${productId}`));
  expect(lastText(bob.id)).toContain("What would you like to ask Alice about “Organic rice”?");
  await say(bob, text);
  await h.flush();
}

describe("questions to the recommender", () => {
  it("asked from the group card's ❓, answered, published by both: on /card, and one 新问答 post an hour, coalesced", async () => {
    const { group, productId } = await world();
    await askFromGroupCard(group, productId, "Is the rice <really> sprayed-free?");
    expect(lastText(bob.id)).toContain("Sent to Alice");

    // the recommender is told, with an Answer button
    const notice = lastText(alice.id);
    expect(notice).toContain("Bob Li asked about “Organic rice”");
    expect(notice).toContain("Is the rice <really> sprayed-free?"); // escaped in HTML, shown as written
    expect(notice).not.toContain("bobli");
    await press(alice, /Answer/);
    expect(lastText(alice.id)).toContain("Your answer to Bob Li's question");
    await say(alice, "Yes: no pesticides, the farm is certified.");
    expect(lastText(alice.id)).toContain("Your answer was sent to Bob Li. Publish your answer");
    const question = await h.db.question.findFirstOrThrow();
    expect(question).toMatchObject({ answer: "Yes: no pesticides, the farm is certified.", publishedAt: null });

    // the recommender agrees: not public yet
    await press(alice, /^📢 Publish$/);
    expect(lastText(alice.id)).toContain("once Bob Li agrees too");
    await h.flush();
    expect((await h.db.question.findFirstOrThrow()).publishedAt).toBeNull();
    await h.send(command(bob, privateChat(bob), "card", String(productId)));
    expect(lastText(bob.id)).toContain("No public Q&A yet");

    // the asker is told of the answer, and agrees: public now
    expect(texts(bob.id).some((t) => t.includes("Alice answered your question about “Organic rice”") && t.includes("Yes: no pesticides"))).toBe(true);
    await press(bob, /Publish my question/);
    expect(lastText(bob.id)).toContain(`Published in the card's Q&A: /card ${productId}`);
    expect((await h.db.question.findFirstOrThrow()).publishedAt).not.toBeNull();

    // /card shows the card (with its Q&A line) and the Q&A
    await h.send(command(bob, privateChat(bob), "card", String(productId)));
    expect(lastText(bob.id)).toContain("Public Q&A of “Organic rice” (1)");
    expect(lastText(bob.id)).toContain("❓ Bob Li: Is the rice <really> sprayed-free?");
    expect(lastText(bob.id)).toContain("💬 Alice: Yes: no pesticides");
    expect(texts(bob.id).at(-2)).toContain(`Q&A: 1 · /card ${productId}`);

    // the group hears of it once, in the community's language (the job runs every minute)
    h.clock.advance(60_000);
    await h.flush();
    const posts = () => texts(group.id).filter((t) => t.includes("新问答"));
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toContain("「Organic rice」（1 条）");
    expect(findButton(group.id, /❓ 提问/).button).toMatchObject({ url: `https://t.me/letscoop_test_bot?start=a${productId}` });
    expect(posts()[0]).toContain("Is the rice <really> sprayed-free?");

    // two more within the hour wait for the hour, then go in one post
    for (const [question, answer] of [["Where is the farm?", "Chongming island."], ["Brown or white?", "White."]] as const) {
      h.clock.advance(5 * 60_000);
      await askFromGroupCard(group, productId, question);
      await press(alice, /Answer/);
      await say(alice, answer);
      await press(alice, /^📢 Publish$/);
      await h.flush();
      await press(bob, /Publish my question/);
      h.clock.advance(60_000);
      await h.flush();
    }
    expect(posts()).toHaveLength(1); // within the hour of the first post
    h.clock.advance(50 * 60_000);
    await h.flush();
    expect(posts()).toHaveLength(2);
    expect(posts()[1]).toContain("「Organic rice」（2 条）");
    expect(posts()[1]).toContain("Where is the farm?");
    expect(posts()[1]).toContain("Brown or white?");
    expect(posts()[1]).not.toContain("sprayed-free");
    h.clock.advance(2 * 3600_000);
    await h.flush();
    expect(posts()).toHaveLength(2); // nothing new: no post
  });

  it("re-asks an empty, too long or non-text question, and a re-delivered update asks once", async () => {
    const { productId } = await world();
    // from the card in private: ❓ is a button there
    await h.send(command(bob, privateChat(bob), "start", `p${productId}`));
    await press(bob, /❓ Ask/);
    await say(bob, "   ");
    expect(lastText(bob.id)).toContain("That was empty");
    expect(lastText(bob.id)).toContain("What would you like to ask Alice");
    await say(bob, "x".repeat(1001));
    expect(lastText(bob.id)).toContain("That is too long (1001 characters, at most 1000)");
    await h.send(sticker(bob, privateChat(bob)));
    expect(lastText(bob.id)).toContain("Please write your question as text");
    expect(await h.db.question.count()).toBe(0);
    // /help is answered and the question still waits
    await say(bob, "/help");
    expect(lastText(bob.id)).toContain("Commands you can use");

    // the dialog survives a restart
    await h.restartBot();
    const update = h.fake.pushUpdate(textMessage(bob, privateChat(bob), "Is it new rice?"));
    await h.fake.settle();
    await h.bot.handleUpdate(structuredClone(update));
    await h.flush();
    expect(await h.db.question.count()).toBe(1);
    expect(texts(alice.id).filter((t) => t.includes("Is it new rice?"))).toHaveLength(1);
    expect(texts(bob.id).filter((t) => t.includes("Sent to Alice"))).toHaveLength(1);

    // the question is kept by its update: asked again for the same update (a dialog replayed), nothing new
    const again = await askQuestion(h.services, { productId, askerId: await memberId(h, bob), text: "Is it new rice?", updateId: update.update_id });
    expect(again.ok).toBe(true);
    await h.flush();
    expect(await h.db.question.count()).toBe(1);
    expect(texts(alice.id).filter((t) => t.includes("Is it new rice?"))).toHaveLength(1);

    // another link ends the dialog, then opens
    await h.send(command(bob, privateChat(bob), "start", `a${productId}`));
    await h.send(command(bob, privateChat(bob), "start", `p${productId}`));
    expect(texts(bob.id).slice(-3).some((t) => t.includes("nothing was sent"))).toBe(true);
    await say(bob, "Not a question any more");
    expect(await h.db.question.count()).toBe(1);

    // /cancel sends nothing
    await h.send(command(bob, privateChat(bob), "start", `a${productId}`));
    await say(bob, "/cancel");
    expect(lastText(bob.id)).toContain("nothing was sent");
    expect(await h.db.question.count()).toBe(1);
  });

  it("only the recommender answers: a forged Answer or publish is refused; /my_products lists what waits", async () => {
    const { productId } = await world();
    await h.send(command(bob, privateChat(bob), "start", `a${productId}`));
    await say(bob, "How old is it?");
    await h.flush();
    const q = await h.db.question.findFirstOrThrow();

    // Bob forges the Answer button of his own question on a message of his own
    const forged = callbackQuery(bob, h.fake.lastMessage(bob.id)!, `qans:${q.id}`);
    await h.send(forged);
    expect(h.fake.callbackAnswer(forged.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." });
    await say(bob, "It is one year old.");
    expect((await h.db.question.findFirstOrThrow()).answer).toBeNull();
    // behind the guard, the use-case itself refuses anyone but the recommender
    expect(await answerQuestion(h.services, { questionId: q.id, memberId: await memberId(h, bob), text: "forged" })).toEqual({ ok: false, reason: "not-yours" });
    // and the publish of the recommender's answer
    await h.send(callbackQuery(bob, h.fake.lastMessage(bob.id)!, `qpub:${q.id}:r:1`));
    expect((await h.db.question.findFirstOrThrow()).answerPublishes).toBe(false);

    // the recommender's /my_products lists it with its Answer button
    await h.send(command(alice, privateChat(alice), "my_products"));
    expect(lastText(alice.id)).toContain("Questions waiting for your answer (1)");
    expect(lastText(alice.id)).toContain("Organic rice</b>: How old is it?".replace("</b>", ""));
    await press(alice, /Answer 1/);
    await say(alice, "Harvested in October.");
    expect((await h.db.question.findFirstOrThrow()).answer).toBe("Harvested in October.");
    await h.send(command(alice, privateChat(alice), "my_products"));
    expect(lastText(alice.id)).not.toContain("Questions waiting");

    // the recommender can't ask about their own product
    await h.send(command(alice, privateChat(alice), "start", `a${productId}`));
    expect(lastText(alice.id)).toContain("your own recommendation");
  });

  it("claims a 新问答 post once when two instances pass at the same time", async () => {
    const { productId } = await world();
    const [askerId, recommenderId] = [await memberId(h, bob), await memberId(h, alice)];
    const at = h.clock.now();
    await h.db.question.create({
      data: { productId, askerId, recommenderId, text: "Q?", answer: "A.", answeredAt: at, askerPublishes: true, answerPublishes: true, publishedAt: at, updateKey: "seed" },
    });
    h.clock.advance(1000);
    const posted = await Promise.all([postNewQa(h.services, "letscoop_test_bot"), postNewQa(h.services, "letscoop_test_bot")]);
    expect(posted[0] + posted[1]).toBe(1);
    expect(await h.db.outboxMessage.count({ where: { dedupKey: { startsWith: "qa-post:" } } })).toBe(1);
    expect((await h.db.product.findUniqueOrThrow({ where: { id: productId } })).qaPostedAt).toEqual(h.clock.now());
  });

  it("puts ❓ under a buy's announcement: a link to the private chat", async () => {
    const { group, productId } = await world();
    const buyId = await openBuy(h, olga, productId, { min: "1", deadline: "in 3 days" });
    await h.flush();
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    const announcement = h.fake.message(group.id, buy.announcementMessageId!)!;
    expect(buttons(announcement)).toContainEqual(expect.objectContaining({ text: "❓ 提问", url: `https://t.me/letscoop_test_bot?start=a${productId}` }));
  });
});

describe("the questions strings", () => {
  const ftl = (locale: string) => readFileSync(new URL(`../../locales/${locale}/questions.ftl`, import.meta.url), "utf8");
  const ids = (locale: string) => new FluentResource(ftl(locale)).body.map((m) => m.id);
  it("parse without junk and have the same keys in zh and en", () => {
    for (const locale of ["zh", "en"]) expect(ids(locale), locale).toEqual([...ftl(locale).matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!));
    expect(ids("zh")).toEqual(ids("en"));
  });
});
