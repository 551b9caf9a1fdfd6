// The product card is one photo: its first photo above the chart of where the
// money goes, the card as the caption (or a short caption and the full card
// right after when it is too long), the picture uploaded once per revision and
// locale, and the card never lost for want of a picture.
import { afterEach, describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { totalsByKind, COST_KINDS } from "../../src/domain/cost-kinds";
import { lastText, press, recommendAndSubmit, say, setUpCommunity, TEA } from "./recommend-helpers";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PHOTO_W = 400;
const PHOTO_H = 300;
/** at the chart's 800 px width */
const DRAWN_PHOTO_H = 600;
const CHART_TOP = 190;
const ROW_H = 52;
const BOTTOM = 24;

function photoBytes(): Buffer {
  const png = new PNG({ width: PHOTO_W, height: PHOTO_H });
  png.data.fill(0x80);
  return PNG.sync.write(png);
}

/** The product's photos get content the bot can download, as Telegram would serve them. */
async function givePhotosContent(productId: number): Promise<void> {
  const revision = await h.db.productRevision.findFirstOrThrow({ where: { productId }, orderBy: { version: "desc" } });
  for (const id of revision.photoFileIds.split(",").filter(Boolean)) h.fake.setFileContent(id, photoBytes(), "photo.png");
}

async function kindsOf(productId: number): Promise<number> {
  const revision = await h.db.productRevision.findFirstOrThrow({ where: { productId }, include: { costLines: true } });
  const totals = totalsByKind(revision.costLines);
  return COST_KINDS.filter((k) => totals[k] > 0).length;
}

function pngSize(message: FakeMessage): { width: number; height: number } {
  const png = PNG.sync.read(message.files[0]!.bytes!);
  return { width: png.width, height: png.height };
}

const buttonsOf = (m: FakeMessage | undefined) => m?.reply_markup?.inline_keyboard.flat() ?? [];

async function approved(answers = TEA, options: { content?: boolean } = {}): Promise<{ group: { id: number }; productId: number; organizer: User; alice: User }> {
  h = await createHarness({ organizerIds: [900] });
  const { group, organizer, recommender: alice } = await setUpCommunity(h);
  const productId = await recommendAndSubmit(h, alice, answers);
  if (options.content !== false) await givePhotosContent(productId);
  await press(h, organizer, "Approve");
  return { group, productId, organizer, alice };
}

describe("the product card as one picture", () => {
  it("posts an approved recommendation with two photos as one photo: the first photo above the chart, the card as its caption", async () => {
    const { group, productId } = await approved({ ...TEA, photos: 2 });
    const after = h.fake.messages(group.id).filter((m) => m.outgoing && (m.photo || m.caption?.includes("Wild mountain tea") || m.text?.includes("Wild mountain tea")));
    expect(after).toHaveLength(1);
    const card = after[0]!;
    expect(h.fake.callsOf("sendMediaGroup")).toHaveLength(0);
    expect(card.photo).toBeDefined();
    expect(pngSize(card)).toEqual({ width: 800, height: DRAWN_PHOTO_H + CHART_TOP + (await kindsOf(productId)) * ROW_H + BOTTOM });
    expect(card.caption).toContain("Wild mountain tea · 500 g");
    expect(card.caption).toContain("• Tea leaves — ¥30.00");
    expect(card.caption).toContain("价格：¥50.00 / 500 g");
    expect(buttonsOf(card).map((b) => b.text)).toEqual(["🛍 发起团购", "❓ 提问"]);
    expect((await h.db.product.findUniqueOrThrow({ where: { id: productId } })).cardMessageId).toBe(card.message_id);
    h.fake.assertNoRejections();
  });

  it("gives a card over 1,024 characters a short caption and the full card with its buttons right after", async () => {
    const story = "Old tea trees on the mountain, never sprayed, picked by hand. ".repeat(30).trim();
    const { group, productId } = await approved({ ...TEA, story, photos: 1 });
    const [photo, text] = h.fake.messages(group.id).slice(-2);
    expect(photo!.photo).toBeDefined();
    expect(photo!.caption).toContain("Wild mountain tea · 500 g — ¥50.00");
    expect(photo!.caption).toContain("完整卡片见下一条消息");
    expect(photo!.caption!.length).toBeLessThan(200);
    expect(buttonsOf(photo)).toEqual([]);
    expect(text!.text).toContain("never sprayed");
    expect(text!.text).toContain("价格：¥50.00 / 500 g");
    expect(buttonsOf(text).map((b) => b.text)).toEqual(["🛍 发起团购", "❓ 提问"]);
    expect((await h.db.product.findUniqueOrThrow({ where: { id: productId } })).cardMessageId).toBe(text!.message_id);
    h.fake.assertNoRejections();
  });

  it("posts the chart alone with the card as its caption when there are no photos", async () => {
    const { group, productId } = await approved(TEA);
    const card = h.fake.lastMessage(group.id)!;
    expect(card.photo).toBeDefined();
    expect(pngSize(card)).toEqual({ width: 800, height: CHART_TOP + (await kindsOf(productId)) * ROW_H + BOTTOM });
    expect(card.caption).toContain("Wild mountain tea · 500 g");
    expect(buttonsOf(card).map((b) => b.text)).toEqual(["🛍 发起团购", "❓ 提问"]);
  });

  it("renders and uploads a card's picture once per revision and language, and sends its file_id after", async () => {
    const { productId } = await approved({ ...TEA, photos: 1 });
    const uploads = () => h.fake.callsOf("sendPhoto").filter((c) => typeof c.params.photo !== "string").length;
    expect(uploads()).toBe(1);
    // a Chinese member sees the group's picture; an English one gets it drawn once in English
    const mei = user({ first_name: "Mei", language_code: "zh" });
    const bob = user({ first_name: "Bob", language_code: "en" });
    for (const who of [mei, bob, bob, mei]) {
      await say(h, who, `/start p${productId}`);
      expect(h.fake.lastMessage(who.id)!.photo).toBeDefined();
      expect(lastText(h, who.id)).toContain("Wild mountain tea");
    }
    expect(uploads()).toBe(2);
    const sends = h.fake.callsOf("sendPhoto").map((c) => c.params.photo);
    expect(sends.filter((p) => typeof p === "string")).toHaveLength(3);
    expect(lastText(h, bob.id)).toContain("Price: ¥50.00 / 500 g");
    h.fake.assertNoRejections();
  });

  it("falls back to the photos and the text when the photo can't be downloaded", async () => {
    const { group, productId } = await approved({ ...TEA, photos: 2 }, { content: false });
    const messages = h.fake.messages(group.id);
    const card = messages.at(-1)!;
    expect(card.text).toContain("Wild mountain tea · 500 g");
    expect(buttonsOf(card).map((b) => b.text)).toEqual(["🛍 发起团购", "❓ 提问"]);
    expect(h.fake.callsOf("sendMediaGroup")).toHaveLength(1);
    expect(messages.filter((m) => m.photo)).toHaveLength(2);
    expect((await h.db.product.findUniqueOrThrow({ where: { id: productId } })).cardMessageId).toBe(card.message_id);
    // nothing was cached: once the photo can be had, the card is one picture
    await givePhotosContent(productId);
    const mei = user({ first_name: "Mei", language_code: "zh" });
    await say(h, mei, `/start p${productId}`);
    const shown = h.fake.lastMessage(mei.id)!;
    expect(shown.photo).toBeDefined();
    expect(pngSize(shown).height).toBe(DRAWN_PHOTO_H + CHART_TOP + (await kindsOf(productId)) * ROW_H + BOTTOM);
  });

  it("retires an older photo card's button when a new revision is approved", async () => {
    const story = "Old tea trees on the mountain, never sprayed, picked by hand. ".repeat(30).trim();
    const { group, productId, organizer, alice } = await approved({ ...TEA, photos: 1 });
    const first = (await h.db.product.findUniqueOrThrow({ where: { id: productId } })).cardMessageId!;
    expect(h.fake.message(group.id, first)!.photo).toBeDefined();
    h.clock.advance(24 * 3600_000);
    await say(h, alice, "/my_products");
    await press(h, alice, "✏️ Edit");
    await press(h, alice, "Story");
    await say(h, alice, story);
    await press(h, alice, "Submit for review");
    await press(h, organizer, "Approve");
    const second = (await h.db.product.findUniqueOrThrow({ where: { id: productId } })).cardMessageId!;
    expect(second).not.toBe(first);
    expect(buttonsOf(h.fake.message(group.id, first))).toEqual([]);
    // the new card is too long for a caption: its buttons are on the text after the picture
    const textCard = h.fake.message(group.id, second)!;
    expect(textCard.text).toContain("never sprayed");
    expect(buttonsOf(textCard).map((b) => b.text)).toEqual(["🛍 发起团购", "❓ 提问"]);
    h.fake.assertNoRejections();
  });
});
