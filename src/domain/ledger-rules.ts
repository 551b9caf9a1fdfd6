import type { Fen } from "./money";

/**
 * The referral earnings ledger: per recommender and community, an append-only
 * chain of entries numbered 1, 2, 3… Each entry carries its amount (+ earned,
 * − reversed or paid) and the running balance after it. Nothing is ever
 * edited or deleted; a correction is a new entry.
 */
export type LedgerKind = "ACCRUAL" | "REVERSAL" | "PAYOUT" | "ADJUSTMENT";

export type ChainLink = { seq: number; balanceFen: Fen };
export type ChainEntry = ChainLink & { kind: LedgerKind; amountFen: Fen };

/** Idempotency keys: the same fact can be written once only. */
export const accrualKey = (orderId: number) => `accrual:${orderId}`;
export const reversalKey = (orderId: number) => `reversal:${orderId}`;
/** The confirmation message, named by the confirming organizer (its private chat) — never by a Telegram id. */
export const payoutKey = (organizerId: number, messageId: number) => `payout:m${organizerId}:${messageId}`;

/** The seq and running balance of the entry that follows `last` (none yet: the first). */
export function nextLink(last: ChainLink | null | undefined, amountFen: Fen): ChainLink {
  if (!Number.isSafeInteger(amountFen)) throw new Error(`ledger amounts are whole fen: ${amountFen}`);
  return { seq: (last?.seq ?? 0) + 1, balanceFen: (last?.balanceFen ?? 0) + amountFen };
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
  entries.forEach((e, i) => {
    sum += e.amountFen;
    if (e.seq !== i + 1) problems.push(`entry ${i + 1} has seq ${e.seq}`);
    if (e.balanceFen !== sum) problems.push(`seq ${e.seq}: balance ${e.balanceFen} ≠ sum of entries ${sum}`);
    if (!signAllowed(e.kind, e.amountFen)) problems.push(`seq ${e.seq}: ${e.kind} of ${e.amountFen}`);
  });
  return problems;
}

export type LedgerSummary = {
  /** sum of every entry */
  balanceFen: Fen;
  /** accruals minus reversals */
  earnedFen: Fen;
  accruedFen: Fen;
  /** reversed, as a positive amount */
  reversedFen: Fen;
  /** paid out, as a positive amount */
  paidOutFen: Fen;
  adjustedFen: Fen;
};

export function summarize(entries: Iterable<{ kind: LedgerKind; amountFen: Fen }>): LedgerSummary {
  const byKind: Record<LedgerKind, Fen> = { ACCRUAL: 0, REVERSAL: 0, PAYOUT: 0, ADJUSTMENT: 0 };
  for (const e of entries) byKind[e.kind] += e.amountFen;
  return summaryFromTotals(byKind);
}

/** The summary from the sum of amounts per kind (what a GROUP BY returns). */
export function summaryFromTotals(byKind: Partial<Record<LedgerKind, Fen>>): LedgerSummary {
  const accrued = byKind.ACCRUAL ?? 0;
  const reversed = byKind.REVERSAL ?? 0;
  const paid = byKind.PAYOUT ?? 0;
  const adjusted = byKind.ADJUSTMENT ?? 0;
  return {
    balanceFen: accrued + reversed + paid + adjusted,
    earnedFen: accrued + reversed,
    accruedFen: accrued,
    reversedFen: -reversed,
    paidOutFen: -paid,
    adjustedFen: adjusted,
  };
}

/** 1250 → "12.50", -5 → "-0.05": fen as an exact decimal string (exports), no floats. */
