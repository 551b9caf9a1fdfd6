import { GrammyError, type Transformer } from "grammy";

/** Telegram's answers that mean "nothing to do", not a failure. */
export function isHarmlessTelegramError(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  const d = error.description.toLowerCase();
  return (
    d.includes("message is not modified") ||
    d.includes("message to edit not found") ||
    d.includes("query is too old") ||
    d.includes("query id is invalid") ||
    d.includes("message to delete not found")
  );
}

/** 403: the member blocked the bot, or the bot was removed from the chat. */
export function isBlockedError(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}

/**
 * 403s that really mean the bot is out of a group (kicked, not a member, the
 * group deleted). Others (no right to post, a restriction an admin lifts
 * again) leave the community as it is.
 */
export function isOutOfGroupError(error: unknown): boolean {
  if (!isBlockedError(error)) return false;
  const d = (error as GrammyError).description.toLowerCase();
  return /bot was kicked from the (super)?group chat|bot is not a member of the (super)?group chat|the group chat was deleted/.test(d);
}

/** Runs a Telegram call whose "nothing to do" answers are fine. */
export async function ignoringHarmless<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isHarmlessTelegramError(error)) return undefined;
    throw error;
  }
}

/**
 * Answering a callback query again fails with 400 "query is too old / query
 * ID is invalid": it was answered already, by this process or by one killed
 * before the update's handled mark (Telegram then delivers it again). Nothing
 * is left to do, so it counts as answered: a replayed conversation must not
 * die on it (and lose the member's flow) after its answer was taken.
 */
export function answeredQueriesStayAnswered(): Transformer {
  return async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (method === "answerCallbackQuery" && !response.ok && response.error_code === 400 && /query is too old|query id is invalid/i.test(response.description)) {
      return { ok: true, result: true as never };
    }
    return response;
  };
}
