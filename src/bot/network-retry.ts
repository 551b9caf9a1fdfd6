import { HttpError, type Transformer } from "grammy";

/**
 * Retries a Bot API call that failed on the network (no answer from Telegram)
 * a few times with a short back-off, then gives up. grammY's auto-retry would
 * retry such calls forever, which stalls a handler — and with it the batch of
 * updates behind it — for as long as the network is down.
 */
export function retryNetworkErrors(delaysMs: readonly number[] = [500, 1_000, 2_000]): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        const delay = delaysMs[attempt];
        if (!(error instanceof HttpError) || delay === undefined || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
}
