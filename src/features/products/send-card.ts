import type { Api } from "grammy";
import type { ProductCard } from "./product-card";

/** Sends photos (if any) and then the card text with its buttons; returns the text message's id. */
export async function sendProductCard(api: Api, chatId: number, card: ProductCard, options: { replyTo?: number } = {}): Promise<number> {
  const reply = options.replyTo ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {};
  if (card.photoFileIds.length === 1) {
    await api.sendPhoto(chatId, card.photoFileIds[0]!, reply);
  } else if (card.photoFileIds.length > 1) {
    await api.sendMediaGroup(
      chatId,
      card.photoFileIds.map((media) => ({ type: "photo" as const, media })),
      reply,
    );
  }
  const hasButtons = card.keyboard.inline_keyboard.some((row) => row.length > 0);
  const sent = await api.sendMessage(chatId, card.text, {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(hasButtons ? { reply_markup: card.keyboard } : {}),
    ...(card.photoFileIds.length === 0 ? reply : {}),
  });
  return sent.message_id;
}
