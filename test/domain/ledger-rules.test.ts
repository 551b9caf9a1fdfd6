import { fenToDecimal } from "../../src/domain/money";
import { describe, expect, it } from "vitest";
import {
  checkPayout, nextLink, summarize, summaryOfLink, verifyChain, type ChainEntry, type LedgerKind,
} from "../../src/domain/ledger-rules";
import { commissionFen, orderCommissionFen, type CommissionRule } from "../../src/domain/commission";
import { attributeOrder } from "../../src/domain/attribution";
import { mulberry32 } from "../helpers/ledger-fixtures";

describe("ledger chain rules", () => {
  it("numbers entries and keeps the running balance and the running sums of payouts and adjustments", () => {
    const first = nextLink(null, "ACCRUAL", 500);
    expect(first).toEqual({ seq: 1, balanceFen: 500, paidToDateFen: 0, adjustedToDateFen: 0 });
    const second = nextLink(first, "PAYOUT", -200);
    expect(second).toEqual({ seq: 2, balanceFen: 300, paidToDateFen: -200, adjustedToDateFen: 0 });
    expect(nextLink(second, "ADJUSTMENT", 30)).toEqual({ seq: 3, balanceFen: 330, paidToDateFen: -200, adjustedToDateFen: 30 });
    expect(() => nextLink(null, "ACCRUAL", 1.5)).toThrow();
  });

  it("finds gaps, wrong balances, wrong running sums and wrong signs", () => {
    const good: ChainEntry[] = [
      { seq: 1, kind: "ACCRUAL", amountFen: 500, balanceFen: 500, paidToDateFen: 0, adjustedToDateFen: 0 },
      { seq: 2, kind: "PAYOUT", amountFen: -500, balanceFen: 0, paidToDateFen: -500, adjustedToDateFen: 0 },
      { seq: 3, kind: "ADJUSTMENT", amountFen: 20, balanceFen: 20, paidToDateFen: -500, adjustedToDateFen: 20 },
    ];
    expect(verifyChain(good)).toEqual([]);
    expect(verifyChain([good[0]!, { ...good[1]!, seq: 3 }])).toEqual(["entry 2 has seq 3"]);
    expect(verifyChain([good[0]!, { ...good[1]!, balanceFen: 100 }])).toHaveLength(1);
    expect(verifyChain([good[0]!, { ...good[1]!, paidToDateFen: 0 }])).toEqual(["seq 2: paid to date 0 ≠ sum of payouts -500"]);
    expect(verifyChain([...good.slice(0, 2), { ...good[2]!, adjustedToDateFen: 0 }])).toEqual(["seq 3: adjusted to date 0 ≠ sum of adjustments 20"]);
    expect(verifyChain([{ seq: 1, kind: "PAYOUT", amountFen: 500, balanceFen: 500, paidToDateFen: 500, adjustedToDateFen: 0 }])).toEqual(["seq 1: PAYOUT of 500"]);
  });

  it("allows a payout of a positive amount up to the balance only", () => {
    expect(checkPayout(1000, 1000)).toBeUndefined();
    expect(checkPayout(1000, 1001)).toBe("exceeds-balance");
    expect(checkPayout(1000, 0)).toBe("not-positive");
    expect(checkPayout(-50, 10)).toBe("exceeds-balance");
  });

  it("summarizes by kind", () => {
    const s = summarize([
      { kind: "ACCRUAL", amountFen: 900 },
      { kind: "REVERSAL", amountFen: -300 },
      { kind: "PAYOUT", amountFen: -400 },
      { kind: "ADJUSTMENT", amountFen: 50 },
    ]);
    expect(s).toEqual({ balanceFen: 250, earnedFen: 600, paidOutFen: 400, adjustedFen: 50 });
  });

  it("gives the same summary from the last entry's running sums as from summing every entry", () => {
    const random = mulberry32(19);
    const kinds: LedgerKind[] = ["ACCRUAL", "REVERSAL", "PAYOUT", "ADJUSTMENT"];
    const chain: ChainEntry[] = [];
    expect(summaryOfLink(undefined)).toEqual(summarize([]));
    for (let i = 0; i < 200; i++) {
      const kind = kinds[Math.floor(random() * 4)]!;
      const size = 1 + Math.floor(random() * 5000);
      const amountFen = kind === "ACCRUAL" ? size : kind === "ADJUSTMENT" && random() < 0.5 ? size : -size;
      chain.push({ ...nextLink(chain.at(-1), kind, amountFen), kind, amountFen });
      expect(summaryOfLink(chain.at(-1))).toEqual(summarize(chain));
    }
    expect(verifyChain(chain)).toEqual([]);
  });

  it("writes fen as exact decimal strings", () => {
    expect(fenToDecimal(0)).toBe("0.00");
    expect(fenToDecimal(5)).toBe("0.05");
    expect(fenToDecimal(-5)).toBe("-0.05");
    expect(fenToDecimal(123_456)).toBe("1234.56");
    expect(fenToDecimal(9_007_199_254_740_991)).toBe("90071992547409.91");
  });
});

