import { inTransaction } from "../../../db/client";
import { grantPickupHelper, revokePickupHelper } from "../../../db/pickups";
import { markUpdateHandled } from "../../../db/processed-updates";
import type { MemberRecord } from "../../../db/members";
import type { OutgoingMessage } from "../../../services/outbox";
import type { OrganizedBuy } from "../../group-buy/use-cases/organizer-access";
import type { BuyDeps } from "../../group-buy/use-cases/deps";

export type HelperResult = { ok: true; changed: boolean } | { ok: false; reason: "not-ahead" };

/**
 * An organizer names a pickup helper for one buy (`on`), or takes the role
 * back. The helper is told privately (the outbox, in the same transaction as
 * the role and the update's mark). A buy that failed or was cancelled has
 * nothing to hand out.
 */
export function setPickupHelper(
  deps: Pick<BuyDeps, "services">,
  input: { organized: OrganizedBuy; helper: MemberRecord; on: boolean; updateId: number; notice: (helper: MemberRecord) => OutgoingMessage },
): Promise<HelperResult> {
  const { organized, helper, on, updateId } = input;
  const { buy, actorId } = organized;
  if (buy.status === "FAILED" || buy.status === "CANCELLED") return Promise.resolve({ ok: false, reason: "not-ahead" });
  const now = deps.services.clock.now();
  return inTransaction(deps.services.db, async (tx) => {
    const changed = on ? await grantPickupHelper(tx, buy.id, helper.id, actorId, now) : await revokePickupHelper(tx, buy.id, helper.id);
    if (changed) await deps.services.outbox.enqueue([input.notice(helper)], tx);
    await markUpdateHandled(tx, updateId, now);
    return { ok: true, changed };
  });
}
