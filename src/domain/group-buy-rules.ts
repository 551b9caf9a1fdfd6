import type { CommissionRule } from "./commission";
export { basisPointsToPercent } from "./commission";
import { parseAmount, type Fen } from "./money";

// The rules of a group buy as plain arithmetic: caps, amounts, outcome,
// commission rules and reminders. The database enforces the same caps with
// conditional updates; these functions decide what to try and what to say.

/** Quantities are small whole numbers; this bounds typos like 1000000. */
export const MAX_QUANTITY = 100_000;

export type CapState = {
  /** the member's current active quantity (0 if none) */
  currentQty: number;
  /** the buy's total of active quantities */
  totalQty: number;
  stockCap: number | null;
  perMemberCap: number | null;
};

export type QuantityCheck =
  | { ok: true; delta: number }
  | { ok: false; reason: "unchanged" }
  | { ok: false; reason: "member-cap"; max: number }
  | { ok: false; reason: "sold-out" }
  | { ok: false; reason: "not-enough"; available: number }
  | { ok: false; reason: "invalid" };

/** Units still available to anyone, or null when there is no stock cap. */
export function remainingStock(totalQty: number, stockCap: number | null): number | null {
  return stockCap === null ? null : Math.max(0, stockCap - totalQty);
}

/** The most this member may hold now, or null when nothing caps it. */
export function maxQuantityFor(state: CapState): number | null {
  const byStock = state.stockCap === null ? null : state.currentQty + Math.max(0, state.stockCap - state.totalQty);
  const byMember = state.perMemberCap;
  if (byStock === null) return byMember;
  if (byMember === null) return byStock;
  return Math.min(byStock, byMember);
}

/** Whether a member may change their quantity to `requested` (0 cancels). */
export function checkQuantity(state: CapState, requested: number): QuantityCheck {
  if (!Number.isInteger(requested) || requested < 0 || requested > MAX_QUANTITY) return { ok: false, reason: "invalid" };
  const delta = requested - state.currentQty;
  if (delta === 0) return { ok: false, reason: "unchanged" };
  if (delta < 0) return { ok: true, delta }; // giving back is always allowed
  if (state.perMemberCap !== null && requested > state.perMemberCap) return { ok: false, reason: "member-cap", max: state.perMemberCap };
  const remaining = remainingStock(state.totalQty, state.stockCap);
  if (remaining !== null && delta > remaining) {
    return remaining === 0 ? { ok: false, reason: "sold-out" } : { ok: false, reason: "not-enough", available: remaining };
  }
  return { ok: true, delta };
}

export function orderAmountFen(unitPriceFen: Fen, quantity: number): Fen {
  const amount = unitPriceFen * quantity;
  if (!Number.isSafeInteger(amount)) throw new Error(`order amount out of range: ${unitPriceFen} × ${quantity}`);
  return amount;
}

export type BuyOutcome = "SUCCEEDED" | "FAILED";

/** 成团: a buy goes ahead when its active quantity reached the minimum. */
export function buyOutcome(totalQty: number, minTotalQty: number): BuyOutcome {
  return totalQty >= minTotalQty && totalQty > 0 ? "SUCCEEDED" : "FAILED";
}

export type SettingsProblem = "min-over-stock" | "member-cap-over-stock";

/** Settings that make a buy impossible or nonsensical. */
export function checkBuySettings(s: { minTotalQty: number; stockCap: number | null; perMemberCap: number | null }): SettingsProblem | undefined {
  if (s.stockCap !== null && s.minTotalQty > s.stockCap) return "min-over-stock";
  if (s.stockCap !== null && s.perMemberCap !== null && s.perMemberCap > s.stockCap) return "member-cap-over-stock";
  return undefined;
}

/** A positive whole number typed by a person (`12`, `１２`, `12件`), within bounds. */
export function parseQuantity(text: string, min = 1, max = MAX_QUANTITY): number | undefined {
  const s = text.normalize("NFKC").trim().replace(/\s*(件|个|份|袋|盒|箱|瓶|斤|kg|pcs|units?|x)$/i, "");
  if (!/^\d{1,7}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

// ── Referral commission rules ────────────────────────────────────────────

// One rule type for the whole bot: the one orders snapshot (domain/commission).
export type { CommissionRule } from "./commission";
export type CommissionError = "unrecognized" | "too-many-decimals" | "over-100-percent" | "over-price";

/**
 * `5%`, `5.5%`, `0` (no commission), `1.50/件`, `¥1.5 per unit`, `每件1.5元`.
 * Percentages become basis points (5.5 % → 550); fixed amounts fen per unit.
 */
export function parseCommission(text: string, unitPriceFen: Fen): { ok: true; rule: CommissionRule } | { ok: false; error: CommissionError } {
  const s = text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  if (/^0+(\.0+)?\s*%?$/.test(s)) return { ok: true, rule: { kind: "PERCENT_BP", value: 0 } };
  const percent = /^(\d{1,3})(?:\.(\d{1,}))?\s*%$/.exec(s);
  if (percent) {
    const frac = percent[2] ?? "";
    if (frac.length > 2) return { ok: false, error: "too-many-decimals" };
    const bp = Number(percent[1]) * 100 + Number(frac.padEnd(2, "0"));
    if (bp > 10_000) return { ok: false, error: "over-100-percent" };
    return { ok: true, rule: { kind: "PERCENT_BP", value: bp } };
  }
  const fixed =
    /^(?:每(?:件|个|份|单位)?)\s*(.+?)$/.exec(s) ??
    /^(.+?)\s*(?:\/|per\s*|每)\s*(?:件|个|份|袋|盒|单位|unit|pc|piece|item)s?$/.exec(s);
  if (fixed) {
    const amount = parseAmount(fixed[1]!);
    if (!amount.ok) return { ok: false, error: amount.error === "too-many-decimals" ? "too-many-decimals" : "unrecognized" };
    if (amount.fen > unitPriceFen) return { ok: false, error: "over-price" };
    return { ok: true, rule: { kind: "FIXED_PER_UNIT", value: amount.fen } };
  }
  return { ok: false, error: "unrecognized" };
}


// ── Reminders ────────────────────────────────────────────────────────────

/**
 * Which reminder to send now, given the offsets (minutes before the deadline)
 * and those already sent. Offsets whose moment came before the buy opened are
 * skipped; when several fell due (the bot was down), only the nearest to the
 * deadline is sent and the others are marked as done.
 */
export function dueReminders(
  offsetsMin: readonly number[],
  deadlineAt: Date,
  openedAt: Date,
  now: Date,
  alreadySent: ReadonlySet<number>,
): { send?: number; markDone: number[] } {
  if (now.getTime() >= deadlineAt.getTime()) return { markDone: [] };
  const due = offsetsMin.filter((offset) => {
    if (alreadySent.has(offset)) return false;
    const at = deadlineAt.getTime() - offset * 60_000;
    return at <= now.getTime() && at > openedAt.getTime();
  });
  if (due.length === 0) return { markDone: [] };
  const send = Math.min(...due);
  return { send, markDone: due };
}
