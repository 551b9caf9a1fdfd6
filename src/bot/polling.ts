import { Api, BotError, GrammyError, HttpError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context";
import type { Logger } from "../logger";
import { updateKey } from "./update-key";

export type PollingOptions = {
  logger: Logger;
  /**
   * updates of different members handled at once (default 100: a whole
   * getUpdates batch, whose database writes are then coalesced into a few
   * statements); one member's stay in order
   */
  concurrency?: number;
  /** long-poll timeout in seconds */
  timeoutSeconds?: number;
  allowedUpdates?: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  /** called once, right before the first getUpdates (benchmarks measure start-up) */
  onFirstPoll?: () => void;
  /** called if polling cannot go on (Telegram rejected the token) */
  onFatal?: (error: unknown) => void;
  /** waits after failed getUpdates calls: initial, doubled each time up to max (default 1 s … 30 s) */
  backoffMs?: { initial: number; max: number };
  /** tries of an update that fails outside the handlers (e.g. the database is down); default 5 */
  updateAttempts?: number;
  /** on stop, after the batch in hand is handled and before its offset is confirmed (writes still queued are flushed) */
  beforeConfirm?: () => Promise<void>;
};

/**
 * Long polling with at-least-once delivery: a batch's offset is confirmed
 * (by the next getUpdates) only after every update in it was handled, so a
 * crash re-delivers rather than loses. Duplicates are skipped by middleware.
 * grammY's runner confirms before handling; its built-in loop confirms the
 * last *tried* update on stop. Neither is what a co-op's orders need.
 */
export class Poller {
  private running = false;
  private stopping = new AbortController();
  private abort?: AbortController;
  private loopDone?: Promise<void>;
  private offset = 0;
  /** set when an update of the batch in hand was abandoned because we are stopping */
  private abandoned = false;
  /** updates of the batch in hand not yet handled */
  private unfinished = 0;
  /**
   * getUpdates goes through a plain Api, without the bot's transformers:
   * auto-retry would wait up to an hour between network retries, and this
   * loop has its own, capped back-off.
   */
  private readonly pollApi: Api;

  constructor(
    private bot: Bot<BotContext>,
    private options: PollingOptions,
  ) {
    this.pollApi = new Api(bot.token, bot.api.options);
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.bot.init();
    this.running = true;
    this.stopping = new AbortController();
    this.loopDone = this.loop().catch((error: unknown) => {
      this.running = false;
      this.options.logger.error("polling stopped", { error });
      this.options.onFatal?.(error);
    });
  }

  /** Updates fetched and not yet handled (what a stop still waits for). */
  get updatesInHand(): number {
    return this.unfinished;
  }

  /** Stops fetching, finishes the batch in hand and confirms it. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    this.abort?.abort();
    await this.loopDone;
    await this.options.beforeConfirm?.();
    if (this.offset > 0) {
      await this.pollApi.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }).catch((error: unknown) => {
        this.options.logger.warn("could not confirm the last offset", { error: String(error) });
      });
    }
  }

  private async loop(): Promise<void> {
    const { logger } = this.options;
    let failures = 0;
    let first = true;
    while (this.running) {
      let updates: Update[];
      try {
        this.abort = new AbortController();
        if (first) {
          first = false;
          this.options.onFirstPoll?.();
        }
        updates = await this.pollApi.getUpdates(
          {
            offset: this.offset,
            limit: 100,
            timeout: this.options.timeoutSeconds ?? 30,
            allowed_updates: this.options.allowedUpdates ?? [],
          },
          this.abort.signal as never, // grammY types its own AbortSignal shim
        );
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        if (error instanceof GrammyError && error.error_code === 401) {
          throw new Error("Telegram rejected the bot token (401 Unauthorized)");
        }
        failures++;
        const { initial, max } = this.options.backoffMs ?? { initial: 1000, max: 30_000 };
        const delay = Math.min(max, initial * 2 ** Math.min(failures - 1, 16));
        if (error instanceof GrammyError && error.error_code === 409) {
          logger.error("getUpdates conflict: another instance is polling with this token, or a webhook is set", { delay_ms: delay });
        } else {
          logger.warn("getUpdates failed; retrying", { error: error instanceof HttpError ? "network" : String(error), delay_ms: delay });
        }
        await this.sleep(delay);
        continue;
      }
      if (updates.length === 0) continue;
      this.abandoned = false;
      await this.handleBatch(updates);
      // an update dropped because we are stopping: leave the batch unconfirmed
      // (the next start gets it again; what was handled is skipped then)
      if (this.abandoned) break;
      this.offset = updates[updates.length - 1]!.update_id + 1;
    }
  }

  private async handleBatch(updates: Update[]): Promise<void> {
    // One queue per member (or chat): their updates stay in order, and
    // different members' updates are handled side by side.
    const queues = new Map<string, Update[]>();
    for (const update of updates) {
      const key = updateKey(update);
      const queue = queues.get(key);
      if (queue) queue.push(update);
      else queues.set(key, [update]);
    }
    const lanes = [...queues.values()];
    this.unfinished = updates.length;
    const concurrency = Math.max(1, this.options.concurrency ?? 100);
    let next = 0;
    const worker = async () => {
      while (next < lanes.length) {
        const lane = lanes[next++]!;
        for (const update of lane) {
          await this.handleOne(update);
          this.unfinished--;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, worker));
  }

  /**
   * Handler errors are caught by the error boundary; what escapes failed
   * around the handlers (the database, typically) and is tried again a few
   * times. Then it is given up, logged, so that one update can't stall the bot.
   */
  private async handleOne(update: Update): Promise<void> {
    const attempts = Math.max(1, this.options.updateAttempts ?? 5);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bot.handleUpdate(update);
        return;
      } catch (error) {
        const cause = error instanceof BotError ? error.error : error;
        if (!this.running) {
          this.abandoned = true;
          this.options.logger.warn("update left for the next start", { update_id: update.update_id });
          return;
        }
        if (attempt >= attempts) {
          this.options.logger.error("update given up", { update_id: update.update_id, attempts: attempt, error: cause });
          return;
        }
        const delay = 500 * 2 ** (attempt - 1);
        this.options.logger.warn("update failed; trying again", { update_id: update.update_id, attempt, delay_ms: delay });
        await this.sleep(delay);
      }
    }
  }

  /** A wait that ends early when the poller stops. */
  private sleep(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    });
  }
}
