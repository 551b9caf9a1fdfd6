// Patronage preview: the share of a period's co-op fee income a community
// returns to its members, split in proportion to what each bought.
//
// Rounding: floor with a visible residue. The pool is the fee income × the
// share, floored to the fen; each member gets pool × their purchases ÷ all
// purchases, floored to the fen. What the floors leave is the residue, shown
// beside the shares: Σ shares + residue = pool, no fen created or lost. Floors
// depend on each member's own purchases only, so the split does not depend on
// the order members are listed in.
import type { Fen } from "./money";

/** Basis points: 10,000 = 100 %. */
export const MAX_SHARE_BP = 10_000;

export type Purchase = { memberId: number; amountFen: Fen };

export type PatronageSplit = {
  /** fee income × share, floored to the fen */
  poolFen: Fen;
  /** each member's share, floored to the fen (members who bought nothing are not listed) */
  shares: Map<number, Fen>;
  /** pool − Σ shares: what the floors leave (kept by the co-op) */
  residueFen: Fen;
  /** all members' purchases in the period */
  purchasesFen: Fen;
};

function wholeFen(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be whole fen ≥ 0: ${n}`);
}

/** The pool: fee income × share, floored. */
export function patronagePool(feeIncomeFen: Fen, shareBp: number): Fen {
  wholeFen(feeIncomeFen, "fee income");
  if (!Number.isInteger(shareBp) || shareBp < 0 || shareBp > MAX_SHARE_BP) throw new Error(`share must be 0–10000 bp: ${shareBp}`);
  return Number((BigInt(feeIncomeFen) * BigInt(shareBp)) / BigInt(MAX_SHARE_BP));
}

/** Splits the pool among members by purchases (a member listed twice counts once, summed). */
export function splitPatronage(feeIncomeFen: Fen, shareBp: number, purchases: readonly Purchase[]): PatronageSplit {
  const poolFen = patronagePool(feeIncomeFen, shareBp);
  const byMember = new Map<number, Fen>();
  for (const p of purchases) {
    wholeFen(p.amountFen, "purchase");
    if (p.amountFen > 0) byMember.set(p.memberId, (byMember.get(p.memberId) ?? 0) + p.amountFen);
  }
  let total = 0;
  for (const a of byMember.values()) total += a;
  const shares = new Map<number, Fen>();
  let given = 0;
  for (const [memberId, amount] of byMember) {
    // BigInt: pool × purchases can pass 2^53 for a big community's year
    const share = total === 0 ? 0 : Number((BigInt(poolFen) * BigInt(amount)) / BigInt(total));
    shares.set(memberId, share);
    given += share;
  }
  return { poolFen, shares, residueFen: poolFen - given, purchasesFen: total };
}

/** Parses "20%", "20", "12.5 %" into basis points; undefined unless 0–100 % with at most two decimals. */
export function parseSharePercent(input: string): number | undefined {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*[%％]?$/.exec(input.normalize("NFKC").trim());
  if (!m) return undefined;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= MAX_SHARE_BP ? bp : undefined;
}

/** 2000 bp → "20%", 1250 → "12.5%". */
export function formatShare(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}
