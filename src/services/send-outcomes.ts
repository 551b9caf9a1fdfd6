import { GrammyError } from "grammy";

// What a send to Telegram came to, beyond its answer: an edit that had nothing left to
// do, and a send that got no answer in time (the outbox retries it as a network error).

/** A 400 to an edit or delete means the message is gone, can no longer be changed, or already reads so: done, not failed. */
export async function settled(request: () => Promise<unknown>): Promise<void> {
  try {
    await request();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 400) return;
    throw error;
  }
}

export class SendTimeout extends Error {
  constructor(ms: number) {
    super(`no answer from Telegram within ${ms} ms`);
    this.name = "SendTimeout";
  }
}
