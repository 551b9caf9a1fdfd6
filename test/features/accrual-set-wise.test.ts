import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct, fxSucceed } from "../helpers/ledger-fixtures";
import { Ledger } from "../../src/db/ledger";
import { orderCommissionFen, type CommissionRule } from "../../src/domain/commission";
import { accrualKey, nextLink, type ChainLink } from "../../src/domain/ledger-rules";
import { user } from "../fake-telegram/updates";

// A close accrues in SQL (src/db/buy-accrual.ts); the rule lives in
// domain/commission.ts. Order by order, the two must agree, at the edges too:
// a percentage whose product passes 2^31, a fixed rule capped at the amount,
// a rule that earns nothing, self-referrals either way; and each chain must
// continue from the entry before it as nextLink says.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;

describe("a buy's accruals, written set-wise", () => {
  for (const selfReferralEarns of [false, true]) {
    it(`equal orderCommissionFen for every order and continue each chain (self-referrals ${selfReferralEarns ? "earn" : "don't"})`, async () => {
      h = await createHarness();
      const community = await fxCommunity(h.db, { chatId: -400_000, selfReferralEarns });
      const people = [];
      for (let i = 0; i < 5; i++) people.push(await fxMember(h.db, user({ first_name: `M${i}` }), community.id));
      const ledger = new Ledger(h.db, h.clock);
      const cases: [number, CommissionRule, number[]][] = [
        [400_000_000, { kind: "PERCENT_BP", value: 2_499 }, [5, 3, 1]], // 2e9 fen × 2,499 bp: past 2^31 before the division
        [1_235, { kind: "PERCENT_BP", value: 1_250 }, [1, 2, 7, 4]], // fractions of a fen dropped
        [300, { kind: "FIXED_PER_UNIT", value: 500 }, [2, 1]], // more than the amount: capped
        [999, { kind: "PERCENT_BP", value: 0 }, [3, 1]], // earns nothing: no entry
      ];
      for (const [b, [priceFen, commission, quantities]] of cases.entries()) {
        const recommender = people[b % 2]!; // two chains, each continued by a later buy
        const product = await fxProduct(h.db, { communityId: community.id, recommenderId: recommender.id, priceFen });
        const buy = await fxBuy(h.db, { product, openedById: recommender.id, commission, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
        // the recommender orders too: a self-referral
        const orders = [];
        for (const [i, quantity] of quantities.entries()) orders.push(await fxOrder(h.db, { groupBuyId: buy.id, memberId: people[i]!.id, quantity }));
        const before = await h.db.ledgerEntry.findFirst({ where: { communityId: community.id, recommenderId: recommender.id }, orderBy: { seq: "desc" } });
        await fxSucceed(h.db, h.services, buy.id);
        await fxSucceed(h.db, h.services, buy.id); // a second run writes nothing more
        let link: ChainLink | null = before && { seq: before.seq, balanceFen: before.balanceFen, paidToDateFen: before.paidToDateFen, adjustedToDateFen: before.adjustedToDateFen };
        for (const o of [...orders].sort((x, y) => x.id - y.id)) {
          const expected = orderCommissionFen(o, selfReferralEarns);
          const entry = await h.db.ledgerEntry.findUnique({ where: { idempotencyKey: accrualKey(o.id) } });
          if (expected === 0) {
            expect(entry, `order ${o.id}`).toBeNull();
            continue;
          }
          link = nextLink(link, "ACCRUAL", expected);
          expect(entry, `order ${o.id}`).toMatchObject({ kind: "ACCRUAL", amountFen: expected, recommenderId: o.referrerId, seq: link.seq, balanceFen: link.balanceFen, paidToDateFen: link.paidToDateFen, adjustedToDateFen: link.adjustedToDateFen, groupBuyId: buy.id, orderId: o.id });
        }
        expect(orders.some((o) => o.selfReferral)).toBe(true);
      }
      expect(await ledger.verify(community.id)).toEqual([]);
    });
  }
});
