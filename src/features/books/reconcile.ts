import type { Services } from "../../bot/context";
import { communitiesWithClosedBuys, reconcileCommunity, storeReconciliation } from "../../db/reconciliation";
import type { ReconciliationResult } from "../../domain/reconciliation";
import { discrepancyText } from "./statement-view";
import { translator } from "../../views/env";

/**
 * Reconciles communities (all with a closed buy when none are given), stores
 * each result (what /books and /ledger show) and logs what does not hold.
 */
export async function reconcileNow(services: Services, communityIds?: number[], signal?: AbortSignal): Promise<Map<number, ReconciliationResult>> {
  const results = new Map<number, ReconciliationResult>();
  for (const communityId of communityIds ?? (await communitiesWithClosedBuys(services.db))) {
    signal?.throwIfAborted();
    const result = await reconcileCommunity(services.db, communityId, services.clock.now(), signal);
    await storeReconciliation(services.db, communityId, result);
    results.set(communityId, result);
    if (result.count > 0) {
      const t = translator(services.i18n, "en");
      services.logger.error("reconciliation found discrepancies", { community_id: communityId, count: result.count, first: discrepancyText(result.discrepancies[0]!, { t }) });
    } else services.logger.info("reconciliation holds", { community_id: communityId, buys: result.buys });
  }
  return results;
}
