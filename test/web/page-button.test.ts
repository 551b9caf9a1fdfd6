import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, user } from "../fake-telegram/updates";
import { announcement, buttonData, buttons, flushAnnouncements, members } from "../helpers/group-buy-fixtures";
import { callbackQuery } from "../fake-telegram/updates";
import { publishProductCard } from "../../src/features/products/publish-card";
import { riceBuy, settleStatements } from "../helpers/statement-fixtures";
import { turnPageOn } from "../helpers/web";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

async function closedBuy(env: Record<string, string> = { PUBLIC_BASE_URL: "https://coop.example" }) {
  h = await createHarness({ organizerIds: [ORGANIZER], env });
  const joiners = members(2);
  const community = await riceBuy(h, boss, rita, joiners, "5%");
  await h.send(command(boss, community.group, "close", String(community.buyId)));
  await settleStatements(h);
  return { ...community, joiners };
}

/** riceBuy, and the product it opened. */
async function riceBuyWithProduct() {
  const community = await riceBuy(h, boss, rita, members(2), "5%");
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: community.buyId } });
  return { ...community, productId: buy.productId };
}

describe("the 📊 open books button", () => {
  it("under /books: a Mini App in private, a link to the same page in the group; none while the page is off", async () => {
    const { communityId, buyId, group, joiners } = await closedBuy();
    const member = joiners[0]!;
    const chat = privateChat(member);
    await h.send(command(member, chat, "books", String(buyId)));
    expect(buttons(h.fake.lastMessage(chat.id)).filter((b) => "web_app" in b || "url" in b)).toEqual([]);

    await turnPageOn(h, communityId);
    await h.send(command(member, chat, "books", String(buyId)));
    expect(buttons(h.fake.lastMessage(chat.id))).toEqual([{ text: "📊 Open books", web_app: { url: `https://coop.example/c/${communityId}?lang=en` } }]);
    await h.send(command(member, group, "books", String(buyId)));
    expect(buttons(h.fake.lastMessage(group.id))).toEqual([{ text: "📊 Open books", url: `https://coop.example/c/${communityId}?lang=en` }]);
    // the month's books too, below the organizer's CSV button
    await h.send(command(boss, group, "books", "month"));
    const month = buttons(h.fake.lastMessage(group.id));
    expect(month.map((b) => b.text)).toEqual(["📄 CSV (organizers)", "📊 Open books"]);
    expect(month[1]).toMatchObject({ url: `https://coop.example/c/${communityId}?lang=en` });
  });

  it("under the buy's announcement and the product's card in the group: a link to the page, once it is on", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER], env: { PUBLIC_BASE_URL: "https://coop.example" } });
    const { communityId, buyId, productId, group } = await riceBuyWithProduct();
    const link = { text: "📊 公开账本", url: `https://coop.example/c/${communityId}?lang=zh` };
    expect(buttons(await announcement(h, buyId))).not.toContainEqual(link);
    await turnPageOn(h, communityId);
    // the next edit of the announcement (a tap) brings the button
    const post = await announcement(h, buyId);
    await h.send(callbackQuery(user({ first_name: "Late" }), post, buttonData(post, "gbadd:")));
    await flushAnnouncements(h);
    const rows = (await announcement(h, buyId)).reply_markup!.inline_keyboard;
    expect(rows.at(-1)).toEqual([link]);
    // a card posted now carries it too
    await publishProductCard(h.services, h.bot.api, productId, communityId);
    const card = h.fake.messages(group.id).filter((m) => buttons(m).some((b) => "callback_data" in b && b.callback_data.startsWith("pcopen")) || buttons(m).some((b) => "url" in b)).at(-1);
    expect(buttons(card).at(-1)).toEqual(link);
  });

  it("is a plain link where the page is not https (no Mini App)", async () => {
    const { communityId, buyId, joiners } = await closedBuy({ PUBLIC_BASE_URL: "http://127.0.0.1:8081" });
    await turnPageOn(h, communityId);
    const member = joiners[0]!;
    const chat = privateChat(member);
    await h.send(command(member, chat, "books", String(buyId)));
    expect(buttons(h.fake.lastMessage(chat.id))).toEqual([{ text: "📊 Open books", url: `http://127.0.0.1:8081/c/${communityId}?lang=en` }]);
  });

  it("the fake Telegram refuses web_app buttons as Telegram does: in groups, and to pages that are not https", async () => {
    const { group, joiners } = await closedBuy();
    h.allowRejections((call) => call.method === "sendMessage"); // provoked below
    const button = (url: string) => ({ reply_markup: { inline_keyboard: [[{ text: "app", web_app: { url } }]] } });
    await expect(h.bot.api.sendMessage(group.id, "x", button("https://coop.example/c/1"))).rejects.toThrow("BUTTON_TYPE_INVALID");
    await expect(h.bot.api.sendMessage(joiners[0]!.id, "x", button("http://coop.example/c/1"))).rejects.toThrow("Only HTTPS links are allowed");
    await expect(h.bot.api.sendMessage(joiners[0]!.id, "x", button("https://coop.example/c/1"))).resolves.toBeTruthy();
  });
});
