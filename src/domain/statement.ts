// A buy's settlement statement: where every fen its members pay goes. Pure:
// the caller reads the buy's breakdown, its orders (one by one or summed by
// status and payment: the statement is linear in them) and the commissions
// the ledger holds for it.
//
//   revenue  = Σ amount of the orders that stand (ACTIVE in a buy that went ahead)
//            = collected (paid) + outstanding (not yet paid)
//   parts    = producer + packaging + logistics + co-op fee + other   (each: its lines × units)
//            + commissions (as the ledger accrued them, per recommender)
//            + residue
//   residue  = what the commission lines budgeted − what was earned
//              (percent rules round down to the fen; a self-referral earns nothing)
//            + revenue − price × units (0 unless an order's price differs from the breakdown's)
//            + (price − Σ lines) × units (0 unless the breakdown doesn't add up: buys opened
//              before breakdowns were kept)
// The residue is what the co-op keeps. `balanced` checks that the parts add
// up to the revenue to the fen; it fails only if an input is inconsistent
// (e.g. a ledger that accrued more than the commission lines allow is shown
// as a negative residue, never hidden).
import { COST_KINDS, type CostKind, type KindedLine } from "./cost-kinds";
import type { Fen } from "./money";

export type BuyBreakdown = {
  priceFen: Fen;
  lines: KindedLine[];
  /** true for a buy opened before breakdowns were kept: its revision's lines, all OTHER */
  derived: boolean;
};

/** An order, or orders summed (count says how many), as the statement reads them. */
export type StatementOrder = {
  status: "ACTIVE" | "CANCELLED" | "VOID" | "REFUNDED";
  paid: boolean;
  quantity: number;
  amountFen: Fen;
  count?: number;
};

/** The ledger's net commission (accruals − reversals) of one recommender for the buy. name null: not on the thanks board. */
export type StatementCommission = { recommenderId: number; name: string | null; amountFen: Fen };

export type StatementInput = {
  breakdown: BuyBreakdown;
  producers: { name: string }[];
  orders: readonly StatementOrder[];
  commissions: readonly StatementCommission[];
};

export type PartKind = Exclude<CostKind, "COMMISSION">;

export type Statement = {
  orderCount: number;
  quantity: number;
  revenueFen: Fen;
  collectedFen: Fen;
  outstandingFen: Fen;
  /** per kind of cost but commissions: its lines' amount × units */
  byKind: Record<PartKind, Fen>;
  /** the producer's share, per producer (a buy has one product, so one producer) */
  producers: { name: string; amountFen: Fen }[];
  /** named recommenders first (largest first), then "another recommender" summed as name null */
  commissions: { name: string | null; amountFen: Fen }[];
  commissionsFen: Fen;
  /** what the commission lines budgeted (their amount × units); for a derived breakdown with no commission line, what its OTHER lines paid of the commissions */
  commissionBudgetFen: Fen;
  residueFen: Fen;
  refunds: { count: number; quantity: number; amountFen: Fen };
  /** Σ parts */
  partsFen: Fen;
  balanced: boolean;
};

const PART_KINDS = COST_KINDS.filter((k): k is PartKind => k !== "COMMISSION");

