import { formatMoney, type Fen, type Locale } from "./money";

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

/** `5.5` for 550 basis points — for display next to a % sign. */
export function basisPointsToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

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

/**
 * The rule as members read it, worded by the locales (`commission-rule-*`):
 * "10 %" / "¥1.00 per unit" (en), "10%" / "每件 ¥1.00" (zh); with the buy's
 * unit (as given: escape it for HTML first) "¥1.00 per bag" / "每袋 ¥1.00".
 */
export function formatCommissionRule(
  t: (key: string, vars?: Record<string, string | number>) => string,
  rule: CommissionRule,
  currency: string,
  locale: Locale,
  unit?: string,
): string {
  if (rule.kind === "PERCENT_BP") return t("commission-rule-percent", { percent: basisPointsToPercent(rule.value) });
  const amount = formatMoney(rule.value, currency, locale);
  return unit ? t("commission-rule-fixed-per", { amount, unit }) : t("commission-rule-fixed", { amount });
}
