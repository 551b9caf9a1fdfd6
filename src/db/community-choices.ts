import { randomBytes } from "node:crypto";
import type { Db } from "./client";

/** An organizer command waiting for its community: what was sent, and the picker's nonce. */
export type PendingCommand = { command: string; args: string; nonce: string };

// Rows of the stored-state table, keyed by member: no schema of their own.
const chosenKey = (memberId: number) => `community-choice:${memberId}`;
const pendingKey = (memberId: number) => `community-pending:${memberId}`;

/**
 * Which community an organizer of several means when they write in private:
 * the one they chose last, and the command that waits for a choice. The
 * pending command lives here, not in callback data (64 bytes, forgeable), so a
 * `/payout @member 15` keeps its arguments across the picker and a restart.
 */
export class CommunityChoices {
  constructor(private db: Db) {}

  async remembered(memberId: number): Promise<number | undefined> {
    const row = await this.db.storedState.findUnique({ where: { key: chosenKey(memberId) } });
    if (!row) return undefined;
    const id = (JSON.parse(row.value) as { communityId?: unknown }).communityId;
    return typeof id === "number" ? id : undefined;
  }

  async forget(memberId: number): Promise<void> {
    await this.db.storedState.deleteMany({ where: { key: chosenKey(memberId) } });
  }

  /** Keeps `command` until a community is picked; a newer one replaces it. Returns the picker's nonce. */
  async ask(memberId: number, command: string, args: string): Promise<string> {
    const pending: PendingCommand = { command, args, nonce: randomBytes(6).toString("hex") };
    const value = JSON.stringify(pending);
    const key = pendingKey(memberId);
    await this.db.storedState.upsert({ where: { key }, update: { value }, create: { key, value } });
    return pending.nonce;
  }

  async pending(memberId: number): Promise<PendingCommand | undefined> {
    const row = await this.db.storedState.findUnique({ where: { key: pendingKey(memberId) } });
    return row ? (JSON.parse(row.value) as PendingCommand) : undefined;
  }

  /**
   * A pick: takes the pending command of this picker (nonce) and remembers the
   * community, in one transaction. Only one press gets the command: a
   * re-delivered or concurrent one finds it gone (the delete is conditional on
   * the very value read) and gets undefined, so the command runs once.
   */
  async pick(memberId: number, nonce: string, communityId: number): Promise<PendingCommand | undefined> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.storedState.findUnique({ where: { key: pendingKey(memberId) } });
      if (!row) return undefined;
      const pending = JSON.parse(row.value) as PendingCommand;
      if (pending.nonce !== nonce) return undefined;
      const { count } = await tx.storedState.deleteMany({ where: { key: row.key, value: row.value } });
      if (count !== 1) return undefined;
      const key = chosenKey(memberId);
      const value = JSON.stringify({ communityId });
      await tx.storedState.upsert({ where: { key }, update: { value }, create: { key, value } });
      return pending;
    });
  }
}