function check(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number ≥ 0: ${n}`);
}

/** The statement of one buy. */
export function settle(input: StatementInput): Statement {
  let orderCount = 0;
  let quantity = 0;
  let revenue = 0;
  let collected = 0;
  const refunds = { count: 0, quantity: 0, amountFen: 0 };
  for (const o of input.orders) {
    check(o.quantity, "quantity");
    check(o.amountFen, "amount");
    const count = o.count ?? 1;
    if (o.status === "ACTIVE") {
      orderCount += count;
      quantity += o.quantity;
      revenue += o.amountFen;
      if (o.paid) collected += o.amountFen;
    } else if (o.status === "REFUNDED") {
      refunds.count += count;
      refunds.quantity += o.quantity;
      refunds.amountFen += o.amountFen;
    }
  }
  const perUnit = Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as Record<CostKind, Fen>;
  for (const l of input.breakdown.lines) {
    check(l.amountFen, "line amount");
    perUnit[l.kind] += l.amountFen;
  }
  const byKind = Object.fromEntries(PART_KINDS.map((k) => [k, perUnit[k] * quantity])) as Record<PartKind, Fen>;
  const linesPerUnit = COST_KINDS.reduce((s, k) => s + perUnit[k], 0);
  let commissionBudget = perUnit.COMMISSION * quantity;

  const named = new Map<string, Fen>();
  let others = 0;
  let commissionsFen = 0;
  for (const c of input.commissions) {
    if (!Number.isSafeInteger(c.amountFen)) throw new Error(`commission must be whole fen: ${c.amountFen}`);
    if (c.amountFen === 0) continue;
    commissionsFen += c.amountFen;
    if (c.name === null) others += c.amountFen;
    else named.set(`${c.recommenderId}\u0000${c.name}`, (named.get(`${c.recommenderId}\u0000${c.name}`) ?? 0) + c.amountFen);
  }
  const commissions = [...named.entries()]
    .map(([key, amountFen]) => ({ name: key.slice(key.indexOf("\u0000") + 1), amountFen, key }))
    .sort((a, b) => b.amountFen - a.amountFen || (a.key < b.key ? -1 : 1))
    .map(({ name, amountFen }) => ({ name: name as string | null, amountFen }));
  if (others !== 0) commissions.push({ name: null, amountFen: others });

  // A buy opened before kinds were kept has its commission line among OTHER:
  // the commissions it paid came out of those lines, not out of the residue.
  if (input.breakdown.derived && perUnit.COMMISSION === 0) {
    const paidFromOther = Math.min(Math.max(commissionsFen, 0), byKind.OTHER);
    byKind.OTHER -= paidFromOther;
    commissionBudget += paidFromOther;
  }
  const residue =
    commissionBudget - commissionsFen + (revenue - input.breakdown.priceFen * quantity) + (input.breakdown.priceFen - linesPerUnit) * quantity;
  const partsFen = PART_KINDS.reduce((s, k) => s + byKind[k], 0) + commissionsFen + residue;
  const producerFen = byKind.PRODUCER;
  const producers = input.producers.length > 0 ? input.producers.map((p, i) => ({ name: p.name, amountFen: i === 0 ? producerFen : 0 })) : [];
  return {
    orderCount,
    quantity,
    revenueFen: revenue,
    collectedFen: collected,
    outstandingFen: revenue - collected,
    byKind,
    producers,
    commissions,
    commissionsFen,
    commissionBudgetFen: commissionBudget,
    residueFen: residue,
    refunds,
    partsFen,
    balanced: partsFen === revenue,
  };
}

/** Several buys' statements summed (a period's books): producers and named recommenders merged by name. */
export function sumStatements(statements: readonly Statement[]): Statement {
  const byKind = Object.fromEntries(PART_KINDS.map((k) => [k, 0])) as Record<PartKind, Fen>;
  const producers = new Map<string, Fen>();
  const named = new Map<string, Fen>();
  let others = 0;
  const total = { orderCount: 0, quantity: 0, revenueFen: 0, collectedFen: 0, commissionsFen: 0, commissionBudgetFen: 0, residueFen: 0, partsFen: 0 };
  const refunds = { count: 0, quantity: 0, amountFen: 0 };
  for (const s of statements) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += s[key];
    for (const k of PART_KINDS) byKind[k] += s.byKind[k];
    for (const p of s.producers) producers.set(p.name, (producers.get(p.name) ?? 0) + p.amountFen);
    for (const c of s.commissions) {
      if (c.name === null) others += c.amountFen;
      else named.set(c.name, (named.get(c.name) ?? 0) + c.amountFen);
    }
    refunds.count += s.refunds.count;
    refunds.quantity += s.refunds.quantity;
    refunds.amountFen += s.refunds.amountFen;
  }
  const commissions: Statement["commissions"] = [...named.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, amountFen]) => ({ name, amountFen }));
  if (others !== 0) commissions.push({ name: null, amountFen: others });
  return {
    ...total,
    outstandingFen: total.revenueFen - total.collectedFen,
    byKind,
    producers: [...producers.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, amountFen]) => ({ name, amountFen })),
    commissions,
    refunds,
    balanced: total.partsFen === total.revenueFen,
  };
}

/** The statement's parts in the order shown (and drawn), zero parts left out: a kind, commissions, or the residue. */
export function statementParts(s: Statement): { key: CostKind | "RESIDUE"; amountFen: Fen }[] {
  const parts: { key: CostKind | "RESIDUE"; amountFen: Fen }[] = [
    { key: "PRODUCER", amountFen: s.byKind.PRODUCER },
    { key: "PACKAGING", amountFen: s.byKind.PACKAGING },
    { key: "LOGISTICS", amountFen: s.byKind.LOGISTICS },
    { key: "COOP_FEE", amountFen: s.byKind.COOP_FEE },
    { key: "COMMISSION", amountFen: s.commissionsFen },
    { key: "OTHER", amountFen: s.byKind.OTHER },
    { key: "RESIDUE", amountFen: s.residueFen },
  ];
  return parts.filter((p) => p.amountFen !== 0);
}
