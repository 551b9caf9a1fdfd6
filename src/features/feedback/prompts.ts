import type { Services } from "../../bot/context";
import { memberLocale } from "../../bot/i18n";
import { claimPrompt, dueFeedback, feedbackDetails } from "../../db/feedback";
import { isLocale } from "../../domain/locale";
import { PROMPT_GAP_MS, promptsToSend } from "../../domain/ratings";
import { promptMessage } from "./views";

export const FEEDBACK_PROMPTS_JOB = "feedback-prompts";
/** Due prompts looked at in one pass. */
const PAGE = 500;

/**
 * Sends the feedback prompts that are due (a day after the pickup, on the
 * business clock): one a member a day, the oldest first, the others on a
 * later day. Each is claimed with the member's mark and queued in one
 * transaction, so a second instance or a crash never asks twice (the outbox
 * then delivers at least once, under the prompt's dedup key). Members who
 * blocked the bot are not asked.
 */
export async function sendFeedbackPrompts(services: Services, signal?: AbortSignal): Promise<{ sent: number; more: boolean }> {
  const { db, clock } = services;
  const now = clock.now();
  const gapStart = new Date(now.getTime() - PROMPT_GAP_MS);
  const due = await dueFeedback(db, now, gapStart, PAGE);
  let sent = 0;
  for (const p of promptsToSend(due, now)) {
    if (signal?.aborted) break;
    const details = await feedbackDetails(db, p.id);
    if (!details) continue;
    const locale = memberLocale({ locale: isLocale(details.member.locale) ? details.member.locale : null, telegramLanguage: details.member.telegramLanguage }, services.config.defaultLocale);
    const message = promptMessage(services.i18n, locale, details);
    if (await claimPrompt(db, p, now, gapStart, (tx) => services.outbox.enqueue([message], tx))) sent++;
  }
  // a full page: more may be due (a backlog after downtime), done in the next pass
  return { sent, more: due.length === PAGE && !signal?.aborted };
}

export function registerFeedbackPrompts(services: Services): void {
  services.scheduler.register({
    name: FEEDBACK_PROMPTS_JOB,
    run: async (signal) => {
      const { sent, more } = await sendFeedbackPrompts(services, signal);
      if (sent > 0) services.logger.info("feedback prompts queued", { count: sent });
      return more ? "more" : undefined;
    },
  });
}
