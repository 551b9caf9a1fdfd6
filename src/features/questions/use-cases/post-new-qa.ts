import type { Services } from "../../../bot/context";
import { inTransaction } from "../../../db/client";
import { loadApprovedProduct } from "../../../db/products";
import { claimQaPost, productsWithNewQa, qaPublishedBetween } from "../../../db/questions";
import { QA_POST_INTERVAL_MS } from "../../../domain/questions";
import { translator } from "../../../views/env";
import { newQaPost } from "../views";

/**
 * One pass of the "新问答" job: each product with Q&A made public since its
 * last post, and no post within the hour, gets one post covering all of them.
 * The claim (qaPostedAt moved on, only from the value read) and the queued
 * post are one transaction: two instances never both post, and a claim never
 * loses its post; the outbox then sends it at the group's pace (at least once).
 */
export async function postNewQa(services: Pick<Services, "db" | "outbox" | "i18n" | "clock">, botUsername: string, signal?: AbortSignal): Promise<number> {
  const now = services.clock.now();
  const due = await productsWithNewQa(services.db, new Date(now.getTime() - QA_POST_INTERVAL_MS));
  let posted = 0;
  for (const c of due) {
    if (signal?.aborted) break;
    const queued = await inTransaction(services.db, async (tx) => {
      const { items, total } = await qaPublishedBetween(tx, c.productId, c.qaPostedAt, now);
      const product = await loadApprovedProduct(tx, c.productId);
      if (total === 0 || !product) return false;
      if (!(await claimQaPost(tx, c.productId, c.qaPostedAt, now))) return false; // another instance took it
      const post = newQaPost(translator(services.i18n, c.locale), c.productId, product.name, items.slice(-3).reverse(), total, botUsername);
      await services.outbox.enqueue([{ dedupKey: `qa-post:${c.productId}:${now.getTime()}`, chatId: c.chatId, ...post }], tx);
      return true;
    });
    if (queued) posted++;
  }
  return posted;
}
