import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderCommissionFen, type CommissionKind } from "../../src/domain/commission";
import { COST_KINDS, type KindedLine } from "../../src/domain/cost-kinds";
import { settle, statementParts, sumStatements, type StatementCommission, type StatementInput, type StatementOrder } from "../../src/domain/statement";

// Property tests of the settlement statement: random breakdowns, prices,
// rules, quantities and refunds. The commissions are what the ledger would
// hold: each standing order's commission by its snapshotted rule, per
// recommender (accruals less the refunded orders' reversals).

type GenOrder = StatementOrder & { referrer: number; selfReferral: boolean };
type World = { input: StatementInput; orders: GenOrder[]; rule: { kind: CommissionKind; value: number }; selfEarns: boolean };

const line = fc.record({ label: fc.string({ maxLength: 6 }), kind: fc.constantFrom(...COST_KINDS), amountFen: fc.integer({ min: 0, max: 50_000 }) });

const world: fc.Arbitrary<World> = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 7 }),
    // most buys are opened at their lines' sum; some (older ones) differ
    priceDelta: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -500, max: 500 }) }),
    derived: fc.boolean(),
    rule: fc.oneof(
      fc.record({ kind: fc.constant<CommissionKind>("PERCENT_BP"), value: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant<CommissionKind>("FIXED_PER_UNIT"), value: fc.integer({ min: 0, max: 5_000 }) }),
    ),
    selfEarns: fc.boolean(),
    orders: fc.array(
      fc.record({
        status: fc.constantFrom<StatementOrder["status"]>("ACTIVE", "ACTIVE", "ACTIVE", "CANCELLED", "VOID", "REFUNDED"),
        paid: fc.boolean(),
        quantity: fc.integer({ min: 1, max: 50 }),
        // an order's price is normally the buy's; a few snapshots differ
        priceDelta: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -100, max: 100 }) }),
        referrer: fc.integer({ min: 1, max: 4 }),
        selfReferral: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    names: fc.array(fc.option(fc.constantFrom("阿兰", "Lily", "小周"), { nil: null }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ lines, priceDelta, derived, rule, selfEarns, orders, names }) => {
    const sum = lines.reduce((s, l) => s + l.amountFen, 0);
    const priceFen = Math.max(0, sum + priceDelta);
    const genOrders: GenOrder[] = orders.map((o) => {
      const unit = Math.max(0, priceFen + o.priceDelta);
      return { status: o.status, paid: o.paid, quantity: o.quantity, amountFen: unit * o.quantity, referrer: o.referrer, selfReferral: o.selfReferral };
    });
    const net = new Map<number, number>();
    for (const o of genOrders) {
      if (o.status !== "ACTIVE" && o.status !== "REFUNDED") continue;
      const c = orderCommissionFen({ commissionKind: rule.kind, commissionValue: rule.value, amountFen: o.amountFen, quantity: o.quantity, selfReferral: o.selfReferral }, selfEarns);
      // accrued at the close; a refund reverses it
      net.set(o.referrer, (net.get(o.referrer) ?? 0) + c - (o.status === "REFUNDED" ? c : 0));
    }
    const commissions: StatementCommission[] = [...net.entries()].map(([id, amountFen]) => ({ recommenderId: id, name: names[id - 1] ?? null, amountFen }));
    const input: StatementInput = { breakdown: { priceFen, lines: lines as KindedLine[], derived }, producers: [{ name: "茶农老王" }], orders: genOrders, commissions };
    return { input, orders: genOrders, rule, selfEarns };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("the settlement statement (properties)", () => {
  it("parts always sum to the revenue, to the fen, and says so", () => {
    fc.assert(
      fc.property(world, ({ input }) => {
        const s = settle(input);
        expect(s.balanced).toBe(true);
        expect(s.partsFen).toBe(s.revenueFen);
        expect(statementParts(s).reduce((sum, p) => sum + p.amountFen, 0)).toBe(s.revenueFen);
        expect(s.collectedFen + s.outstandingFen).toBe(s.revenueFen);
        expect(s.producers.reduce((sum, p) => sum + p.amountFen, 0)).toBe(s.byKind.PRODUCER);
        expect(s.commissions.reduce((sum, c) => sum + c.amountFen, 0)).toBe(s.commissionsFen);
      }),
      { numRuns: 500 },
    );
  });

  it("creates or loses no fen: revenue and refunds are exactly what the orders paid", () => {
    fc.assert(
      fc.property(world, ({ input, orders }) => {
        const s = settle(input);
        const active = orders.filter((o) => o.status === "ACTIVE");
        const refunded = orders.filter((o) => o.status === "REFUNDED");
        expect(s.revenueFen).toBe(active.reduce((sum, o) => sum + o.amountFen, 0));
        expect(s.collectedFen).toBe(active.filter((o) => o.paid).reduce((sum, o) => sum + o.amountFen, 0));
        expect(s.refunds.amountFen).toBe(refunded.reduce((sum, o) => sum + o.amountFen, 0));
        expect(s.refunds.count).toBe(refunded.length);
        expect(s.orderCount).toBe(active.length);
        expect(s.quantity).toBe(active.reduce((sum, o) => sum + o.quantity, 0));
        for (const v of [s.revenueFen, s.residueFen, s.commissionsFen, ...Object.values(s.byKind)]) expect(Number.isSafeInteger(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("a buy at its lines' price keeps as residue only the commission not earned (never negative when the rule fits the line)", () => {
    fc.assert(
      fc.property(world, ({ input }) => {
        const sum = input.breakdown.lines.reduce((s, l) => s + l.amountFen, 0);
        fc.pre(sum === input.breakdown.priceFen && input.orders.every((o) => o.amountFen === input.breakdown.priceFen * o.quantity));
        const s = settle(input);
        expect(s.residueFen).toBe(s.commissionBudgetFen - s.commissionsFen);
      }),
    );
  });

  it("is the same whatever the order of the orders and of the ledger's recommenders", () => {
    fc.assert(
      fc.property(world, fc.integer(), ({ input }, seed) => {
        const again = settle({ ...input, orders: shuffled(input.orders, seed), commissions: shuffled(input.commissions, seed ^ 0x5bd1e995) });
        expect(again).toEqual(settle(input));
      }),
      { numRuns: 300 },
    );
  });

  it("is the same from orders summed by status and payment (as the database reads them)", () => {
    fc.assert(
      fc.property(world, ({ input }) => {
        const groups = new Map<string, StatementOrder>();
        for (const o of input.orders) {
          const key = `${o.status}:${o.paid}`;
          const g = groups.get(key) ?? { status: o.status, paid: o.paid, quantity: 0, amountFen: 0, count: 0 };
          groups.set(key, { ...g, quantity: g.quantity + o.quantity, amountFen: g.amountFen + o.amountFen, count: (g.count ?? 0) + 1 });
        }
        expect(settle({ ...input, orders: [...groups.values()] })).toEqual(settle(input));
      }),
      { numRuns: 300 },
    );
  });

  it("summed over buys, still balances and adds up part by part", () => {
    fc.assert(
      fc.property(fc.array(world, { maxLength: 5 }), (worlds) => {
        const each = worlds.map((w) => settle(w.input));
        const total = sumStatements(each);
        expect(total.balanced).toBe(true);
        expect(total.revenueFen).toBe(each.reduce((s, x) => s + x.revenueFen, 0));
        expect(total.residueFen).toBe(each.reduce((s, x) => s + x.residueFen, 0));
        expect(total.commissions.reduce((s, c) => s + c.amountFen, 0)).toBe(total.commissionsFen);
        expect(total.producers.reduce((s, p) => s + p.amountFen, 0)).toBe(total.byKind.PRODUCER);
      }),
      { numRuns: 200 },
    );
  });

  it("shows a ledger that accrued more than the lines allow as a negative residue, never hidden", () => {
    const s = settle({
      breakdown: { priceFen: 1000, lines: [{ label: "茶叶", kind: "PRODUCER", amountFen: 900 }, { label: "佣金", kind: "COMMISSION", amountFen: 100 }], derived: false },
      producers: [{ name: "茶农老王" }],
      orders: [{ status: "ACTIVE", paid: true, quantity: 2, amountFen: 2000 }],
      commissions: [{ recommenderId: 1, name: "阿兰", amountFen: 300 }],
    });
    expect(s.residueFen).toBe(-100);
    expect(s.balanced).toBe(true);
  });

  it("pays a buy's commissions out of its OTHER lines when it was opened before kinds were kept (no commission line)", () => {
    const s = settle({
      breakdown: { priceFen: 5000, lines: [{ label: "茶叶", kind: "OTHER", amountFen: 4750 }, { label: "推介佣金", kind: "OTHER", amountFen: 250 }], derived: true },
      producers: [],
      orders: [{ status: "ACTIVE", paid: false, quantity: 8, amountFen: 40000 }],
      commissions: [{ recommenderId: 1, name: "Lily", amountFen: 2000 }],
    });
    expect(s.byKind.OTHER).toBe(38000);
    expect(s.commissionsFen).toBe(2000);
    expect(s.residueFen).toBe(0); // not −¥20.00: the commission line was there, only unmarked
    expect(s.balanced).toBe(true);
    // the same lines in a breakdown kept at open are what they say: OTHER, and the commissions beyond the budget show
    expect(settle({ ...{ producers: [], orders: [{ status: "ACTIVE" as const, paid: false, quantity: 8, amountFen: 40000 }], commissions: [{ recommenderId: 1, name: "Lily", amountFen: 2000 }] }, breakdown: { priceFen: 5000, lines: [{ label: "茶叶", kind: "OTHER", amountFen: 5000 }], derived: false } }).residueFen).toBe(-2000);
  });

  it("rejects fractional or negative amounts", () => {
    const base: StatementInput = { breakdown: { priceFen: 100, lines: [{ label: "x", kind: "OTHER", amountFen: 100 }], derived: false }, producers: [], orders: [], commissions: [] };
    expect(() => settle({ ...base, orders: [{ status: "ACTIVE", paid: false, quantity: 1, amountFen: 0.5 }] })).toThrow();
    expect(() => settle({ ...base, orders: [{ status: "ACTIVE", paid: false, quantity: -1, amountFen: 100 }] })).toThrow();
    expect(() => settle({ ...base, commissions: [{ recommenderId: 1, name: null, amountFen: 1.5 }] })).toThrow();
  });
});
