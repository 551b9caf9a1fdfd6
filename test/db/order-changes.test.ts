import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxProduct, mulberry32 } from "../helpers/ledger-fixtures";
import { user } from "../fake-telegram/updates";
import { Orders } from "../../src/db/orders";
import { changeMany, type ChangeInput, type ChangeResult, type QuantityChange } from "../../src/db/order-changes";

// A burst of members' changes is written as one transaction (changeMany).
// It must decide every change exactly as the changes made one by one would:
// same answers, same orders, same totals, same events.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;

async function world(settings: { stockCap: number | null; perMemberCap: number | null }, people = 12) {
  h = await createHarness();
  const community = await fxCommunity(h.db, { chatId: -1001234567890 });
  const rec = await fxMember(h.db, user({ first_name: "Rita" }), community.id);
  const product = await fxProduct(h.db, { communityId: community.id, recommenderId: rec.id, priceFen: 2500 });
  const deadlineAt = new Date(h.clock.now().getTime() + DAY);
  // two identical buys: one gets the changes as a batch, the other one by one
  const buys = [];
  for (let i = 0; i < 2; i++) {
    const buy = await fxBuy(h.db, { product, openedById: rec.id, commission: { kind: "PERCENT_BP", value: 500 }, deadlineAt });
    buys.push(await h.db.groupBuy.update({ where: { id: buy.id }, data: { stockCap: settings.stockCap, perMemberCap: settings.perMemberCap } }));
  }
  const members = [];
  for (let i = 0; i < people; i++) members.push(await fxMember(h.db, user({ first_name: `M${i}` }), community.id));
  // a referral visit, so attribution is on the path
  for (const buy of buys) await h.db.referralVisit.create({ data: { groupBuyId: buy.id, memberId: members[1]!.id, referrerId: rec.id } });
  return { buys: buys.map((b) => b.id), members: members.map((m) => m.id), orders: new Orders(h.db) };
}

type Step = { member: number; change: QuantityChange; key?: string };

const input = (buyId: number, s: Step, now: Date): ChangeInput => ({ groupBuyId: buyId, memberId: s.member, change: s.change, updateKey: s.key && `${s.key}:${buyId}`, now });

/** What a change's result says, without ids that differ between the two buys. */
function answer(r: ChangeResult) {
  if (!r.ok) return r;
  const { id: _id, groupBuyId: _buy, updatedAt: _u, ...order } = r.order; // the whole order, as the batch built it or Prisma read it
  return { ok: true, oldQty: r.oldQty, newQty: r.newQty, total: r.buy.totalQty, order };
}

async function stateOf(buyId: number) {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
  const orders = await h.db.order.findMany({ where: { groupBuyId: buyId }, orderBy: { memberId: "asc" } });
  const events = await h.db.orderEvent.findMany({ where: { order: { groupBuyId: buyId } }, include: { order: { select: { memberId: true } } }, orderBy: { id: "asc" } });
  return {
    buy: { totalQty: buy.totalQty, orderCount: buy.orderCount, dirty: buy.announcementDirty },
    // every column but the ids: rows the batch wrote (a raw INSERT) are the rows Prisma wrote
    orders: orders.map(({ id: _id, groupBuyId: _buy, updatedAt: _u, ...o }) => o),
    events: events.map(({ id: _id, orderId: _o, order, updateKey, ...e }) => ({ ...e, memberId: order.memberId, key: updateKey?.split(":")[0] ?? null })),
  };
}

/** Runs rounds of changes (one per member a round): as one batch on the first buy, one by one on the second. */
async function compare(w: Awaited<ReturnType<typeof world>>, rounds: Step[][]) {
  const [batched, single] = w.buys as [number, number];
  for (const round of rounds) {
    const now = h.clock.now();
    const many = await changeMany(h.db, round.map((s) => input(batched, s, now)));
    const one: ChangeResult[] = [];
    for (const s of round) one.push(await w.orders.changeQuantity(input(single, s, now)));
    expect(many.map(answer)).toEqual(one.map(answer));
    h.clock.advance(60_000);
  }
  expect(await stateOf(batched)).toEqual(await stateOf(single));
}

