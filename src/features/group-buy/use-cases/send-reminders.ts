import { inTransaction } from "../../../db/client";
import { dueReminders } from "../../../domain/group-buy-rules";
import { reminderNotice } from "../notices";
import type { BuyDeps } from "./deps";

/** Reminders are looked for this far ahead of deadlines (REMINDER_OFFSETS allows up to 30 days). */
const REMINDER_HORIZON_MS = 31 * 24 * 3600_000;

/** Reminds each group of buys nearing their deadline, once per configured offset. */
export async function sendReminders(deps: BuyDeps): Promise<number> {
  const { services, buys } = deps;
  const now = services.clock.now();
  let sent = 0;
  for (const candidate of await buys.nearingDeadline(now, REMINDER_HORIZON_MS)) {
    // most candidates have nothing due this tick: decided from the candidate row, the buy's details read only when one is
    if (dueReminders(candidate.reminderOffsetsMin, candidate.deadlineAt, candidate.createdAt, now, new Set(candidate.sentOffsets)).markDone.length === 0) continue;
    const buy = await buys.details(candidate.id);
    if (!buy) continue;
    const plan = dueReminders(buy.community.reminderOffsetsMin, buy.deadlineAt, buy.createdAt, now, new Set(candidate.sentOffsets));
    if (plan.markDone.length === 0) continue;
    await inTransaction(services.db, async (tx) => {
      if (!(await buys.recordReminders(tx, buy.id, plan.markDone, now))) return;
      await buys.markDirty(buy.id, tx); // "time left" changes noticeably
      if (plan.send === undefined) return;
      await services.outbox.enqueue([reminderNotice(services.i18n, buy, plan.send, now, { botUsername: deps.botUsername(), secret: deps.secret })], tx);
      sent++;
    });
  }
  return sent;
}
