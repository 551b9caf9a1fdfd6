import { inTransaction } from "../../../db/client";
import { moveDeadline } from "../../../db/buy-transitions";
import { markUpdateHandled } from "../../../db/processed-updates";
import { parseDeadline, type DeadlineError } from "../../../domain/deadline";
import type { BuyDeps } from "./deps";
import type { OrganizedBuy } from "./organizer-access";

export type ExtendResult =
  | { ok: true; previous: Date; deadlineAt: Date }
  | { ok: false; reason: "not-found" | "not-open" | "moved" }
  | { ok: false; reason: "unreadable"; error: DeadlineError };

/**
 * Moves an open buy's deadline as the organizer typed it: an offset ("+1d")
 * from the current deadline, an absolute time as it is. Read, moved and marked
 * handled in one transaction: a replayed update (a crash before its mark)
 * can't move the deadline twice. Reminders whose moment is ahead again will be
 * sent again.
 */
export async function extendDeadline(deps: BuyDeps, input: { organized: OrganizedBuy; text: string; updateId: number }): Promise<ExtendResult> {
  const now = deps.services.clock.now();
  const { id, community } = input.organized.buy;
  return inTransaction(deps.services.db, async (tx) => {
    const buy = await deps.buys.details(id, tx);
    if (!buy) return { ok: false, reason: "not-found" } as const;
    if (buy.status !== "OPEN") return { ok: false, reason: "not-open" } as const;
    const parsed = parseDeadline(input.text, now, community.timezone, buy.deadlineAt);
    if (!parsed.ok) return { ok: false, reason: "unreadable", error: parsed.error } as const;
    const minutesLeft = Math.floor((parsed.at.getTime() - now.getTime()) / 60_000);
    // only from the deadline read here: of two organizers' "+1d" at once, the second is asked to try again, not lost
    const moved = await moveDeadline(tx, id, parsed.at, minutesLeft, buy.deadlineAt);
    if (!moved.ok) return moved;
    await markUpdateHandled(tx, input.updateId);
    return { ok: true, previous: buy.deadlineAt, deadlineAt: parsed.at } as const;
  });
}
