import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import type { CommunityChoice } from "../community-choice";
import { shareComposer } from "./share";
import { earningsComposer } from "./earnings";
import { payoutComposer } from "./payout";
import { organizerComposer } from "./organizer";
import { recommendersComposer } from "./recommenders";

export { referralLedgerListener } from "./listener";
export { recommendedByLine } from "./views";
export { recordVisitFromLink, referralLink, sendShareLink, shareBuy } from "./share";

/**
 * Referrals and the earnings ledger: share links and attribution, /earnings,
 * payouts, the organizers' ledger and export, /recommenders. (The share
 * and referral links of `/start` come in through the start dispatcher.)
 */
export function referralsFeature(choice: CommunityChoice): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(shareComposer(), earningsComposer(choice), payoutComposer(choice), organizerComposer(choice), recommendersComposer());
  return composer;
}
