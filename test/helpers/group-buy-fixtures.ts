import type { Chat, InlineKeyboardButton, User } from "grammy/types";
import { expect } from "vitest";
import type { Harness } from "./harness";
import type { FakeMessage } from "../fake-telegram/types";
import { callbackQuery, command, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import { addBotToCommunity } from "./communities";
import { guessKind } from "../../src/domain/cost-kinds";

// Fixtures for group-buy tests. Products come from the recommendation feature,
// which is built elsewhere: here they are written straight into the database
// as that feature would leave an approved one.

export type Community = { group: Chat.SupergroupChat; communityId: number; organizer: User };

/** An active community the organizer added the bot to (an operator, when in the harness's organizerIds). */
export async function setupCommunity(h: Harness, organizer: User, title = "Green Street Co-op"): Promise<Community> {
  const group = supergroup({ title });
  const communityId = await addBotToCommunity(h, organizer, group);
  return { group, communityId, organizer };
}

/** Makes sure the bot knows this person (as it would after any message from them). */
export async function memberId(h: Harness, u: User): Promise<number> {
  return (await h.services.members.fromTelegram(u)).id;
}

export type ProductInput = {
  communityId: number;
  recommender: User;
  name?: string;
  unit?: string;
  priceFen?: number;
  costLines?: [string, number][];
};

/** An approved product with an approved revision and its cost breakdown. */
export async function createApprovedProduct(h: Harness, input: ProductInput): Promise<{ productId: number; revisionId: number; recommenderId: number }> {
  const recommenderId = await memberId(h, input.recommender);
  const producer = await h.db.producer.create({ data: { communityId: input.communityId, name: "Sunny Farm", location: "Chongming", contact: "13800000000" } });
  const product = await h.db.product.create({ data: { communityId: input.communityId, recommenderId, producerId: producer.id, status: "APPROVED" } });
  const costLines = input.costLines ?? [["Rice", 1800], ["Packaging", 200], ["Logistics", 300], ["Co-op fee", 200]];
  const priceFen = input.priceFen ?? costLines.reduce((sum, [, fen]) => sum + fen, 0);
  const revision = await h.db.productRevision.create({
    data: {
      productId: product.id,
      version: 1,
      name: input.name ?? "Organic rice",
      unit: input.unit ?? "bag",
      story: "Grown without pesticides by a family farm.",
      tags: "grain",
      priceFen,
      currency: "CNY",
      status: "APPROVED",
      reviewedAt: new Date(),
      costLines: { create: costLines.map(([label, amountFen], position) => ({ label, amountFen, position, kind: guessKind(label) })) },
    },
  });
  await h.db.product.update({ where: { id: product.id }, data: { approvedRevisionId: revision.id } });
  return { productId: product.id, revisionId: revision.id, recommenderId };
}

/** The inline buttons of a message, flat. */
export function buttons(message: FakeMessage | undefined): InlineKeyboardButton[] {
  return message?.reply_markup?.inline_keyboard.flat() ?? [];
}

/** The callback data of the button whose data starts with `prefix`. */
export function buttonData(message: FakeMessage | undefined, prefix: string): string {
  const found = buttons(message).find((b) => "callback_data" in b && b.callback_data.startsWith(prefix)) as { callback_data: string } | undefined;
  if (!found) throw new Error(`no button ${prefix}… on message: ${message?.text?.slice(0, 200)}`);
  return found.callback_data;
}

export type BuySettings = {
  price?: string;
  min: string;
  stock?: string;
  memberCap?: string;
  deadline: string;
  pickup?: string;
  commission?: string;
  /**
   * The line that absorbs a price or commission other than the product's
   * (a part of its label, as on the button); when the dialog asks and none is given, the first line.
   */
  absorb?: string;
};

/** Runs the whole "open a group buy" dialog in the opener's private chat; returns the new buy's id. */
export async function openBuy(h: Harness, opener: User, productId: number, s: BuySettings): Promise<number> {
  const chat = privateChat(opener);
  const tap = async (prefix: string) => h.send(callbackQuery(opener, h.fake.lastMessage(chat.id)!, buttonData(h.fake.lastMessage(chat.id), prefix)));
  const say = async (text: string) => h.send(textMessage(opener, chat, text));
  await h.send(command(opener, chat, "start", `o${productId}`));
  if (s.price) await say(s.price);
  else await tap("gbo:price:");
  await say(s.min);
  if (s.stock) await say(s.stock);
  else await tap("gbo:stock:none");
  if (s.memberCap) await say(s.memberCap);
  else await tap("gbo:cap:none");
  await say(s.deadline);
  await say(s.pickup ?? "Saturday 10:00 at the community centre");
  if (s.commission) await say(s.commission);
  else await tap("gbo:comm:");
  const asked = h.fake.lastMessage(chat.id);
  if (buttons(asked).some((b) => "callback_data" in b && b.callback_data.startsWith("gbo:absorb:"))) {
    const line = buttons(asked).find((b) => "callback_data" in b && b.callback_data.startsWith("gbo:absorb:") && (!s.absorb || b.text.includes(s.absorb)));
    if (!line || !("callback_data" in line)) throw new Error(`no absorbing line ${s.absorb} on: ${asked?.text}`);
    await h.send(callbackQuery(opener, asked!, line.callback_data));
  }
  await tap("gbo:confirm:yes");
  const buy = await h.db.groupBuy.findFirst({ where: { productId }, orderBy: { id: "desc" } });
  expect(buy, `dialog did not open a buy; last reply: ${h.fake.lastMessage(chat.id)?.text}`).toBeTruthy();
  return buy!.id;
}

/** The buy's announcement as the group sees it now. */
export async function announcement(h: Harness, buyId: number): Promise<FakeMessage> {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId }, include: { community: true } });
  const message = h.fake.message(Number(buy.community.telegramChatId), buy.announcementMessageId!);
  if (!message) throw new Error(`buy ${buyId} has no announcement`);
  return message;
}

/** Lets the announcement flusher run: past the per-group edit gap, then one scheduler tick. */
export async function flushAnnouncements(h: Harness): Promise<void> {
  h.clock.advance(3_100);
  await h.flush();
}

/** n members with English clients. */
export function members(n: number, prefix = "Member"): User[] {
  return Array.from({ length: n }, (_, i) => user({ first_name: `${prefix}${i + 1}`, language_code: "en" }));
}
