import type { Fen } from "./money";

/**
 * The referral earnings ledger: per recommender and community, an append-only
 * chain of entries numbered 1, 2, 3… Each entry carries its amount (+ earned,
 * − reversed or paid) and the running balance after it. Nothing is ever
 * edited or deleted; a correction is a new entry.
 */
export type LedgerKind = "ACCRUAL" | "REVERSAL" | "PAYOUT" | "ADJUSTMENT";

/**
 * Where a chain stands after an entry: its seq, the running balance, and the
 * running sums of its payouts and of its adjustments — with those three the
 * recommender's summary comes from the last entry alone (summaryOfLink).
 */
export type ChainLink = { seq: number; balanceFen: Fen; paidToDateFen: Fen; adjustedToDateFen: Fen };
export type ChainEntry = ChainLink & { kind: LedgerKind; amountFen: Fen };

/** Idempotency keys: the same fact can be written once only. */
export const accrualKey = (orderId: number) => `accrual:${orderId}`;
export const reversalKey = (orderId: number) => `reversal:${orderId}`;
/** The confirmation message, named by the confirming organizer (its private chat) — never by a Telegram id. */
export const payoutKey = (organizerId: number, messageId: number) => `payout:m${organizerId}:${messageId}`;

/** The seq and running sums of the entry that follows `last` (none yet: the first). */
export function nextLink(last: ChainLink | null | undefined, kind: LedgerKind, amountFen: Fen): ChainLink {
  if (!Number.isSafeInteger(amountFen)) throw new Error(`ledger amounts are whole fen: ${amountFen}`);
  return {
    seq: (last?.seq ?? 0) + 1,
    balanceFen: (last?.balanceFen ?? 0) + amountFen,
    paidToDateFen: (last?.paidToDateFen ?? 0) + (kind === "PAYOUT" ? amountFen : 0),
    adjustedToDateFen: (last?.adjustedToDateFen ?? 0) + (kind === "ADJUSTMENT" ? amountFen : 0),
  };
}

/** Accruals add, reversals and payouts subtract, adjustments go either way; none is zero. */
export function signAllowed(kind: LedgerKind, amountFen: Fen): boolean {
  switch (kind) {
    case "ACCRUAL":
      return amountFen > 0;
    case "REVERSAL":
    case "PAYOUT":
      return amountFen < 0;
    case "ADJUSTMENT":
      return amountFen !== 0;
  }
}

export type PayoutRefusal = "not-positive" | "exceeds-balance";

/** A payout is a positive amount no larger than the balance it is paid from. */
export function checkPayout(balanceFen: Fen, amountFen: Fen): PayoutRefusal | undefined {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return "not-positive";
  if (amountFen > balanceFen) return "exceeds-balance";
  return undefined;
}

/**
 * Checks one recommender's chain (sorted by seq): numbered 1…n without gaps,
 * each running balance equal to the sum so far, each sign allowed for its kind.
 * Returns the problems found (none: the chain reconciles).
 */
export function verifyChain(entries: readonly ChainEntry[]): string[] {
  const problems: string[] = [];
  let sum = 0;
  let paid = 0;
  let adjusted = 0;
  entries.forEach((e, i) => {
    sum += e.amountFen;
    if (e.kind === "PAYOUT") paid += e.amountFen;
    if (e.kind === "ADJUSTMENT") adjusted += e.amountFen;
    if (e.seq !== i + 1) problems.push(`entry ${i + 1} has seq ${e.seq}`);
    if (e.balanceFen !== sum) problems.push(`seq ${e.seq}: balance ${e.balanceFen} ≠ sum of entries ${sum}`);
    if (e.paidToDateFen !== paid) problems.push(`seq ${e.seq}: paid to date ${e.paidToDateFen} ≠ sum of payouts ${paid}`);
    if (e.adjustedToDateFen !== adjusted) problems.push(`seq ${e.seq}: adjusted to date ${e.adjustedToDateFen} ≠ sum of adjustments ${adjusted}`);
    if (!signAllowed(e.kind, e.amountFen)) problems.push(`seq ${e.seq}: ${e.kind} of ${e.amountFen}`);
  });
  return problems;
}

export type LedgerSummary = {
  /** sum of every entry */
  balanceFen: Fen;
  /** accruals minus reversals */
  earnedFen: Fen;
  /** paid out, as a positive amount */
  paidOutFen: Fen;
  adjustedFen: Fen;
};

/** A chain's summary from where its last entry left it (none: nothing yet). */
export function summaryOfLink(last: ChainLink | null | undefined): LedgerSummary {
  const balance = last?.balanceFen ?? 0;
  const paid = last?.paidToDateFen ?? 0;
  const adjusted = last?.adjustedToDateFen ?? 0;
  return { balanceFen: balance, earnedFen: balance - paid - adjusted, paidOutFen: -paid, adjustedFen: adjusted };
}

/** The summary of entries, summed kind by kind (what summaryOfLink must agree with). */
export function summarize(entries: Iterable<{ kind: LedgerKind; amountFen: Fen }>): LedgerSummary {
  const byKind: Record<LedgerKind, Fen> = { ACCRUAL: 0, REVERSAL: 0, PAYOUT: 0, ADJUSTMENT: 0 };
  for (const e of entries) byKind[e.kind] += e.amountFen;
  return {
    balanceFen: byKind.ACCRUAL + byKind.REVERSAL + byKind.PAYOUT + byKind.ADJUSTMENT,
    earnedFen: byKind.ACCRUAL + byKind.REVERSAL,
    paidOutFen: -byKind.PAYOUT,
    adjustedFen: byKind.ADJUSTMENT,
  };
}

/** 1250 → "12.50", -5 → "-0.05": fen as an exact decimal string (exports), no floats. */
