// Waiting for the bot: for a call, for confirmed updates, for quiet.
import type { Call } from "./types";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export abstract class Waiters {
  abstract readonly calls: Call[];
  /** a request is being handled (a held long poll does not count) */
  protected abstract isBusy(): boolean;
  protected abstract hasPendingUpdates(): boolean;
  protected abstract isConsumed(updateId: number): boolean;
  protected abstract describeState(): string;
  private listeners = new Set<() => void>();

  protected changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The index the next call will get; pass it as `since` to waitFor. */
  mark(): number {
    return this.calls.length;
  }

  /** Resolves with the first call at index >= since that matches (already recorded or future). */
  waitFor(predicate: (call: Call) => boolean, timeoutMs = 5000, since = 0): Promise<Call> {
    return this.until(
      () => this.calls.slice(since).find(predicate),
      timeoutMs,
      () => {
        const recent = this.calls.slice(Math.max(since, this.calls.length - 10)).map((c) => `#${c.index} ${c.method}`);
        return `waitFor: no matching call within ${timeoutMs} ms (last calls: ${recent.join(", ") || "none"})`;
      },
    );
  }

  /** Resolves once the bot confirmed the update (getUpdates with a greater offset) or it was discarded. */
  async waitUntilConsumed(updateId: number, timeoutMs = 5000): Promise<void> {
    await this.until(
      () => this.isConsumed(updateId) || undefined,
      timeoutMs,
      () => `waitUntilConsumed(${updateId}) timed out after ${timeoutMs} ms; ${this.describeState()}`,
    );
  }

  /** Resolves once every update pushed so far is confirmed (or discarded). */
  waitForIdle(timeoutMs = 5000): Promise<void> {
    return this.quiet(() => !this.hasPendingUpdates(), timeoutMs, "waitForIdle", 0);
  }

  /** Resolves when every pushed update is confirmed and nothing but a long poll is in flight. */
  settle(timeoutMs = 10_000): Promise<void> {
    return this.quiet(() => !this.isBusy() && !this.hasPendingUpdates(), timeoutMs, "settle");
  }

  private async quiet(condition: () => boolean, timeoutMs: number, name: string, quietMs = 5): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let since: number | undefined;
    for (;;) {
      if (condition()) {
        since ??= Date.now();
        if (Date.now() - since >= quietMs) return;
      } else since = undefined;
      if (Date.now() > deadline) throw new Error(`${name}() timed out after ${timeoutMs} ms; ${this.describeState()}`);
      await sleep(1);
    }
  }

  private until<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(describe()));
      }, timeoutMs);
      this.listeners.add(listener);
      listener();
    });
  }
}
