import { describe, expect, it } from "vitest";
import { reconcileBuy, ReconciliationTally, type ReconcileBuy, type ReconcileOrder } from "../../src/domain/reconciliation";

const order = (id: number, over: Partial<ReconcileOrder> = {}): ReconcileOrder => ({
  id,
  position: id,
  status: "ACTIVE",
  amountFen: 2_500 * id,
  quantity: id,
  commissionKind: "PERCENT_BP",
  commissionValue: 500, // 5 %
  selfReferral: false,
  referrerId: 7,
  ...over,
});

// orders 1–3: 125, 250, 375 at 5 %
const clean = (): ReconcileBuy => ({
  id: 4,
  wentAhead: true,
  selfReferralEarns: false,
  orders: [order(1), order(2, { status: "REFUNDED" }), order(3), order(4, { status: "CANCELLED" }), order(5, { selfReferral: true })],
  entries: [
    { id: 11, kind: "ACCRUAL", orderId: 1, recommenderId: 7, amountFen: 125 },
    { id: 12, kind: "ACCRUAL", orderId: 2, recommenderId: 7, amountFen: 250 },
    { id: 13, kind: "ACCRUAL", orderId: 3, recommenderId: 7, amountFen: 375 },
    { id: 14, kind: "REVERSAL", orderId: 2, recommenderId: 7, amountFen: -250 },
    { id: 15, kind: "PAYOUT", orderId: null, recommenderId: 7, amountFen: -100 },
  ],
  statement: { partsFen: 10_000, revenueFen: 10_000, balanced: true },
});

describe("reconciliation of a buy", () => {
  it("holds when each accrual is its order's rule, each refund reversed, the statement balanced", () => {
    expect(reconcileBuy(clean())).toEqual([]);
  });

  it("names the order and the entry whose accrual differs from its rule", () => {
    const buy = clean();
    buy.entries = buy.entries.map((e) => (e.id === 12 ? { ...e, amountFen: 251 } : e));
    expect(reconcileBuy(buy)).toEqual([{ kind: "accrual", buyId: 4, orderPosition: 2, entryId: 12, ledgerFen: 251, expectedFen: 250 }]);
  });

  it("finds a refund not reversed, an accrual missing, one for the wrong recommender, a stray entry, an unbalanced statement", () => {
    const buy = clean();
    buy.entries = buy.entries.filter((e) => e.id !== 14 && e.id !== 13);
    buy.entries = [...buy.entries, { id: 16, kind: "ACCRUAL", orderId: 99, recommenderId: 7, amountFen: 5 }];
    buy.entries = buy.entries.map((e) => (e.id === 11 ? { ...e, recommenderId: 8 } : e));
    buy.statement = { partsFen: 9_999, revenueFen: 10_000, balanced: false };
    expect(reconcileBuy(buy).map((d) => [d.kind, "orderPosition" in d ? d.orderPosition : "entryId" in d ? d.entryId : null])).toEqual([
      ["accrual", 1],
      ["reversal", 2],
      ["accrual", 3],
      ["stray-entry", 16],
      ["unbalanced", null],
    ]);
  });

  it("expects nothing of a buy that did not go ahead, and an order cancelled before the close", () => {
    const buy: ReconcileBuy = { id: 5, wentAhead: false, selfReferralEarns: false, orders: [order(1, { status: "VOID" })], entries: [] };
    expect(reconcileBuy(buy)).toEqual([]);
    buy.entries = [{ id: 1, kind: "ACCRUAL", orderId: 1, recommenderId: 7, amountFen: 125 }];
    expect(reconcileBuy(buy)[0]).toMatchObject({ kind: "accrual", expectedFen: 0, ledgerFen: 125 });
  });

  it("tallies buys, keeping the first discrepancies and counting them all", () => {
    const tally = new ReconciliationTally(1);
    const bad = clean();
    bad.entries = [];
    tally.add(clean());
    tally.add(bad);
    const result = tally.result(new Date("2026-12-03T00:00:00Z"));
    expect(result).toMatchObject({ buys: 2, count: 3, checkedAt: "2026-12-03T00:00:00.000Z" });
    expect(result.discrepancies).toHaveLength(1);
  });
});
