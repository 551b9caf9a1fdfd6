import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct, fxRefund, fxSucceed, mulberry32 } from "../helpers/ledger-fixtures";
import { Ledger } from "../../src/db/ledger";
import { auditLedger, ledgerLooksSound } from "../../src/db/ledger-audit";
import { orderCommissionFen } from "../../src/domain/commission";
import { user } from "../fake-telegram/updates";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;

async function world(options: { selfReferralEarns?: boolean } = {}) {
  h = await createHarness();
  const community = await fxCommunity(h.db, { chatId: -100_123, selfReferralEarns: options.selfReferralEarns });
  const [alice, bob, carol, dave] = await Promise.all(
    ["Alice", "Bob", "Carol", "Dave"].map((first_name) => fxMember(h.db, user({ first_name }), community.id)),
  );
  const product = await fxProduct(h.db, { communityId: community.id, recommenderId: alice!.id, priceFen: 1_235 });
  const deadlineAt = new Date(h.clock.now().getTime() + DAY);
  const ledger = new Ledger(h.db, h.clock);
  return { community, alice: alice!, bob: bob!, carol: carol!, dave: dave!, product, deadlineAt, ledger };
}

describe("the ledger in the database", () => {
  it("accrues each order's commission from its snapshot, once, however often the close runs", async () => {
    const w = await world();
    const buy = await fxBuy(h.db, { product: w.product, openedById: w.alice.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: w.deadlineAt });
    await h.db.referralVisit.create({ data: { groupBuyId: buy.id, memberId: w.carol.id, referrerId: w.bob.id } });
    const carols = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.carol.id, quantity: 3 }); // 3705 → 370
    const daves = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.dave.id, quantity: 1 }); // 1235 → 123
    const alices = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.alice.id, quantity: 1 }); // her own product: self-referral
    expect(carols).toMatchObject({ referrerId: w.bob.id, attribution: "LINK", selfReferral: false, commissionValue: 1000, amountFen: 3_705 });
    expect(daves).toMatchObject({ referrerId: w.alice.id, attribution: "PRODUCT", selfReferral: false });
    expect(alices).toMatchObject({ referrerId: w.alice.id, selfReferral: true });

    // the organizer edits the buy's rule afterwards: past orders keep theirs
    await h.db.groupBuy.update({ where: { id: buy.id }, data: { commissionValue: 5000, commissionKind: "FIXED_PER_UNIT" } });
    await fxSucceed(h.db, h.services, buy.id);
    await fxSucceed(h.db, h.services, buy.id); // a re-run close

    const entries = await h.db.ledgerEntry.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.recommenderId, e.kind, e.amountFen, e.balanceFen, e.seq, e.idempotencyKey])).toEqual([
      [w.alice.id, "ACCRUAL", 123, 123, 1, `accrual:${daves.id}`],
      [w.bob.id, "ACCRUAL", 370, 370, 1, `accrual:${carols.id}`],
    ]);
    expect(await w.ledger.verify(w.community.id)).toEqual([]);
  });

  it("reverses a refunded order once and lets the balance go below zero after a payout", async () => {
    const w = await world();
    const buy = await fxBuy(h.db, { product: w.product, openedById: w.alice.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: w.deadlineAt });
    const order = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.carol.id, quantity: 4 });
    await fxSucceed(h.db, h.services, buy.id);
    const paid = await w.ledger.payout({ communityId: w.community.id, recommenderId: w.alice.id, amountFen: 400, createdById: w.bob.id, idempotencyKey: "payout:test:1" });
    expect(paid).toMatchObject({ ok: true, replayed: false });
    await fxRefund(h.db, h.services, order.id);
    await h.db.$transaction((tx) => w.ledger.reverseOrder(tx, order.id, "REFUNDED")); // re-delivered
    const entries = await h.db.ledgerEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.kind, e.amountFen, e.balanceFen])).toEqual([
      ["ACCRUAL", 400, 400],
      ["PAYOUT", -400, 0],
      ["REVERSAL", -400, -400],
    ]);
    expect(await w.ledger.summaryOf(w.community.id, w.alice.id)).toMatchObject({ balanceFen: -400, earnedFen: 0, paidOutFen: 400 });
    expect(await w.ledger.verify(w.community.id)).toEqual([]);
  });

  it("refuses payouts above the balance and replays a payout by its key", async () => {
    const w = await world();
    const buy = await fxBuy(h.db, { product: w.product, openedById: w.alice.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: w.deadlineAt });
    await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.carol.id, quantity: 2 });
    await fxSucceed(h.db, h.services, buy.id);
    const input = { communityId: w.community.id, recommenderId: w.alice.id, createdById: w.bob.id };
    expect(await w.ledger.payout({ ...input, amountFen: 201, idempotencyKey: "k1" })).toEqual({ ok: false, reason: "exceeds-balance", balanceFen: 200 });
    expect(await w.ledger.payout({ ...input, amountFen: 0, idempotencyKey: "k1" })).toMatchObject({ ok: false, reason: "not-positive" });
    expect(await w.ledger.payout({ ...input, amountFen: 150, idempotencyKey: "k1" })).toMatchObject({ ok: true, replayed: false });
    expect(await w.ledger.payout({ ...input, amountFen: 150, idempotencyKey: "k1" })).toMatchObject({ ok: true, replayed: true });
    expect(await w.ledger.balanceOf(w.community.id, w.alice.id)).toBe(50);
  });

  it("lets only one of two simultaneous payouts of the same balance through", async () => {
    const w = await world();
    const buy = await fxBuy(h.db, { product: w.product, openedById: w.alice.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: w.deadlineAt });
    await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.carol.id, quantity: 5 });
    await fxSucceed(h.db, h.services, buy.id);
    const input = { communityId: w.community.id, recommenderId: w.alice.id, createdById: w.bob.id, amountFen: 500 };
    const results = await Promise.all([w.ledger.payout({ ...input, idempotencyKey: "a" }), w.ledger.payout({ ...input, idempotencyKey: "b" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: "exceeds-balance", balanceFen: 0 });
    expect(await w.ledger.verify(w.community.id)).toEqual([]);
  });

  it("verify finds an edited entry, a missing accrual and an unreversed refund", async () => {
    const w = await world();
    const buy = await fxBuy(h.db, { product: w.product, openedById: w.alice.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: w.deadlineAt });
    const o1 = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.carol.id, quantity: 2 });
    const o2 = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.dave.id, quantity: 1 });
    await fxSucceed(h.db, h.services, buy.id);
    expect(await w.ledger.verify(w.community.id)).toEqual([]);
    await h.db.ledgerEntry.updateMany({ where: { orderId: o1.id }, data: { amountFen: 250, balanceFen: 250 } }); // tampering
    await h.db.ledgerEntry.deleteMany({ where: { orderId: o2.id } });
    await h.db.order.update({ where: { id: o1.id }, data: { status: "REFUNDED" } }); // refunded behind the ledger's back
    const problems = await w.ledger.verify(w.community.id);
    expect(problems.some((p) => p.includes(`accrual 250 ≠ order ${o1.id} commission 200`))).toBe(true);
    expect(problems.some((p) => p.includes(`order ${o2.id} earns a commission but has no accrual`))).toBe(true);
    expect(problems.some((p) => p.includes(`order ${o1.id} is REFUNDED but its accrual`))).toBe(true);
  });

  it("property: for random buys and orders, the ledger holds exactly the per-order commissions and reconciles", async () => {
    h = await createHarness();
    const ledger = new Ledger(h.db, h.clock);
    for (let seed = 1; seed <= 4; seed++) {
      const rand = mulberry32(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
      const community = await fxCommunity(h.db, { chatId: -200_000 - seed, selfReferralEarns: rand() < 0.5 });
      const people = [];
      for (let i = 0; i < 6; i++) people.push(await fxMember(h.db, user({ first_name: `P${seed}-${i}` }), community.id));
      const expected = new Map<number, number>();
      for (let b = 0; b < int(2, 4); b++) {
        const recommender = people[int(0, 2)]!;
        const product = await fxProduct(h.db, { communityId: community.id, recommenderId: recommender.id, priceFen: int(1, 20_000) });
        const rule = rand() < 0.5 ? { kind: "PERCENT_BP" as const, value: int(0, 2500) } : { kind: "FIXED_PER_UNIT" as const, value: int(0, product.revision.priceFen) };
        const buy = await fxBuy(h.db, { product, openedById: recommender.id, commission: rule, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
        const orders = [];
        for (const member of people.filter(() => rand() < 0.7)) {
          if (rand() < 0.5) await h.db.referralVisit.create({ data: { groupBuyId: buy.id, memberId: member.id, referrerId: people[int(0, 5)]!.id } });
          orders.push(await fxOrder(h.db, { groupBuyId: buy.id, memberId: member.id, quantity: int(1, 7) }));
        }
        await fxSucceed(h.db, h.services, buy.id);
        if (rand() < 0.5) await fxSucceed(h.db, h.services, buy.id);
        const accrued = await h.db.ledgerEntry.aggregate({ where: { groupBuyId: buy.id, kind: "ACCRUAL" }, _sum: { amountFen: true } });
        const perOrder = orders.reduce((s, o) => s + orderCommissionFen(o, buy.selfReferralEarns), 0);
        expect(accrued._sum.amountFen ?? 0).toBe(perOrder);
        for (const o of orders) expected.set(o.referrerId, (expected.get(o.referrerId) ?? 0) + orderCommissionFen(o, buy.selfReferralEarns));
        for (const o of orders.filter(() => rand() < 0.25)) {
          await fxRefund(h.db, h.services, o.id);
          expected.set(o.referrerId, expected.get(o.referrerId)! - orderCommissionFen(o, buy.selfReferralEarns));
        }
      }
      for (const p of people) {
        const balance = await ledger.balanceOf(community.id, p.id);
        const amount = int(1, Math.max(1, balance + 300));
        const r = await ledger.payout({ communityId: community.id, recommenderId: p.id, amountFen: amount, createdById: p.id, idempotencyKey: `p:${seed}:${p.id}` });
        expect(r.ok).toBe(amount <= balance);
        if (r.ok) expected.set(p.id, (expected.get(p.id) ?? 0) - amount);
        expect(await ledger.balanceOf(community.id, p.id)).toBe(expected.get(p.id) ?? 0);
        expect((await ledger.summaryOf(community.id, p.id)).balanceFen).toBe(expected.get(p.id) ?? 0);
      }
      expect(await ledger.verify(community.id), `seed ${seed}`).toEqual([]);
      // the database's own check agrees, so /ledger needn't read the entries
      expect(await ledgerLooksSound(h.db, community.id), `seed ${seed}`).toBe(true);
    }
  });

  it("the database's check finds each kind of problem the audit finds", async () => {
    const tamperings: [string, (w: Awaited<ReturnType<typeof world>>, ids: { o1: number; o2: number; o3: number }) => Promise<unknown>][] = [
      ["a balance edited", (w) => h.db.ledgerEntry.updateMany({ where: { kind: "PAYOUT" }, data: { balanceFen: 1 } })],
      ["a payout's running sum of payouts edited", (w) => h.db.ledgerEntry.updateMany({ where: { kind: "PAYOUT" }, data: { paidToDateFen: 0 } })],
      ["an accrual's amount and balance edited together", (w, { o1 }) => h.db.ledgerEntry.updateMany({ where: { orderId: o1, kind: "ACCRUAL" }, data: { amountFen: 250, balanceFen: 250 } })],
      ["an accrual made a payout", (w, { o1 }) => h.db.ledgerEntry.updateMany({ where: { orderId: o1, kind: "ACCRUAL" }, data: { kind: "PAYOUT" } })],
      ["an earning order without its accrual (the chain's last)", (w, { o2 }) => h.db.ledgerEntry.deleteMany({ where: { kind: { in: ["PAYOUT", "REVERSAL"] } } }).then(() => h.db.ledgerEntry.deleteMany({ where: { orderId: o2 } }))],
      ["an order refunded behind the ledger's back", (w, { o2 }) => h.db.order.update({ where: { id: o2 }, data: { status: "REFUNDED" } })],
      ["a reversed order active again", (w, { o3 }) => h.db.order.update({ where: { id: o3 }, data: { status: "ACTIVE" } })],
      ["an accrual attributed to someone else", (w, { o1 }) => h.db.order.update({ where: { id: o1 }, data: { referrerId: w.bob.id } })],
      // a second entry of the same order, its chain kept whole: the commission paid or taken twice
      ["an order accrued twice", (w, { o1 }) =>
        h.db.ledgerEntry.findFirstOrThrow({ where: { orderId: o1, kind: "ACCRUAL" } }).then((a) =>
          h.db.$transaction((tx) => w.ledger.appendMany(tx, w.community.id, w.alice.id, [{ kind: "ACCRUAL", amountFen: a.amountFen, orderId: o1, groupBuyId: a.groupBuyId!, idempotencyKey: "again" }])))],
      ["an order reversed twice", (w, { o3 }) =>
        h.db.ledgerEntry.findFirstOrThrow({ where: { orderId: o3, kind: "REVERSAL" } }).then((r) =>
          h.db.$transaction((tx) => w.ledger.appendMany(tx, w.community.id, w.alice.id, [{ kind: "REVERSAL", amountFen: r.amountFen, orderId: o3, groupBuyId: r.groupBuyId!, idempotencyKey: "again" }])))],
      ["an accrual of a buy that did not succeed", (w, { o1 }) => h.db.order.findUniqueOrThrow({ where: { id: o1 } }).then((o) => h.db.groupBuy.update({ where: { id: o.groupBuyId }, data: { status: "FAILED" } }))],
    ];
    for (const [what, tamper] of tamperings) {
      await h?.close();
      const w = await world();
      const buy = await fxBuy(h.db, { product: w.product, openedById: w.alice.id, commission: { kind: "FIXED_PER_UNIT", value: 100 }, deadlineAt: w.deadlineAt });
      const o1 = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.carol.id, quantity: 2 });
      const o2 = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.dave.id, quantity: 1 });
      const o3 = await fxOrder(h.db, { groupBuyId: buy.id, memberId: w.bob.id, quantity: 3 });
      await fxSucceed(h.db, h.services, buy.id);
      await fxRefund(h.db, h.services, o3.id);
      expect(await w.ledger.payout({ communityId: w.community.id, recommenderId: w.alice.id, amountFen: 50, createdById: w.bob.id, idempotencyKey: "p" })).toMatchObject({ ok: true });
      expect(await ledgerLooksSound(h.db, w.community.id), `before: ${what}`).toBe(true);
      await tamper(w, { o1: o1.id, o2: o2.id, o3: o3.id });
      expect(await auditLedger(h.db, w.community.id), what).not.toEqual([]);
      expect(await ledgerLooksSound(h.db, w.community.id), what).toBe(false);
      expect(await w.ledger.verify(w.community.id), what).toEqual(await auditLedger(h.db, w.community.id));
    }
  });
});
