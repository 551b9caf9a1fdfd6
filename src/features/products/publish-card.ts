import { InlineKeyboard, type Api } from "grammy";
import type { Services } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { cardsToRetire, claimCardPost, forgetCardToRetire, recordCardPosted, releaseCardPost, unpostedCards } from "../../db/card-posts";
import { renderProductCard } from "./product-card";
import { sendProductCard } from "./send-card";
import { withPublicPageRow } from "../open-data/page-button";
import { translator } from "../../views/env";

type PublishServices = Pick<Services, "db" | "i18n" | "communities" | "logger" | "config" | "clock">;

/** A claim older than this was left by a process that died mid-post: the job posts the card then. */
export const CARD_CLAIM_STALE_MS = 5 * 60_000;

/**
 * Posts the approved card in the community's group and remembers it, under a
 * claim (db/card-posts.ts): the approval is committed first, so a crash
 * before the post leaves it to the "product-cards" job, never to nobody.
 * Cards of older revisions lose their button once it is up, so nobody opens
 * a buy at an outdated price. Failures are logged: the approval stands.
 * "elsewhere": someone else (the job, another instance) is posting it now.
 * The bot's username makes the card's tags and ❓ links to its private chat.
 */
export async function publishProductCard(services: PublishServices, api: Api, productId: number, communityId: number, botUsername?: string): Promise<number | "elsewhere" | undefined> {
  const community = await services.communities.byId(communityId);
  if (!community?.active) return undefined;
  const claimedAt = services.clock.now();
  if (!(await claimCardPost(services.db, productId, claimedAt, new Date(claimedAt.getTime() - CARD_CLAIM_STALE_MS)))) return "elsewhere";
  let messageId: number;
  try {
    const card = await renderProductCard(services, productId, community.locale, { botUsername, inGroup: true });
    if (!card) {
      await releaseCardPost(services.db, productId, claimedAt);
      return undefined;
    }
    const rows = await withPublicPageRow(services, communityId, "supergroup", { t: translator(services.i18n, community.locale), locale: community.locale }, card.keyboard.inline_keyboard);
    messageId = await sendProductCard(services, api, community.telegramChatId, { ...card, keyboard: InlineKeyboard.from(rows) });
  } catch (error) {
    services.logger.error("could not post the product card", { product_id: productId, community_id: communityId, error: String(error) });
    await releaseCardPost(services.db, productId, claimedAt);
    return undefined;
  }
  await recordCardPosted(services.db, productId, messageId);
  for (const old of await cardsToRetire(services.db, productId)) {
    await ignoringHarmless(() => api.editMessageReplyMarkup(community.telegramChatId, old, { reply_markup: { inline_keyboard: [] } }))
      .then(() => forgetCardToRetire(services.db, productId, old))
      .catch((error: unknown) => services.logger.warn("could not retire the old product card", { product_id: productId, error: String(error) }));
  }
  return messageId;
}

/**
 * The scheduler's catch-up for cards: an approval (which marks its card
 * owed) whose post was never claimed, or whose claim went stale (the poster
 * died), is posted here.
 * Runs every minute, so a card Telegram refuses is tried again then.
 */
export function registerCardPosting(services: PublishServices & Pick<Services, "scheduler">, api: Api, botUsername: () => string): void {
  services.scheduler.register({
    name: "product-cards",
    intervalMs: 60_000,
    run: async (signal) => {
      const due = await unpostedCards(services.db, new Date(services.clock.now().getTime() - CARD_CLAIM_STALE_MS), 20);
      for (const card of due) {
        if (signal.aborted) return;
        await publishProductCard(services, api, card.productId, card.communityId, botUsername());
      }
    },
  });
}