describe("a batch of changes (changeMany)", () => {
  it("decides joins, changes and cancels as one by one would, with the member cap", async () => {
    const w = await world({ stockCap: null, perMemberCap: 3 });
    const m = w.members;
    await compare(w, [
      m.slice(0, 8).map((member, i) => ({ member, change: { kind: "add", delta: 1 }, key: `j${i}` })),
      [
        { member: m[0]!, change: { kind: "set", quantity: 3 }, key: "a" },
        { member: m[1]!, change: { kind: "set", quantity: 0 }, key: "b" }, // cancels
        { member: m[2]!, change: { kind: "add", delta: 3 }, key: "c" }, // over the member cap
        { member: m[3]!, change: { kind: "set", quantity: 1 }, key: "d" }, // unchanged
        { member: m[8]!, change: { kind: "set", quantity: 0 }, key: "e" }, // no order to cancel
        { member: m[9]!, change: { kind: "set", quantity: 2 } }, // joins without an update key
      ],
      [
        { member: m[1]!, change: { kind: "add", delta: 1 }, key: "f" }, // back after cancelling: keeps the first position
        { member: m[0]!, change: { kind: "add", delta: 1 }, key: "a" }, // the update key of an earlier change: a duplicate
      ],
    ]);
  });

  it("sells exactly the stock: later changes of the batch get 'not enough' and 'sold out'", async () => {
    const w = await world({ stockCap: 7, perMemberCap: null });
    const m = w.members;
    await compare(w, [
      [
        { member: m[0]!, change: { kind: "set", quantity: 3 }, key: "a" },
        { member: m[1]!, change: { kind: "set", quantity: 3 }, key: "b" },
        { member: m[2]!, change: { kind: "set", quantity: 3 }, key: "c" }, // 1 left
        { member: m[3]!, change: { kind: "add", delta: 1 }, key: "d" },
        { member: m[4]!, change: { kind: "add", delta: 1 }, key: "e" }, // sold out
        { member: m[5]!, change: { kind: "set", quantity: 0 }, key: "f" },
      ],
      [
        { member: m[0]!, change: { kind: "set", quantity: 1 }, key: "g" }, // gives 2 back…
        { member: m[4]!, change: { kind: "add", delta: 2 }, key: "h" }, // …which the next one takes
        { member: m[6]!, change: { kind: "add", delta: 1 }, key: "i" },
      ],
    ]);
  });

  it("agrees with one by one on random rounds", async () => {
    const w = await world({ stockCap: 25, perMemberCap: 4 }, 10);
    const random = mulberry32(20261127);
    const rounds: Step[][] = [];
    for (let r = 0; r < 12; r++) {
      const who = w.members.filter(() => random() < 0.6);
      rounds.push(
        who.map((member, i) => ({
          member,
          change: random() < 0.5 ? { kind: "add", delta: 1 + Math.floor(random() * 2) } : { kind: "set", quantity: Math.floor(random() * 6) },
          key: random() < 0.1 && r > 0 ? `r${r - 1}m${i}` : `r${r}m${i}`, // now and then a replay of an earlier key
        })),
      );
    }
    await compare(w, rounds);
  });

  it("refuses every change of a closed buy", async () => {
    const w = await world({ stockCap: null, perMemberCap: null });
    for (const id of w.buys) await h.db.groupBuy.update({ where: { id }, data: { status: "CANCELLED" } });
    await compare(w, [w.members.slice(0, 3).map((member, i) => ({ member, change: { kind: "add", delta: 1 }, key: `k${i}` }))]);
  });
});

describe("Orders.changeQuantity", () => {
  it("writes changes made at once together, each answered as if alone", async () => {
    const w = await world({ stockCap: 5, perMemberCap: 2 }, 8);
    const [buy] = w.buys as [number, number];
    const now = h.clock.now();
    const results = await Promise.all(w.members.map((member, i) => w.orders.changeQuantity({ groupBuyId: buy, memberId: member, change: { kind: "add", delta: 1 }, updateKey: `t${i}`, now })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["sold-out", "sold-out", "sold-out"]);
    const state = await stateOf(buy);
    expect(state.buy).toMatchObject({ totalQty: 5, orderCount: 5 });
    expect(state.orders.map((o) => o.position).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(state.events).toHaveLength(5);
  });
});
