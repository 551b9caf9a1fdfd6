import { openDatabase } from "../../src/db/client";
import { systemClock } from "../../src/clock";
import { createLogger } from "../../src/logger";
import { Outbox, type OutgoingMessage } from "../../src/services/outbox";

// The notify benches' notices: one a member, queued through the same
// Outbox.enqueue a close uses, before the bot under test starts.

/** A member's notice after a buy closed, as long as the real one. */
export function notice(memberId: number): OutgoingMessage {
  return {
    dedupKey: `bench:closed:${memberId}`,
    chatId: memberId,
    text:
      "✅ <b>团购 #42 成团了!</b>\n\n<b>有机糙米 (5 kg)</b> × 2 = ¥ 136.00\n" +
      "取货:周六 10:00–12:00,社区活动室(绿街 8 号)\n推介官:Alice\n\n请在取货时付款,或向组织者转账。",
  };
}

/** Queues one message per member of `members` (ids from `first`) in the database at `url`, 1,000 at an enqueue. */
export async function queueNotices(url: string, first: number, members: number, message: (memberId: number) => OutgoingMessage): Promise<void> {
  const seeded = await openDatabase(url);
  try {
    const outbox = new Outbox(seeded.db, undefined as never, systemClock, createLogger("silent"), async () => undefined);
    const ids = Array.from({ length: members }, (_, i) => first + i);
    for (let i = 0; i < ids.length; i += 1_000) await outbox.enqueue(ids.slice(i, i + 1_000).map(message));
  } finally {
    await seeded.close();
  }
}
