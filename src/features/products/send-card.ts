import type { Api } from "grammy";
import { visibleLength } from "./card";
import { cardPicture, forgetPicture, rememberPicture, shortCaption, type PictureServices } from "./card-picture";
import type { ProductCard } from "./product-card";

/** Telegram's limit on a caption, counted after entity parsing. */
export const MAX_CAPTION = 1024;

type SendOptions = { replyTo?: number };

/**
 * Sends a card: one photo (its first photo above the chart of where the money
 * goes) with the card as its caption, or, when the card is longer than a
 * caption may be, a short caption and the full card (with its buttons) right
 * after. Returns the id of the message carrying the full card and its
 * buttons. A picture that can't be had (download, render or upload failing)
 * is logged and the card goes as before: photos, then the text.
 */
export async function sendProductCard(services: PictureServices, api: Api, chatId: number, card: ProductCard, options: SendOptions = {}): Promise<number> {
  if (card.chart) {
    const sent = await sendWithPicture(services, api, chatId, card, options).catch((error: unknown) => {
      if (error instanceof CardTextFailed) throw error.failure; // the photo went: sending it again would double it
      services.logger.warn("could not send the product card's picture; sending it as text and photos", { chat_id: chatId, error: String(error) });
      return undefined;
    });
    if (sent !== undefined) return sent;
  }
  return sendAsText(api, chatId, card, options);
}

function replyParameters(options: SendOptions) {
  return options.replyTo ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {};
}

function hasButtons(card: ProductCard): boolean {
  return card.keyboard.inline_keyboard.some((row) => row.length > 0);
}

/** The picture and the card; throws before anything went out, or CardTextFailed after the photo went. */
async function sendWithPicture(services: PictureServices, api: Api, chatId: number, card: ProductCard, options: SendOptions): Promise<number> {
  const chart = card.chart!;
  const picture = await cardPicture(services, api, chart, card.photoFileIds[0]);
  const fits = visibleLength(card.text) <= MAX_CAPTION;
  const buttons = hasButtons(card) ? { reply_markup: card.keyboard } : {};
  let photo;
  try {
    photo = await api.sendPhoto(chatId, picture.media, {
      caption: fits ? card.text : shortCaption(services, chart),
      parse_mode: "HTML",
      ...(fits ? buttons : {}),
      ...replyParameters(options),
    });
  } catch (error) {
    if (picture.cached) await forgetPicture(services, chart).catch(() => undefined);
    throw error;
  }
  if (!picture.cached) {
    await rememberPicture(services, chart, photo).catch((error: unknown) =>
      services.logger.warn("could not cache the product card's picture", { error: String(error) }),
    );
  }
  if (fits) return photo.message_id;
  // the photo is out: from here a failure is the card's, not the picture's (no fallback, no second photo)
  const full = await api
    .sendMessage(chatId, card.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...buttons,
      reply_parameters: { message_id: photo.message_id, allow_sending_without_reply: true },
    })
    .catch((error: unknown) => {
      throw new CardTextFailed(error);
    });
  return full.message_id;
}

class CardTextFailed extends Error {
  constructor(readonly failure: unknown) {
    super(`the card's text after its picture failed: ${String(failure)}`);
  }
}

/** Photos (an album when several), then the card text with its buttons. */
async function sendAsText(api: Api, chatId: number, card: ProductCard, options: SendOptions): Promise<number> {
  const reply = replyParameters(options);
  if (card.photoFileIds.length === 1) {
    await api.sendPhoto(chatId, card.photoFileIds[0]!, reply);
  } else if (card.photoFileIds.length > 1) {
    await api.sendMediaGroup(
      chatId,
      card.photoFileIds.map((media) => ({ type: "photo" as const, media })),
      reply,
    );
  }
  const sent = await api.sendMessage(chatId, card.text, {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(hasButtons(card) ? { reply_markup: card.keyboard } : {}),
    ...(card.photoFileIds.length === 0 ? reply : {}),
  });
  return sent.message_id;
}
