// The breakdown a buy opens with: the product's lines, moved so that they add
// up to the buy's own price and the commission lines equal the buy's rule.
// Whatever the price and the rule change is taken by one line the opener
// names (the "absorbing" line); it may not go below zero.
import { commissionFen, type CommissionRule } from "./commission";
import { commissionPerUnitFen, type KindedLine } from "./cost-kinds";
import type { Fen } from "./money";

export type Adjustment = { label: string; kind: KindedLine["kind"]; beforeFen: Fen; afterFen: Fen };

/**
 * The commission of one unit under a rule. Percent rules: commissionFen of a
 * one-unit order, i.e. floor(price × bp ÷ 10 000), rounded DOWN like every
 * order's commission (domain/commission.ts). An order of n units can earn up
 * to n−1 fen more than n × this (its floor is taken once); the statement
 * counts those fen from the orders themselves.
 */
export function unitCommissionFen(rule: CommissionRule, unitPriceFen: Fen): Fen {
  return commissionFen(rule, unitPriceFen, 1);
}

/** The default rule of a buy: the commission lines' amount per unit, fixed. */
export function defaultRule(lines: readonly KindedLine[]): CommissionRule {
  return { kind: "FIXED_PER_UNIT", value: commissionPerUnitFen(lines) };
}

export type Plan = {
  /** the lines with the commission lines set to the rule (before any absorbing) */
  lines: KindedLine[];
  /** what one line must take so that the lines add up to the price (0: nothing to absorb) */
  differenceFen: Fen;
  /** the lines that may absorb it (indexes into `lines`): all but the commission lines */
  candidates: number[];
  commissionChanges: Adjustment[];
};

/**
 * The commission lines set to the rule's unit commission: the change goes to
 * the first commission line (a reduction runs through them in order, none
 * below zero); with none and a commission due, a line `commissionLabel` is added.
 */
export function planBreakdown(product: readonly KindedLine[], priceFen: Fen, rule: CommissionRule, commissionLabel: string): Plan {
  const lines = product.map((l) => ({ ...l }));
  const target = unitCommissionFen(rule, priceFen);
  let change = target - commissionPerUnitFen(lines);
  const commissionChanges: Adjustment[] = [];
  if (change !== 0 && !lines.some((l) => l.kind === "COMMISSION")) {
    lines.push({ label: commissionLabel, kind: "COMMISSION", amountFen: target });
    commissionChanges.push({ label: commissionLabel, kind: "COMMISSION", beforeFen: 0, afterFen: target });
    change = 0;
  }
  for (const l of lines) {
    if (change === 0) break;
    if (l.kind !== "COMMISSION") continue;
    const after = Math.max(0, l.amountFen + change);
    change -= after - l.amountFen;
    commissionChanges.push({ label: l.label, kind: l.kind, beforeFen: l.amountFen, afterFen: after });
    l.amountFen = after;
  }
  const sum = lines.reduce((s, l) => s + l.amountFen, 0);
  const candidates = lines.flatMap((l, i) => (l.kind === "COMMISSION" ? [] : [i]));
  return { lines, differenceFen: priceFen - sum, candidates, commissionChanges };
}

export type Absorbed = { ok: true; lines: KindedLine[]; adjusted: Adjustment[] } | { ok: false; reason: "negative" | "not-a-candidate"; afterFen?: Fen };

/** The plan with line `index` taking the difference; refused if it would go below zero. */
export function absorb(plan: Plan, index: number | null): Absorbed {
  if (plan.differenceFen === 0) return { ok: true, lines: plan.lines, adjusted: plan.commissionChanges };
  if (index === null || !plan.candidates.includes(index)) return { ok: false, reason: "not-a-candidate" };
  const line = plan.lines[index]!;
  const after = line.amountFen + plan.differenceFen;
  if (after < 0) return { ok: false, reason: "negative", afterFen: after };
  const lines = plan.lines.map((l, i) => (i === index ? { ...l, amountFen: after } : l));
  return { ok: true, lines, adjusted: [...plan.commissionChanges, { label: line.label, kind: line.kind, beforeFen: line.amountFen, afterFen: after }] };
}
