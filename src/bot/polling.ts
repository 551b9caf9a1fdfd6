import { GrammyError, HttpError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context";
import type { Logger } from "../logger";

export type PollingOptions = {
  logger: Logger;
  /** updates of different members handled at once; one member's stay in order */
  concurrency?: number;
  /** long-poll timeout in seconds */
  timeoutSeconds?: number;
  allowedUpdates?: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  /** called once, right before the first getUpdates (benchmarks measure start-up) */
  onFirstPoll?: () => void;
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
  private abort?: AbortController;
  private loopDone?: Promise<void>;
  private offset = 0;

  constructor(
    private bot: Bot<BotContext>,
    private options: PollingOptions,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    await this.bot.init();
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops fetching, finishes the batch in hand and confirms it. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.abort?.abort();
    await this.loopDone;
    if (this.offset > 0) {
      await this.bot.api.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }).catch((error: unknown) => {
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
        updates = await this.bot.api.getUpdates(
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
          logger.error("Telegram rejected the bot token; stopping");
          this.running = false;
          throw error;
        }
        failures++;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
        logger.warn("getUpdates failed; retrying", { error: error instanceof HttpError ? "network" : String(error), delay_ms: delay });
        await sleep(delay);
        continue;
      }
      if (updates.length === 0) continue;
      await this.handleBatch(updates);
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
    const concurrency = Math.max(1, this.options.concurrency ?? 16);
    let next = 0;
    const worker = async () => {
      while (next < lanes.length) {
        const lane = lanes[next++]!;
        for (const update of lane) await this.handleOne(update);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, worker));
  }

  private async handleOne(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      // bot.catch already logged it; never let one update stop polling
      this.options.logger.error("update failed", { update_id: update.update_id, error: String(error) });
    }
  }
}

function updateKey(update: Update): string {
  const u = update as unknown as Record<string, unknown>;
  for (const value of Object.values(u)) {
    if (value && typeof value === "object") {
      const from = (value as { from?: { id: number } }).from;
      if (from) return `u${from.id}`;
      const chat = (value as { chat?: { id: number } }).chat;
      if (chat) return `c${chat.id}`;
    }
  }
  return `x${update.update_id}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
