import { Prisma } from "../generated/prisma/client";
import type { Tx } from "./client";
import { nextLink, signAllowed, type ChainLink, type LedgerKind, type PayoutRefusal } from "../domain/ledger-rules";

// The step every ledger write starts with, inside its transaction: which of
// the entries are already written (same key: a replay) and the rows that
// continue the recommender's chain (next seq, running balance and sums). Ledger.append
// writes those rows one by one, Ledger.appendMany in bulk.

/** A ledger row as stored. */
export type LedgerEntryRecord = {
  id: number;
  communityId: number;
  recommenderId: number;
  seq: number;
  kind: LedgerKind;
  amountFen: number;
  balanceFen: number;
  /** running sums of the chain's payouts and adjustments, this entry included */
  paidToDateFen: number;
  adjustedToDateFen: number;
  orderId: number | null;
  groupBuyId: number | null;
  createdById: number | null;
  memo: string | null;
  /** a payout's: how it was paid and the transfer's reference, as the organizer gave them */
  payoutMethod: string | null;
  payoutReference: string | null;
  idempotencyKey: string;
  createdAt: Date;
};

export type NewEntry = {
  kind: LedgerKind;
  amountFen: number;
  orderId?: number;
  groupBuyId?: number;
  createdById?: number;
  memo?: string;
  payoutMethod?: string;
  payoutReference?: string;
  idempotencyKey: string;
};

export type NewRow = Omit<LedgerEntryRecord, "id">;
/** Every column of a new entry, for bulk inserts. */
export const NEW_ROW_COLUMNS = [
  "communityId", "recommenderId", "seq", "kind", "amountFen", "balanceFen", "paidToDateFen", "adjustedToDateFen", "orderId", "groupBuyId", "createdById", "memo", "payoutMethod", "payoutReference", "idempotencyKey", "createdAt",
] as const satisfies readonly (keyof NewRow)[];
/** An entry of an append: already in the ledger (a replay), the row to write, or a repeat of one earlier in the same call. */
export type PlannedStep = { existing: LedgerEntryRecord } | { row: NewRow } | { repeatOf: string };

/** Keys looked up per query: far below SQLite's limit on bound parameters, however many orders a buy has. */
const KEYS_PER_LOOKUP = 1000;

export async function planAppend(
  tx: Tx,
  input: {
    communityId: number;
    recommenderId: number;
    entries: NewEntry[];
    /** sees the balance before the first new entry and may refuse (nothing is written then) */
    guard?: (balanceBeforeFen: number) => PayoutRefusal | undefined;
    now: Date;
    /** queue writers per recommender; off only to test the seq guarantee alone */
    lockRecommender: boolean;
  },
): Promise<{ steps: PlannedStep[]; balanceAfterFen: number } | { refused: PayoutRefusal; balanceFen: number }> {
  const { communityId, recommenderId, entries, guard, now, lockRecommender } = input;
  for (const e of entries) {
    if (!signAllowed(e.kind, e.amountFen)) throw new Error(`ledger: ${e.kind} of ${e.amountFen} fen is not allowed`);
  }
  if (lockRecommender) {
    // A write to the recommender's row queues concurrent ledger writers for
    // them (a row lock on PostgreSQL; SQLite has one writer anyway), so a
    // writer inside someone else's transaction (a buy's close) reads the
    // latest entry instead of failing on the seq. The unique seq remains the
    // guarantee; this only spares the retry.
    await tx.member.update({ where: { id: recommenderId }, data: { updatedAt: now } });
  }
  const keys = [...new Set(entries.map((e) => e.idempotencyKey))];
  const byKey = new Map<string, LedgerEntryRecord>();
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP) {
    const slice = keys.slice(i, i + KEYS_PER_LOOKUP);
    // which keys are taken, in one raw query; the entries themselves (replays: rare) through Prisma
    const taken = await tx.$queryRaw<{ idempotencyKey: string }[]>`SELECT "idempotencyKey" FROM "LedgerEntry" WHERE "idempotencyKey" IN (${Prisma.join(slice)})`;
    if (taken.length === 0) continue;
    const known = await tx.ledgerEntry.findMany({ where: { idempotencyKey: { in: taken.map((t) => t.idempotencyKey) } } });
    for (const k of known) byKey.set(k.idempotencyKey, k);
  }
  let last: ChainLink | null = await tx.ledgerEntry.findFirst({
    where: { communityId, recommenderId },
    orderBy: { seq: "desc" },
    select: { seq: true, balanceFen: true, paidToDateFen: true, adjustedToDateFen: true },
  });
  const fresh = entries.filter((e) => !byKey.has(e.idempotencyKey));
  if (guard && fresh.length > 0) {
    const refused = guard(last?.balanceFen ?? 0);
    if (refused) return { refused, balanceFen: last?.balanceFen ?? 0 };
  }
  const steps: PlannedStep[] = [];
  const planned = new Map<string, NewRow>();
  for (const e of entries) {
    const written = byKey.get(e.idempotencyKey);
    const repeated = planned.get(e.idempotencyKey); // the same fact twice in one call is written once
    const existing = written ?? repeated;
    if (existing) {
      if (existing.recommenderId !== recommenderId || existing.kind !== e.kind || existing.amountFen !== e.amountFen) {
        throw new Error(`ledger: key ${e.idempotencyKey} already holds a different entry`);
      }
      steps.push(written ? { existing: written } : { repeatOf: e.idempotencyKey });
      continue;
    }
    const link = nextLink(last, e.kind, e.amountFen);
    const row: NewRow = {
      communityId,
      recommenderId,
      seq: link.seq,
      kind: e.kind,
      amountFen: e.amountFen,
      balanceFen: link.balanceFen,
      paidToDateFen: link.paidToDateFen,
      adjustedToDateFen: link.adjustedToDateFen,
      orderId: e.orderId ?? null,
      groupBuyId: e.groupBuyId ?? null,
      createdById: e.createdById ?? null,
      memo: e.memo ?? null,
      payoutMethod: e.payoutMethod ?? null,
      payoutReference: e.payoutReference ?? null,
      idempotencyKey: e.idempotencyKey,
      createdAt: now,
    };
    planned.set(e.idempotencyKey, row);
    steps.push({ row });
    last = link;
  }
  return { steps, balanceAfterFen: last?.balanceFen ?? 0 };
}
