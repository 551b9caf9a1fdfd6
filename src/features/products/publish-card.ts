import type { Api } from "grammy";
import type { Services } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { setCardMessage } from "../../db/products";
import { renderProductCard } from "./product-card";
import { sendProductCard } from "./send-card";

/**
 * Posts the approved card in the community's group and remembers it. A card
 * posted before (an older revision) loses its button, so nobody opens a buy
 * at an outdated price. Failures are logged: the approval stands regardless.
 */
export async function publishProductCard(
  services: Pick<Services, "db" | "i18n" | "communities" | "logger" | "config">,
  api: Api,
  productId: number,
  communityId: number,
  previousCardMessageId: number | null,
  /** the card's ❓ links to the private chat (a group has no private question) */
  botUsername?: string,
): Promise<number | undefined> {
  const community = await services.communities.byId(communityId);
  if (!community?.active) return undefined;
  try {
    const card = await renderProductCard(services, productId, community.locale, { botUsername });
    if (!card) return undefined;
    const messageId = await sendProductCard(services, api, community.telegramChatId, card);
    await setCardMessage(services.db, productId, messageId);
    if (previousCardMessageId !== null) {
      await ignoringHarmless(() =>
        api.editMessageReplyMarkup(community.telegramChatId, previousCardMessageId, { reply_markup: { inline_keyboard: [] } }),
      ).catch((error: unknown) => services.logger.warn("could not retire the old product card", { product_id: productId, error: String(error) }));
    }
    return messageId;
  } catch (error) {
    services.logger.error("could not post the product card", { product_id: productId, community_id: communityId, error: String(error) });
    return undefined;
  }
}
