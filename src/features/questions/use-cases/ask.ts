import type { Services } from "../../../bot/context";
import { inTransaction } from "../../../db/client";
import { communityById } from "../../../db/communities";
import { askableProduct, recordQuestion, type QuestionRecord } from "../../../db/questions";
import { memberLocale } from "../../../bot/i18n";
import { translator } from "../../../views/env";
import { askedNotice } from "../views";

export type AskInput = { productId: number; askerId: number; text: string; updateId: number };
export type AskOutcome = { ok: true; question: QuestionRecord } | { ok: false; reason: "not-found" | "own" };

/**
 * Records the member's question and queues the recommender's notice with it,
 * in one transaction. Once per update (the question's updateKey): asked
 * from a dialog, whose state is saved after this, a replay finds it there.
 */
export async function askQuestion(services: Pick<Services, "db" | "outbox" | "i18n" | "clock" | "config">, input: AskInput): Promise<AskOutcome> {
  return inTransaction(services.db, async (tx) => {
    const product = await askableProduct(tx, input.productId);
    if (!product) return { ok: false, reason: "not-found" };
    if (product.recommenderId === input.askerId) return { ok: false, reason: "own" };
    const { created, question } = await recordQuestion(tx, {
      productId: product.productId,
      askerId: input.askerId,
      recommenderId: product.recommenderId,
      text: input.text,
      updateKey: `ask:${input.updateId}`,
      at: services.clock.now(),
    });
    if (created) {
      const community = await communityById(tx, product.communityId) // inside the transaction: SQLite has one connection;
      const t = translator(services.i18n, memberLocale(question.recommenderLanguage, community?.locale ?? services.config.defaultLocale));
      const notice = askedNotice(t, question);
      await services.outbox.enqueue([{ dedupKey: `question:${question.id}:asked`, chatId: question.recommenderTelegramId, ...notice }], tx);
    }
    return { ok: true, question };
  });
}
