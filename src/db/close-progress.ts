// A close's progress message: the organizer who closed a big buy (or, closed
// by its deadline, its opener) watches its members' notices go out. The
// GroupBuy row says who watches (progressChatId), which message shows it and
// when it was done; the counts come from the outbox (progressOf).
import type { Db, Tx } from "./client";

export type CloseProgress = { groupBuyId: number; chatId: number; messageId: number | null };

/** Inside the closing transaction: `chatId` will be shown the progress of this buy's notices. */
export async function watchCloseProgress(tx: Tx, groupBuyId: number, chatId: number): Promise<void> {
  await tx.groupBuy.update({ where: { id: groupBuyId }, data: { progressChatId: BigInt(chatId), progressMessageId: null, progressDoneAt: null } });
}

/** The closes whose progress is still being shown, oldest first. */
export async function closesInProgress(db: Db, take = 50): Promise<CloseProgress[]> {
  const rows = await db.groupBuy.findMany({
    where: { progressChatId: { not: null }, progressDoneAt: null },
    select: { id: true, progressChatId: true, progressMessageId: true },
    orderBy: { id: "asc" },
    take,
  });
  return rows.map((r) => ({ groupBuyId: r.id, chatId: Number(r.progressChatId), messageId: r.progressMessageId }));
}

/** The progress message was posted. */
export async function recordProgressMessage(db: Db, groupBuyId: number, messageId: number): Promise<void> {
  await db.groupBuy.update({ where: { id: groupBuyId }, data: { progressMessageId: messageId } });
}

/** Every notice is handled (or the watcher can't be written to): nothing more to show. */
export async function finishCloseProgress(db: Db, groupBuyId: number, at: Date): Promise<void> {
  await db.groupBuy.update({ where: { id: groupBuyId }, data: { progressDoneAt: at } });
}
