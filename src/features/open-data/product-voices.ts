// What members said about each product, for the public page: the Q&A both
// sides agreed to publish, the ratings' average, and the comments their
// writers agreed to publish. Display names only (what the group's card shows).
import type { Tx } from "../../db/client";
import { ratingTotalsOf, publishedComments } from "../../db/feedback";
import { displayName } from "../../db/members";
import { publicQa, type PublicQa } from "../../db/questions";
import { summarize, type RatingSummary } from "../../domain/ratings";

export type ProductVoices = { qa: PublicQa[]; rating?: RatingSummary; comments: { name: string; comment: string }[] };

/** How many of each the page shows under a product. */
export const QA_SHOWN = 5;
export const COMMENTS_SHOWN = 5;

export async function productVoices(db: Tx, productIds: number[]): Promise<Map<number, ProductVoices>> {
  const [totals, perProduct] = await Promise.all([
    ratingTotalsOf(db, productIds),
    Promise.all(productIds.map(async (id) => [id, await Promise.all([publicQa(db, id, QA_SHOWN), publishedComments(db, id, COMMENTS_SHOWN)])] as const)),
  ]);
  return new Map(
    perProduct.map(([id, [qa, comments]]) => {
      const t = totals.get(id);
      const voices: ProductVoices = { qa, comments: comments.map((c) => ({ name: displayName(c), comment: c.comment })) };
      if (t && t.count > 0) voices.rating = summarize(t);
      return [id, voices];
    }),
  );
}
