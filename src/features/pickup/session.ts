import type { Db } from "../../db/client";
import { storedStateAdapter } from "../../db/stored-state";

/**
 * The pickup session: which buy a helper's typed codes are for, per private
 * chat, set by `/pickup <buy>` (or its list) and kept in the database like a
 * dialog's state. Not a dialog (bot/dialog.ts): a pickup point verifies
 * hundreds of codes in one sitting, interleaved with list buttons and QR
 * scans (`/start pk…`, which ends any dialog), and a conversation replays its
 * whole log on every answer. So codes go to a stateless handler that reads
 * this one row; other dialogs still get their answers first (they come
 * earlier in the middleware). A session ends with the next `/pickup`, or
 * after SESSION_HOURS.
 */
export type PickupSession = { buyId: number; since: string };

const SESSION_HOURS = 12;

export function pickupSessions(db: Db) {
  const store = storedStateAdapter<PickupSession>(db, "pickup-session");
  return {
    async current(chatId: number, now: Date): Promise<number | undefined> {
      const s = await store.read(String(chatId));
      if (!s || now.getTime() - Date.parse(s.since) > SESSION_HOURS * 3600_000) return undefined;
      return s.buyId;
    },
    async start(chatId: number, buyId: number, now: Date): Promise<void> {
      await store.write(String(chatId), { buyId, since: now.toISOString() });
    },
  };
}
