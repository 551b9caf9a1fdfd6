import type { Update } from "grammy/types";

/**
 * Whose update this is: the member who sent it, else the chat it is in. One
 * member's updates are handled in order (a conversation step must see the
 * answer before it), different members' side by side.
 */
export function updateKey(update: Update): string {
  // a poll answer names its voter `user`: their vote and revote are handled in order too
  if (update.poll_answer?.user) return `u${update.poll_answer.user.id}`;
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

/**
 * One queue per key for updates that arrive separately (webhook requests,
 * which Telegram sends over up to 40 connections at once): a task starts when
 * the one before it with the same key has settled.
 */
export class UpdateLanes {
  private tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** keys with an update being handled or waiting */
  get size(): number {
    return this.tails.size;
  }
}
