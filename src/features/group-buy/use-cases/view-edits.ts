import type { Tx } from "../../../db/client";
import type { BuyDetails } from "../../../db/group-buys";
import { storedViews } from "../../../db/buy-views";
import { viewEnvFor } from "../../../views/env";
import { recipientLocale } from "../notices";
import { cardKeyboard, privateBuyText } from "../views";
import type { BuyDeps } from "./deps";

/**
 * Queues (in the caller's transaction, through the outbox) an edit of each
 * stored private view of the buy, or of one member's: the outcome, and no
 * join buttons. Only members who opened the buy in private have a view, so
 * these are few beside the orders; they are read a page at a time all the same.
 * `occasion` makes the edits' dedup keys (one set per close, cancel, take-back).
 */
export async function queueViewEdits(
  deps: BuyDeps,
  tx: Tx,
  buy: BuyDetails,
  occasion: string,
  options: { memberId?: number; takenBack?: boolean } = {},
): Promise<void> {
  const { services } = deps;
  const now = services.clock.now();
  for await (const page of storedViews(tx, buy.id, options.memberId)) {
    const edits = page.map((view) => {
      const env = viewEnvFor(services.i18n, recipientLocale(view.member, buy.community.locale), now, deps.botUsername());
      return {
        dedupKey: `gb${buy.id}:view:${occasion}:m${view.memberId}`,
        chatId: view.chatId,
        kind: "EDIT" as const,
        messageId: view.messageId,
        text: privateBuyText(buy, view.order, env, { takenBack: options.takenBack }),
        replyMarkup: { inline_keyboard: cardKeyboard(buy, env, deps.secret).inline_keyboard },
      };
    });
    await services.outbox.enqueue(edits, tx);
  }
}
