import { formatMoney, parseAmount, type Fen, type Locale } from "./money";

/**
 * A recommender's commission rule, fixed when a buy opens and copied onto
 * every order placed in it (the order's snapshot is what counts, never the
 * buy's current rule).
 *
 * ROUNDING RULE (the only one; README text):
 *   Commission is computed per order, in whole fen, from that order's own
 *   snapshot.
 *   • Percentage rules (value in basis points, 1 bp = 0.01 %):
 *       commission = floor(order amount in fen × bp ÷ 10 000)
 *     i.e. rounded DOWN to the whole fen; the fraction of a fen is never paid
 *     and stays with the co-op. It is applied to the order's amount, never per
 *     unit and never to a buy's total.
 *   • Fixed rules (value in fen per unit): commission = value × quantity, exact.
 *   • A commission never exceeds the order amount.
 *   • An order a recommender placed themselves (self-referral) earns 0 unless
 *     the buy's self-referral setting (copied from the community when the buy
 *     opened) says it earns.
 *   A buy's commission total is the sum of its orders' commissions, and the
 *   ledger accrues exactly those per-order amounts: rounding never creates or
 *   loses a fen between the orders and the ledger.
 */
export type CommissionKind = "PERCENT_BP" | "FIXED_PER_UNIT";
export type CommissionRule = { kind: CommissionKind; value: number };

export const BASIS_POINTS = 10_000;

/** Commission of one order, by the rounding rule above. */
export function commissionFen(rule: CommissionRule, amountFen: Fen, quantity: number): Fen {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new Error(`order amount must be whole fen ≥ 0: ${amountFen}`);
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new Error(`quantity must be a whole number ≥ 0: ${quantity}`);
  if (!Number.isSafeInteger(rule.value) || rule.value < 0) throw new Error(`commission value must be a whole number ≥ 0: ${rule.value}`);
  const raw =
    rule.kind === "PERCENT_BP"
      ? // BigInt: exact at any size; division truncates, which is floor for amounts ≥ 0
        Number((BigInt(amountFen) * BigInt(rule.value)) / BigInt(BASIS_POINTS))
      : rule.value * quantity;
  return Math.min(raw, amountFen);
}

/** What an order (by its snapshot) earns its recommender. */
export function orderCommissionFen(
  order: { commissionKind: CommissionKind; commissionValue: number; amountFen: Fen; quantity: number; selfReferral: boolean },
  selfReferralEarns: boolean,
): Fen {
  if (order.selfReferral && !selfReferralEarns) return 0;
  return commissionFen({ kind: order.commissionKind, value: order.commissionValue }, order.amountFen, order.quantity);
}

export type CommissionRuleError = "not-whole" | "negative" | "over-100-percent" | "over-unit-price";

/** Checks a rule before a buy opens with it. */
export function validateCommissionRule(rule: CommissionRule, unitPriceFen: Fen): CommissionRuleError | undefined {
  if (!Number.isSafeInteger(rule.value)) return "not-whole";
  if (rule.value < 0) return "negative";
  if (rule.kind === "PERCENT_BP" && rule.value > BASIS_POINTS) return "over-100-percent";
  if (rule.kind === "FIXED_PER_UNIT" && rule.value > unitPriceFen) return "over-unit-price";
  return undefined;
}

/**
 * Reads a rule as an organizer types it: `10%`, `12.5 %`, `１０％` → percent;
 * `1.50`, `¥1.5`, `1.5元/件` → fixed per unit. Undefined when unreadable.
 */
export function parseCommissionRule(input: string): CommissionRule | undefined {
  const s = input.normalize("NFKC").trim();
  const percent = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%$/.exec(s);
  if (percent) {
    const bp = Number(percent[1]) * 100 + Number((percent[2] ?? "").padEnd(2, "0"));
    return bp <= BASIS_POINTS ? { kind: "PERCENT_BP", value: bp } : undefined;
  }
  const amount = parseAmount(s.replace(/\s*(\/|每|per)\s*(件|份|unit|个)?$/i, "").replace(/^每\s*(件|份|个)?\s*/, ""));
  return amount.ok ? { kind: "FIXED_PER_UNIT", value: amount.fen } : undefined;
}

/** 1000 → "10", 1050 → "10.5", 5 → "0.05": basis points as a percent, without floats. */
export function basisPointsAsPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/** The rule as members read it: "10 %" / "¥1.00 per unit" (en), "10%" / "每件 ¥1.00" (zh). */
export function formatCommissionRule(rule: CommissionRule, currency: string, locale: Locale): string {
  if (rule.kind === "PERCENT_BP") {
    const p = basisPointsAsPercent(rule.value);
    return locale === "zh" ? `${p}%` : `${p} %`;
  }
  const money = formatMoney(rule.value, currency, locale);
  return locale === "zh" ? `每件 ${money}` : `${money} per unit`;
}
