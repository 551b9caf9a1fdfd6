// Pending updates and getUpdates long polling, with Telegram's semantics:
// an update stays until a getUpdates offset above its id confirms it,
// allowed_updates filters updates created after it was set, a second
// getUpdates terminates a held one with 409 Conflict.
import type { Update } from "grammy/types";
import { DEFAULT_UPDATE_KINDS, UPDATE_KINDS } from "./spec";
import { ApiError } from "./types";

type Held = { limit: number; resolve: (updates: Update[]) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };

export type PollParams = { offset?: number; limit?: number; timeout?: number; allowed_updates?: string[] };

export const WEBHOOK_METHODS = new Set(["setWebhook", "deleteWebhook", "getWebhookInfo"]);

export const updateKind = (u: Update): string => Object.keys(u).find((k) => k !== "update_id") ?? "unknown";

export class UpdateQueue {
  private queue: Update[] = [];
  private nextId = 1;
  private discardedIds = new Set<number>();
  private held?: Held;
  /** getUpdates offsets confirm everything below them */
  confirmedOffset = 0;
  allowed: readonly string[] = DEFAULT_UPDATE_KINDS;
  /** set by setWebhook: getUpdates then answers 409 */
  webhookUrl = "";

  /** called with the updates a getUpdates call hands out, as it hands them out (benchmarks time from here) */
  onHandout?: (updates: Update[]) => void;

  constructor(private onDiscard: (update: Update, reason: string) => void) {}

  push(update: Update): Update {
    // 0 or missing: assign the next id, as Telegram would
    if (typeof update.update_id !== "number" || update.update_id <= 0) (update as { update_id: number }).update_id = this.nextId;
    this.nextId = Math.max(this.nextId, update.update_id + 1);
    const kind = updateKind(update);
    if (!this.allowed.includes(kind)) {
      this.discardedIds.add(update.update_id);
      this.onDiscard(update, `"${kind}" is not in allowed_updates [${this.allowed.join(", ")}]`);
      return update;
    }
    // usually in order: append; otherwise insert in place (sorting on every push is quadratic for big bursts)
    const last = this.queue[this.queue.length - 1];
    if (!last || last.update_id < update.update_id) this.queue.push(update);
    else {
      const at = this.queue.findIndex((u) => u.update_id > update.update_id);
      this.queue.splice(at, 0, update);
    }
    this.wake();
    return update;
  }

  pending(): Update[] {
    return [...this.queue];
  }

  isConsumed(updateId: number): boolean {
    return updateId < this.confirmedOffset || this.discardedIds.has(updateId);
  }

  get holding(): boolean {
    return this.held !== undefined;
  }

  /** Serves getUpdates; `onClose` lets the caller cancel a held poll when the client goes away. */
  poll(p: PollParams, onClose: (cancel: () => void) => void): Promise<Update[]> {
    if (this.webhookUrl) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", false);
    }
    if (this.held) {
      const previous = this.held;
      this.held = undefined;
      clearTimeout(previous.timer);
      previous.reject(
        new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", false),
      );
    }
    if (p.allowed_updates !== undefined) {
      const kinds = p.allowed_updates.filter((k) => UPDATE_KINDS.includes(k));
      this.allowed = kinds.length > 0 ? kinds : DEFAULT_UPDATE_KINDS;
    }
    const offset = p.offset ?? 0;
    if (offset > 0) {
      this.confirmedOffset = Math.max(this.confirmedOffset, offset);
      this.queue = this.queue.filter((u) => u.update_id >= offset);
    } else if (offset < 0) {
      const kept = this.queue.slice(offset);
      const dropped = this.queue.slice(0, this.queue.length - kept.length);
      for (const u of dropped) this.confirmedOffset = Math.max(this.confirmedOffset, u.update_id + 1);
      this.queue = kept;
    }
    const limit = Math.min(100, Math.max(1, p.limit ?? 100));
    const timeout = Math.max(0, p.timeout ?? 0);
    if (this.queue.length > 0 || timeout === 0) return Promise.resolve(this.handOut(this.queue.slice(0, limit)));
    return new Promise<Update[]>((resolve, reject) => {
      const held: Held = {
        limit,
        resolve,
        reject,
        timer: setTimeout(() => this.release(held, []), timeout * 1000),
      };
      this.held = held;
      onClose(() => this.release(held, []));
    });
  }

  /** Answers a held poll at once with no updates (server stopping). */
  releaseAll(): void {
    if (this.held) this.release(this.held, []);
  }

  /** setWebhook / deleteWebhook / getWebhookInfo (updates are not pushed to webhooks). */
  webhookMethod(method: string, params: Record<string, unknown>): unknown {
    if (method === "getWebhookInfo") {
      return { url: this.webhookUrl, has_custom_certificate: false, pending_update_count: this.queue.length };
    }
    const url = method === "setWebhook" ? String(params.url) : "";
    if (url && !/^https:\/\//i.test(url)) throw new ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    this.webhookUrl = url;
    if (params.drop_pending_updates) this.clear();
    return true;
  }

  clear(): void {
    for (const u of this.queue) this.confirmedOffset = Math.max(this.confirmedOffset, u.update_id + 1);
    this.queue = [];
  }

  private wake(): void {
    const held = this.held;
    if (held && this.queue.length > 0) this.release(held, this.queue.slice(0, held.limit));
  }

  private release(held: Held, updates: Update[]): void {
    if (this.held !== held) return;
    this.held = undefined;
    clearTimeout(held.timer);
    held.resolve(this.handOut(updates));
  }

  private handOut(updates: Update[]): Update[] {
    if (updates.length > 0) this.onHandout?.(updates);
    return updates;
  }
}
