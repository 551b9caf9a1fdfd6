// Reconciliation: the ledger, the orders and the statements tell one story.
// Pure: for each buy, the caller gives its orders (their snapshots), the
// ledger's entries for it and its statement. For every order:
//   accruals  = what its snapshotted rule gives, if the buy went ahead with it
//               (ACTIVE or REFUNDED afterwards), else nothing;
//   reversals = − its accrual once it was refunded (or cancelled), else nothing;
//   by the order's own recommender.
// Each buy's statement balances (its parts add up to its revenue).
import { orderCommissionFen, type CommissionKind } from "./commission";
import type { Fen } from "./money";
import type { Statement } from "./statement";

export type ReconcileOrder = {
  id: number;
  position: number;
  status: "ACTIVE" | "CANCELLED" | "VOID" | "REFUNDED";
  amountFen: Fen;
  quantity: number;
  commissionKind: CommissionKind;
  commissionValue: number;
  selfReferral: boolean;
  referrerId: number;
};

export type ReconcileEntry = { id: number; kind: "ACCRUAL" | "REVERSAL" | "PAYOUT" | "ADJUSTMENT"; orderId: number | null; recommenderId: number; amountFen: Fen };

export type ReconcileBuy = {
  id: number;
  /** whether the buy went ahead (SUCCEEDED, or CANCELLED after it had) */
  wentAhead: boolean;
  selfReferralEarns: boolean;
  orders: readonly ReconcileOrder[];
  entries: readonly ReconcileEntry[];
  statement?: Pick<Statement, "partsFen" | "revenueFen" | "balanced">;
};

export type Discrepancy =
  | { kind: "accrual" | "reversal"; buyId: number; orderPosition: number; entryId: number | null; ledgerFen: Fen; expectedFen: Fen }
  | { kind: "stray-entry"; buyId: number; entryId: number; amountFen: Fen }
  | { kind: "unbalanced"; buyId: number; partsFen: Fen; revenueFen: Fen };

/** A check's outcome as stored and shown: when, how many buys, the first discrepancies (up to `keep`) and how many in all. */
export type ReconciliationResult = { checkedAt: string; buys: number; discrepancies: Discrepancy[]; count: number };

/** The discrepancies of one buy, in order: orders by roster position, then stray entries, then the statement. */
export function reconcileBuy(buy: ReconcileBuy): Discrepancy[] {
  const out: Discrepancy[] = [];
  const byOrder = new Map<number, ReconcileEntry[]>();
  const orderIds = new Set(buy.orders.map((o) => o.id));
  for (const e of buy.entries) {
    if (e.kind !== "ACCRUAL" && e.kind !== "REVERSAL") continue;
    if (e.orderId === null || !orderIds.has(e.orderId)) {
      out.push({ kind: "stray-entry", buyId: buy.id, entryId: e.id, amountFen: e.amountFen });
      continue;
    }
    byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
  }
  const perOrder: Discrepancy[] = [];
  for (const o of [...buy.orders].sort((a, b) => a.position - b.position || a.id - b.id)) {
    const entries = byOrder.get(o.id) ?? [];
    const accruals = entries.filter((e) => e.kind === "ACCRUAL");
    const reversals = entries.filter((e) => e.kind === "REVERSAL");
    const accrued = accruals.reduce((s, e) => s + e.amountFen, 0);
    const reversed = reversals.reduce((s, e) => s + e.amountFen, 0);
    const closedWith = buy.wentAhead && (o.status === "ACTIVE" || o.status === "REFUNDED");
    const expectedAccrual = closedWith ? orderCommissionFen(o, buy.selfReferralEarns) : 0;
    // an order that left before the close accrued nothing, or accrued and was reversed in full
    const accrualOk = closedWith ? accrued === expectedAccrual : accrued + reversed === 0;
    const wrongRecommender = entries.find((e) => e.recommenderId !== o.referrerId);
    if (!accrualOk || (wrongRecommender && wrongRecommender.kind === "ACCRUAL")) {
      perOrder.push({ kind: "accrual", buyId: buy.id, orderPosition: o.position, entryId: (wrongRecommender ?? accruals[0])?.id ?? null, ledgerFen: accrued, expectedFen: expectedAccrual });
      continue;
    }
    const expectedReversal = o.status === "ACTIVE" ? 0 : -accrued;
    if (reversed !== expectedReversal || wrongRecommender) {
      perOrder.push({ kind: "reversal", buyId: buy.id, orderPosition: o.position, entryId: (wrongRecommender ?? reversals[0])?.id ?? null, ledgerFen: reversed, expectedFen: expectedReversal });
    }
  }
  out.unshift(...perOrder);
  if (buy.statement && !buy.statement.balanced) {
    out.push({ kind: "unbalanced", buyId: buy.id, partsFen: buy.statement.partsFen, revenueFen: buy.statement.revenueFen });
  }
  return out;
}

/** Folds buys' discrepancies into one result, keeping the first `keep`. */
export class ReconciliationTally {
  private buys = 0;
  private count = 0;
  private kept: Discrepancy[] = [];
  constructor(private keep = 20) {}

  add(buy: ReconcileBuy): void {
    this.buys++;
    const found = reconcileBuy(buy);
    this.count += found.length;
    for (const d of found) if (this.kept.length < this.keep) this.kept.push(d);
  }

  result(checkedAt: Date): ReconciliationResult {
    return { checkedAt: checkedAt.toISOString(), buys: this.buys, discrepancies: this.kept, count: this.count };
  }
}
