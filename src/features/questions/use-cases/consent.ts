import type { Services } from "../../../bot/context";
import { inTransaction } from "../../../db/client";
import { markUpdateHandled } from "../../../db/processed-updates";
import { questionById, setConsents } from "../../../db/questions";
import { publishedAtAfter } from "../../../domain/questions";

export type ConsentInput = { questionId: number; memberId: number; role: "a" | "r"; publish: boolean; updateId: number };
export type ConsentOutcome =
  | { ok: true; state: "published" | "waiting" | "private"; productId: number; otherName: string }
  | { ok: false; reason: "not-found" | "not-yours" | "not-answered" };

/**
 * The asker's consent to publish their question, or the recommender's to
 * publish their answer (each may change their mind). Public once both
 * agreed; either taking it back makes it private again.
 */
export async function setConsent(services: Pick<Services, "db" | "clock">, input: ConsentInput): Promise<ConsentOutcome> {
  return inTransaction(services.db, async (tx) => {
    const q = await questionById(tx, input.questionId);
    if (!q) return { ok: false, reason: "not-found" };
    if ((input.role === "a" ? q.askerId : q.recommenderId) !== input.memberId) return { ok: false, reason: "not-yours" };
    if (!q.answeredAt) return { ok: false, reason: "not-answered" };
    const consent = {
      answered: true,
      askerPublishes: input.role === "a" ? input.publish : q.askerPublishes,
      answerPublishes: input.role === "r" ? input.publish : q.answerPublishes,
    };
    const publishedAt = publishedAtAfter(consent, q.publishedAt, services.clock.now());
    await setConsents(tx, q.id, { askerPublishes: consent.askerPublishes, answerPublishes: consent.answerPublishes, publishedAt });
    await markUpdateHandled(tx, input.updateId);
    const state = !input.publish ? "private" : publishedAt ? "published" : "waiting";
    return { ok: true, state, productId: q.productId, otherName: input.role === "a" ? q.recommenderName : q.askerName };
  });
}
