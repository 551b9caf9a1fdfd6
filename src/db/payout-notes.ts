// How a payout was paid (微信转账…) and its transfer reference, as the
// organizer typed them after /payout. They don't fit the confirmation
// button's 64 bytes, so they wait here, keyed by the /payout update (a
// re-delivered command writes the same row), until the button is pressed.
import { z } from "zod";
import type { Db } from "./client";
import { storedStateAdapter } from "./stored-state";

export const payoutNoteSchema = z.object({
  communityId: z.number().int(),
  recommenderId: z.number().int(),
  method: z.string(),
  reference: z.string().nullable(),
});
export type PayoutNote = z.output<typeof payoutNoteSchema>;

const notes = (db: Db) => storedStateAdapter<unknown>(db, "payout-note");

export async function savePayoutNote(db: Db, updateId: number, note: PayoutNote): Promise<void> {
  await notes(db).write(String(updateId), note);
}

/** The note a confirmation button names, if it is for this community and recommender. */
export async function payoutNote(db: Db, updateId: number, communityId: number, recommenderId: number): Promise<PayoutNote | undefined> {
  const parsed = payoutNoteSchema.safeParse(await notes(db).read(String(updateId)));
  if (!parsed.success || parsed.data.communityId !== communityId || parsed.data.recommenderId !== recommenderId) return undefined;
  return parsed.data;
}

/** Once its payout is in the ledger (which keeps the method and reference), the note goes. */
export async function deletePayoutNote(db: Db, updateId: number): Promise<void> {
  await notes(db).delete(String(updateId));
}
