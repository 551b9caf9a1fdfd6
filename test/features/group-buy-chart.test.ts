// Each buy's announcement is preceded by a chart of its price breakdown, posted
// once under the announcement's claim, and the announcement still goes when
// the chart can't.
import { afterEach, describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { guessKind } from "../../src/domain/cost-kinds";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 700;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });

async function world() {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const { group, communityId } = await setupCommunity(h, boss);
  const { productId, revisionId } = await createApprovedProduct(h, { communityId, recommender: boss });
  // the kinds the recommender would have confirmed (the wizard's step is another part of the issue)
  for (const line of await h.db.costLine.findMany({ where: { revisionId } })) {
    await h.db.costLine.update({ where: { id: line.id }, data: { kind: guessKind(line.label) } });
  }
  return { group, productId };
}

const settings = { min: "1", deadline: "+2d" };

describe("a buy's announcement with its chart", () => {
  it("is preceded by a PNG of the buy's breakdown, once", async () => {
    const { group, productId } = await world();
    const buyId = await openBuy(h, boss, productId, settings);
    const post = await announcement(h, buyId);
    const messages = h.fake.messages(group.id);
    const at = messages.findIndex((m) => m.message_id === post.message_id);
    const chart = messages[at - 1]!;
    expect(chart.photo).toBeDefined();
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.chartMessageId).toBe(chart.message_id);
    const png = PNG.sync.read(chart.files[0]!.bytes!);
    expect(png.width).toBe(800);
    expect(png.height).toBe(190 + 4 * 52 + 24); // producer, packaging, logistics, co-op fee
    expect(messages.filter((m) => m.photo)).toHaveLength(1);
    // later ticks edit the announcement; they never post the chart again
    h.clock.advance(11 * 60_000);
    await h.flush();
    await h.restartBot();
    await h.flush();
    expect(h.fake.messages(group.id).filter((m) => m.photo)).toHaveLength(1);
    h.fake.assertNoRejections();
  });

  it("is posted once when the announcement fails and is posted again later", async () => {
    const { group, productId } = await world();
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "start", `o${productId}`));
    for (const answer of ["25", "1"]) await h.send(textMessage(boss, chat, answer));
    for (const step of ["gbo:stock:", "gbo:cap:"]) await h.send(callbackQuery(boss, h.fake.lastMessage(chat.id)!, buttonData(h.fake.lastMessage(chat.id), step)));
    for (const answer of ["+2d", "Pickup at the gate", "0"]) await h.send(textMessage(boss, chat, answer));
    h.fake.failNext("sendMessage", { kind: "error", error_code: 403, description: "Forbidden: bot is not a member of the supergroup chat" });
    await h.send(callbackQuery(boss, h.fake.lastMessage(chat.id)!, buttonData(h.fake.lastMessage(chat.id), "gbo:confirm:yes")));
    const buyId = (await h.db.groupBuy.findFirstOrThrow()).id;
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).announcementMessageId).toBeNull();
    h.clock.advance(31_000);
    await h.flush();
    await announcement(h, buyId);
    expect(h.fake.messages(group.id).filter((m) => m.photo)).toHaveLength(1);
    expect(h.fake.messages(group.id).filter((m) => m.text?.includes(`#${buyId}`))).toHaveLength(1);
  });

  it("goes as text alone when the chart can't be posted", async () => {
    const { group, productId } = await world();
    h.fake.failNext("sendPhoto", { kind: "error", error_code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" });
    const buyId = await openBuy(h, boss, productId, settings);
    await announcement(h, buyId);
    expect(h.fake.messages(group.id).filter((m) => m.photo)).toHaveLength(0);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).chartMessageId).toBeNull();
  });
});
