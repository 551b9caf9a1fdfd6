import { inTransaction } from "../../../db/client";
import { moveDeadline } from "../../../db/buy-transitions";
import type { BuyDeps } from "./deps";
import type { OrganizedBuy } from "./organizer-access";

export type ExtendResult = { ok: true } | { ok: false; reason: "not-found" | "not-open" };

/** Moves an open buy's deadline; reminders whose moment is now ahead again will be sent again. */
export async function extendDeadline(deps: BuyDeps, input: { organized: OrganizedBuy; deadlineAt: Date }): Promise<ExtendResult> {
  const now = deps.services.clock.now();
  const minutesLeft = Math.floor((input.deadlineAt.getTime() - now.getTime()) / 60_000);
  return inTransaction(deps.services.db, (tx) => moveDeadline(tx, input.organized.buy.id, input.deadlineAt, minutesLeft));
}