/** The ledger's rules played out in memory: keyed, append-only, payouts guarded. */
class MemoryLedger {
  chains = new Map<number, (ChainEntry & { key: string; orderId?: number })[]>();
  keys = new Set<string>();
  append(recommenderId: number, kind: LedgerKind, amountFen: number, key: string, orderId?: number): boolean {
    if (this.keys.has(key)) return false;
    const chain = this.chains.get(recommenderId) ?? [];
    const link = nextLink(chain.at(-1), kind, amountFen);
    chain.push({ ...link, kind, amountFen, key, orderId });
    this.chains.set(recommenderId, chain);
    this.keys.add(key);
    return true;
  }
  balance(recommenderId: number): number {
    return this.chains.get(recommenderId)?.at(-1)?.balanceFen ?? 0;
  }
  entries(): (ChainEntry & { key: string; orderId?: number })[] {
    return [...this.chains.values()].flat();
  }
}

describe("property: ledger totals equal the per-order commissions, and every balance reconciles", () => {
  it("holds for 300 random communities", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = mulberry32(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
      const ledger = new MemoryLedger();
      const recommenders = Array.from({ length: int(1, 4) }, (_, i) => i + 1);
      const expectedBalance = new Map<number, number>();
      const add = (id: number, fen: number) => expectedBalance.set(id, (expectedBalance.get(id) ?? 0) + fen);
      let orderId = 0;
      let payoutNo = 0;
      for (let b = 0; b < int(1, 6); b++) {
        const unitPriceFen = int(1, 50_000);
        const rule: CommissionRule = rand() < 0.6 ? { kind: "PERCENT_BP", value: int(0, 3000) } : { kind: "FIXED_PER_UNIT", value: int(0, unitPriceFen) };
        const selfReferralEarns = rand() < 0.3;
        const productRecommender = recommenders[int(0, recommenders.length - 1)]!;
        const orders = Array.from({ length: int(0, 15) }, () => {
          const memberId = int(1, 12);
          const visit = rand() < 0.5 ? recommenders[int(0, recommenders.length - 1)]! : undefined;
          const quantity = int(1, 10);
          return {
            id: ++orderId,
            quantity,
            amountFen: unitPriceFen * quantity,
            commissionKind: rule.kind,
            commissionValue: rule.value,
            ...attributeOrder({ memberId, buyRecommenderId: productRecommender, visitReferrerId: visit }),
            active: rand() < 0.9,
          };
        });
        if (rand() < 0.25) continue; // the buy failed: nothing accrues
        // the close (run twice: a re-delivered close adds nothing)
        let buyTotal = 0;
        for (let run = 0; run < 2; run++) {
          for (const o of orders.filter((x) => x.active)) {
            const c = orderCommissionFen(o, selfReferralEarns);
            if (c > 0 && ledger.append(o.referrerId, "ACCRUAL", c, `accrual:${o.id}`, o.id)) {
              add(o.referrerId, c);
              buyTotal += c;
            }
          }
        }
        // the rounding rule: each percent commission is the floor of the exact amount
        for (const o of orders) {
          const c = commissionFen(rule, o.amountFen, o.quantity);
          if (rule.kind === "PERCENT_BP") {
            expect(c * 10_000).toBeLessThanOrEqual(o.amountFen * rule.value);
            expect((c + 1) * 10_000).toBeGreaterThan(o.amountFen * rule.value);
          }
        }
        const perOrderSum = orders.filter((o) => o.active).reduce((s, o) => s + orderCommissionFen(o, selfReferralEarns), 0);
        expect(buyTotal, `seed ${seed}`).toBe(perOrderSum);
        // some refunds afterwards, each reversed once
        for (const o of orders.filter((x) => x.active && rand() < 0.2)) {
          const accrual = ledger.entries().find((e) => e.key === `accrual:${o.id}`);
          for (let run = 0; run < 2; run++) {
            if (accrual && ledger.append(o.referrerId, "REVERSAL", -accrual.amountFen, `reversal:${o.id}`, o.id)) add(o.referrerId, -accrual.amountFen);
          }
        }
        // payouts, some larger than the balance (refused)
        for (const r of recommenders) {
          if (rand() < 0.5) continue;
          const balance = ledger.balance(r);
          const amount = int(1, Math.max(1, balance + 500));
          const key = `payout:${++payoutNo}`;
          if (checkPayout(balance, amount) === undefined) {
            ledger.append(r, "PAYOUT", -amount, key);
            add(r, -amount);
            expect(ledger.balance(r)).toBeGreaterThanOrEqual(0);
          } else expect(amount > balance).toBe(true);
        }
      }
      for (const [r, chain] of ledger.chains) {
        expect(verifyChain(chain), `seed ${seed}`).toEqual([]);
        expect(summarize(chain).balanceFen).toBe(ledger.balance(r));
        expect(ledger.balance(r)).toBe(expectedBalance.get(r) ?? 0);
      }
    }
  });
});
