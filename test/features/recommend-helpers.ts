// Shared steps for the recommendation tests: a community with organizers,
// pressing buttons by their label, and the whole guided flow with good answers.
import type { User } from "grammy/types";
import { expect } from "vitest";
import type { Harness } from "../helpers/harness";
import { callbackQuery, command, photoMessage, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import { addBotToCommunity } from "../helpers/communities";
import type { FakeMessage } from "../fake-telegram/types";

export type Community = { group: ReturnType<typeof supergroup>; organizer: User; recommender: User };

/** A group with the bot, an organizer (ORGANIZER_IDS must hold `organizerId`) and a recommender who spoke in it. */
export async function setUpCommunity(
  h: Harness,
  options: { organizerId?: number; title?: string; language?: string; recommender?: User } = {},
): Promise<Community> {
  const language = options.language ?? "en";
  const organizer = user({ id: options.organizerId ?? 900, first_name: "Olga", language_code: language });
  const recommender = options.recommender ?? user({ first_name: "Alice", language_code: language });
  const group = supergroup({ title: options.title ?? "Green Street Co-op" });
  await addBotToCommunity(h, organizer, group);
  await h.send(command(organizer, privateChat(organizer), "start"), textMessage(recommender, group, "hello neighbours"));
  return { group, organizer, recommender };
}

function buttonsOf(message: FakeMessage) {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}

/** The newest message in the chat with a button whose label matches. */
export function findButton(h: Harness, chatId: number, label: string | RegExp): { message: FakeMessage; data: string } {
  const matches = (text: string) => (typeof label === "string" ? text.includes(label) : label.test(text));
  const messages = h.fake.messages(chatId);
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    const button = buttonsOf(message).find((b) => matches(b.text));
    if (button && "callback_data" in button) return { message, data: button.callback_data };
  }
  throw new Error(`no button ${String(label)} in chat ${chatId}: ${messages.slice(-3).map((m) => JSON.stringify(buttonsOf(m).map((b) => b.text))).join(" ")}`);
}

export async function press(h: Harness, who: User, label: string | RegExp, chatId = who.id): Promise<string> {
  const { message, data } = findButton(h, chatId, label);
  const update = callbackQuery(who, message, data);
  await h.send(update);
  return update.callback_query!.id;
}

export async function say(h: Harness, who: User, text: string): Promise<void> {
  await h.send(textMessage(who, privateChat(who), text));
}

/** The last message's text, or its caption (a product card is a photo with the card as its caption). */
export const lastText = (h: Harness, chatId: number) => h.fake.lastMessage(chatId)?.text ?? h.fake.lastMessage(chatId)?.caption ?? "";

export type ProductAnswers = {
  name: string;
  unit: string;
  producer: [name: string, location: string, contact: string];
  tags: string[];
  story: string;
  /** messages of cost lines */
  costs: string[];
  price: string;
  photos?: number;
};

export const TEA: ProductAnswers = {
  name: "Wild mountain tea",
  unit: "500 g",
  producer: ["Yunling Tea Growers", "Pu'er, Yunnan", "+86 138 0000 0000"],
  tags: ["Ecological farming", "Fair trade"],
  story: "Old tea trees on the mountain, never sprayed, picked and roasted by hand by the village's growers.",
  costs: ["Tea leaves 30\nLabour 12.50", "Packaging 3", "Co-op fee 4.50"],
  price: "50",
  photos: 0,
};

/** Answers every question from /recommend up to (not including) the price. */
export async function answerUpToPrice(h: Harness, who: User, a: ProductAnswers): Promise<void> {
  await say(h, who, "/recommend");
  await say(h, who, a.name);
  await say(h, who, a.unit);
  for (const answer of a.producer) await say(h, who, answer);
  for (const tag of a.tags) await press(h, who, tag);
  await press(h, who, /Done|完成/);
  await say(h, who, a.story);
  for (const lines of a.costs) await say(h, who, lines);
  await press(h, who, /Done, on to the price|完成，设置价格/);
}

/** Confirms the guessed kinds of the cost lines (the step after the price). */
export async function confirmKinds(h: Harness, who: User): Promise<void> {
  await press(h, who, /All correct|都对/);
}

/** The whole flow with a breakdown that adds up, to the preview (not submitted). */
export async function recommendToPreview(h: Harness, who: User, a: ProductAnswers): Promise<void> {
  await answerUpToPrice(h, who, a);
  await say(h, who, a.price);
  await confirmKinds(h, who);
  for (let i = 0; i < (a.photos ?? 0); i++) await h.send(photoMessage(who, privateChat(who)));
  await press(h, who, /Done \(|No photos|完成（|不放照片/);
  expect(lastText(h, who.id)).toMatch(/Preview|预览/);
}

/** Recommends and submits; returns the product id. */
export async function recommendAndSubmit(h: Harness, who: User, a: ProductAnswers): Promise<number> {
  await recommendToPreview(h, who, a);
  await press(h, who, /Submit for review|提交审核/);
  const product = await h.db.product.findFirst({ where: { recommender: { telegramId: BigInt(who.id) } }, orderBy: { id: "desc" } });
  return product!.id;
}
