import { BULK_TX_OPTIONS, inTransaction } from "../../../db/client";
import { activeOrderPages, settleOrders } from "../../../db/active-orders";
import { claimDue, claimDueForClose, claimForClose, closingToFinish, memberContact, recordOutcome } from "../../../db/buy-transitions";
import { watchCloseProgress } from "../../../db/close-progress";
import { assignPickupCodes } from "../../../db/pickups";
import { buyOutcome } from "../../../domain/group-buy-rules";
import { deepLinkUrl, encodeDeepLink } from "../../../domain/deep-link";
import { newPickupCode } from "../../../domain/pickup-code";
import type { OutgoingMessage } from "../../../services/outbox";
import { closedGroupNotice, closedNotices, openerNotice, type CloseTotals } from "../notices";
import type { BuyDeps } from "./deps";
import { queueViewEdits } from "./view-edits";
import type { OrganizedBuy } from "./organizer-access";

/** Closes with at least this many members' notices (7 s or more at Telegram's ~30 a second) show their progress. */
export const CLOSE_PROGRESS_MIN_NOTICES = 200;

export type CloseResult = { ok: true; status: "SUCCEEDED" | "FAILED" } | { ok: false; reason: "not-found" | "not-open" };

/** An organizer closes a buy now, or the deadline closes it (the scheduler). */
export type CloseInput = { organized: OrganizedBuy } | { due: number };

/**
 * Closes a buy exactly once, whoever asks and however many instances run:
 * the OPEN → CLOSING claim is a conditional update inside the transaction
 * that also settles the orders, queues the notifications and lets the
 * listeners (the referral ledger) book their part. Orders are handled a
 * page at a time: what a close holds at once doesn't grow with the buy.
 * A buy that goes ahead gives every order its pickup code in the same
 * transaction, and each member's notice carries it (text and QR). In a
 * community with paid broadcasts on, the members' notices are paid ones.
 */
export async function closeBuy(deps: BuyDeps, input: CloseInput): Promise<CloseResult> {
  const { services, buys } = deps;
  const [groupBuyId, actorId] = "due" in input ? [input.due, undefined] : [input.organized.buy.id, input.organized.actorId];
  const asked = services.clock.now();
  return inTransaction(services.db, async (tx) => {
    const claim = "due" in input ? await claimDueForClose(tx, groupBuyId) : await claimForClose(tx, groupBuyId);
    if (!claim.ok) return claim;
    const buy = (await buys.details(groupBuyId, tx))!;
    // claimed at its deadline (claimDue): closed as of then
    const now = ("due" in input ? buy.closedAt : null) ?? asked;
    const status = buyOutcome(buy.totalQty, buy.minTotalQty);
    await recordOutcome(tx, groupBuyId, status, now, actorId);
    const notice = closedNotices(services.i18n, buy, status);
    const totals: CloseTotals = { orders: 0, amountFen: 0 };
    for await (const page of activeOrderPages(tx, groupBuyId)) {
      if (status === "FAILED") await settleOrders(tx, page, "VOID", actorId, now);
      // going ahead: each order gets its pickup code, and the notice is the caption of the code's QR
      const codes = status === "SUCCEEDED" ? await assignPickupCodes(tx, page.map((o) => o.id), newPickupCode, now) : undefined;
      await services.outbox.enqueue(
        page.map((o): OutgoingMessage => {
          // the community pays (Stars) to reach everyone fast, if it chose to: read in this transaction
          const message = { dedupKey: `gb${groupBuyId}:closed:o${o.id}`, chatId: Number(o.member.telegramId), paidBroadcast: buy.community.paidBroadcast };
          const code = codes?.get(o.id);
          if (code === undefined) return { ...message, text: notice(o) };
          const link = deepLinkUrl(deps.botUsername(), encodeDeepLink({ kind: "pickup", code }));
          return { ...message, kind: "PHOTO", photo: `qr:${link}`, text: notice(o, code) };
        }),
        tx,
      );
      totals.orders += page.length;
      totals.amountFen += page.reduce((sum, o) => sum + o.amountFen, 0);
    }
    // members' private views of the buy show the outcome (few: only who opened it in private)
    await queueViewEdits(deps, tx, { ...buy, status, closedAt: now }, "closed");
    const opener = await memberContact(tx, buy.openedById);
    // a long round of notices: whoever closed it (for a deadline, the opener) watches it go out
    const watcher = actorId !== undefined ? await memberContact(tx, actorId) : opener;
    if (watcher && totals.orders >= CLOSE_PROGRESS_MIN_NOTICES) await watchCloseProgress(tx, groupBuyId, Number(watcher.telegramId));
    await services.outbox.enqueue(
      [closedGroupNotice(services.i18n, buy, status, totals), ...(opener ? [openerNotice(services.i18n, buy, opener, status, totals)] : [])],
      tx,
    );
    if (status === "SUCCEEDED") {
      for (const listener of services.buyListeners) await listener.buySucceeded?.(tx, groupBuyId);
    }
    return { ok: true, status } as const;
  }, BULK_TX_OPTIONS);
}

/** How often, at most, the follow-ups stop to claim the buys whose deadline came meanwhile. */
const CLAIM_EVERY_MS = 250;
/** Left-over claims (a crash, a lease taken over from a dead instance) are looked for at least this often. */
const LEFTOVERS_EVERY_MS = 5_000;

/** What the deadline job remembers between its passes (one per process). */
export type DeadlineState = { lastLeftoverCheck: number };

/**
 * Closes every open buy whose deadline has come, including ones that passed
 * while the bot was down: first the claim of them all (one statement, so none
 * waits behind another's follow-ups), then each one's close (notices, codes,
 * ledger), earliest deadline first, up to 50 a pass, claiming again between
 * them as deadlines pass. One buy that fails to close is logged and retried
 * next pass; it never blocks the others. "more": some are left to finish.
 * A pass with nothing claimed costs one statement (the claim), and looks
 * for claims left unfinished every LEFTOVERS_EVERY_MS.
 */
export async function closeDueBuys(deps: BuyDeps, state: DeadlineState, signal?: AbortSignal): Promise<{ closed: number; more: boolean }> {
  const { services } = deps;
  const claimed = await claimDue(services.db, services.clock.now());
  let claimedAt = performance.now();
  if (claimed === 0 && claimedAt - state.lastLeftoverCheck < LEFTOVERS_EVERY_MS) return { closed: 0, more: false };
  state.lastLeftoverCheck = claimedAt;
  let closed = 0;
  let failed = false;
  const ids = await closingToFinish(services.db);
  for (const id of ids) {
    if (signal?.aborted) return { closed, more: true };
    if (performance.now() - claimedAt >= CLAIM_EVERY_MS) {
      await claimDue(services.db, services.clock.now());
      claimedAt = performance.now();
    }
    try {
      if ((await closeBuy(deps, { due: id })).ok) closed++;
    } catch (error) {
      failed = true;
      services.logger.error("could not close a group buy", { group_buy_id: id, error });
    }
  }
  // a failure is retried at the next leftovers' look, not at once
  if (failed) state.lastLeftoverCheck = performance.now();
  else if (ids.length > 0) state.lastLeftoverCheck = -Infinity; // the next pass looks again: more may have come meanwhile
  return { closed, more: ids.length === 50 && closed > 0 };
}
