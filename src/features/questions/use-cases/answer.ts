import type { Services } from "../../../bot/context";
import { inTransaction } from "../../../db/client";
import { questionById, recordAnswer, type QuestionRecord } from "../../../db/questions";
import { memberLocale } from "../../../bot/i18n";
import { translator } from "../../../views/env";
import { answeredNotice } from "../views";

export type AnswerRefusal = "not-found" | "not-yours" | "answered";

/** May this member answer this question now? (The Answer button checks before the dialog starts.) */
export async function answerable(services: Pick<Services, "db">, questionId: number, memberId: number): Promise<{ ok: true; question: QuestionRecord } | { ok: false; reason: AnswerRefusal }> {
  const question = await questionById(services.db, questionId);
  if (!question) return { ok: false, reason: "not-found" };
  if (question.recommenderId !== memberId) return { ok: false, reason: "not-yours" };
  if (question.answeredAt) return { ok: false, reason: "answered" };
  return { ok: true, question };
}

/**
 * The recommender's answer, once, with the asker's notice (and their
 * publish / keep private buttons) queued in the same transaction. The same
 * answer again (a dialog replayed after a crash) is the one recorded.
 */
export async function answerQuestion(
  services: Pick<Services, "db" | "outbox" | "i18n" | "clock" | "config">,
  input: { questionId: number; memberId: number; text: string },
): Promise<{ ok: true; question: QuestionRecord } | { ok: false; reason: AnswerRefusal }> {
  return inTransaction(services.db, async (tx) => {
    const before = await questionById(tx, input.questionId);
    if (!before) return { ok: false, reason: "not-found" };
    if (before.recommenderId !== input.memberId) return { ok: false, reason: "not-yours" };
    if (before.answeredAt) return before.answer === input.text ? { ok: true, question: before } : { ok: false, reason: "answered" };
    await recordAnswer(tx, { questionId: before.id, recommenderId: input.memberId, answer: input.text, at: services.clock.now() });
    const question = (await questionById(tx, before.id))!;
    const t = translator(services.i18n, memberLocale(question.askerLanguage, services.config.defaultLocale));
    await services.outbox.enqueue([{ dedupKey: `question:${question.id}:answered`, chatId: question.askerTelegramId, ...answeredNotice(t, question) }], tx);
    return { ok: true, question };
  });
}
