import { afterEach, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

// ¥25.00 a bag: rice 18.00 (producer), packaging 2.00, logistics 3.00, co-op fee 1.00, commission 1.00
const LINES: [string, number, "PRODUCER" | "PACKAGING" | "LOGISTICS" | "COOP_FEE" | "COMMISSION"][] = [
  ["Rice", 1800, "PRODUCER"],
  ["Packaging", 200, "PACKAGING"],
  ["Logistics", 300, "LOGISTICS"],
  ["Co-op fee", 100, "COOP_FEE"],
  ["Commission", 100, "COMMISSION"],
];

async function setup(joiners: User[], options: { commission?: string; env?: Record<string, string> } = {}): Promise<Community & { buyId: number }> {
  h = await createHarness({ organizerIds: [ORGANIZER], env: options.env });
  const community = await setupCommunity(h, boss);
  const { productId, revisionId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, costLines: LINES.map(([l, a]) => [l, a]) });
  for (const [label, , kind] of LINES) await h.db.costLine.updateMany({ where: { revisionId, label }, data: { kind } });
  const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00", commission: options.commission ?? "5%", absorb: "Co-op fee" });
  const post = await announcement(h, buyId);
  // Member1 ×1, Member2 ×2, Member3 ×3
  for (const [i, m] of joiners.entries()) for (let k = 0; k <= i; k++) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  return { ...community, buyId };
}

/** Scheduler ticks past the group's pace (one message per 3 s) until nothing is left to send. */
async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    h.clock.advance(10_100);
    await h.flush();
  }
}

async function statementMessage(buyId: number) {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId }, include: { community: true } });
  expect(buy.statementMessageId, "no statement posted").not.toBeNull();
  return h.fake.message(Number(buy.community.telegramChatId), buy.statementMessageId!)!;
}

const fen = (text: string, label: RegExp) => {
  const m = new RegExp(label.source + String.raw`.*?(-?)¥([\d,]+\.\d\d)`).exec(text);
  if (!m) throw new Error(`no ${label} in\n${text}`);
  return (m[1] ? -1 : 1) * Math.round(Number(m[2]!.replace(/,/g, "")) * 100);
};

describe("the settlement statement in the group", () => {
  it("is posted after the close notice, its parts summing to the revenue; /paid and a refund edit it and the ledger reverses", async () => {
    const joiners = members(3);
    const { buyId, group } = await setup(joiners);
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    const groupTexts = h.fake.messages(group.id).map((m) => m.text ?? m.caption ?? "");
    const notice = await h.db.outboxMessage.findUniqueOrThrow({ where: { dedupKey: `gb${buyId}:closed:group` } });
    const closedAt = groupTexts.indexOf(notice.text);
    expect(closedAt).toBeGreaterThanOrEqual(0);
    const statement = await statementMessage(buyId);
    // a photo of its chart, captioned with it (test/features/books-statement-chart.test.ts)
    const text = statement.caption!;
    expect(groupTexts.indexOf(text)).toBeGreaterThan(closedAt);
    // 6 bags × ¥25.00
    expect(text).toContain(`团购 #${buyId} 结算单`);
    expect(fen(text, /收入/)).toBe(15_000);
    expect(fen(text, /已收/)).toBe(2_500);
    expect(fen(text, /待收/)).toBe(12_500);
    expect(fen(text, /生产者 Sunny Farm/)).toBe(10_800);
    expect(fen(text, /包装/)).toBe(1_200);
    expect(fen(text, /物流/)).toBe(1_800);
    // the 5 % rule is ¥1.25 a bag, so opening the buy moved ¥0.25 a bag from the co-op fee to the commission line
    expect(fen(text, /合作社费用/)).toBe(450);
    // 5 % of each order: 125 + 250 + 375 = 750, as budgeted: Rita is on the thanks board
    expect(fen(text, /推介佣金/)).toBe(750);
    expect(text).toContain("· Rita：¥7.50");
    expect(fen(text, /舍入余数/)).toBe(0);
    const parts = [/生产者/, /包装/, /物流/, /合作社费用/, /推介佣金/, /舍入余数/].map((l) => fen(text, l));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(15_000);
    expect(text).toContain("合计 = 收入 ✓");

    // a payment edits it: collected and outstanding move
    await h.send(command(boss, group, "paid", `${buyId} 3`));
    await settle();
    const paid = (await statementMessage(buyId)).caption!;
    expect(statement.message_id).toBe((await statementMessage(buyId)).message_id);
    expect(fen(paid, /已收/)).toBe(10_000);
    expect(fen(paid, /待收/)).toBe(5_000);

    // a refund: the statement drops it and shows it; the ledger reversed its commission
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    await h.send(callbackQuery(boss, list, buttonData(list, "gbarf:2:")));
    const confirm = h.fake.message(chat.id, list.message_id)!;
    await h.send(callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:2:")));
    await settle();
    const refunded = (await statementMessage(buyId)).caption!;
    expect(fen(refunded, /收入/)).toBe(10_000);
    expect(fen(refunded, /退款：1 单/)).toBe(5_000);
    expect(fen(refunded, /推介佣金/)).toBe(500);
    expect(refunded).toContain("合计 = 收入 ✓");
    const ledger = await h.db.ledgerEntry.findMany({ where: { groupBuyId: buyId, orderId: 2 }, orderBy: { id: "asc" } });
    expect(ledger.map((e) => [e.kind, e.amountFen])).toEqual([["ACCRUAL", 250], ["REVERSAL", -250]]);
    // only one statement in the group, ever
    expect(h.fake.messages(group.id).filter((m) => (m.text ?? m.caption)?.includes("结算单")).length).toBe(1);

    // /books shows it to a member, with the reconciliation line
    await h.send(command(joiners[0]!, privateChat(joiners[0]!), "books", String(buyId)));
    const shown = h.fake.lastMessage(joiners[0]!.id)!.text!;
    expect(fen(shown, /Revenue/)).toBe(10_000);
    expect(shown).toContain("Total = revenue ✓");
    expect(shown).toContain("Reconciliation: not run yet");
    h.fake.assertNoRejections();
  });

  it("doesn't edit when nothing shown changed, and coalesces changes into one edit", async () => {
    const { buyId, group } = await setup(members(3));
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    const statementEdit = (c: (typeof h.fake.calls)[number]) =>
      /^editMessage(Text|Caption|Media)$/.test(c.method) && JSON.stringify(c.params).includes("结算单");
    const before = h.fake.calls.filter(statementEdit).length;
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    await h.send(command(boss, group, "paid", `${buyId} 2`));
    await h.send(command(boss, group, "paid", `${buyId} 3`));
    await settle();
    const statementEdits = h.fake.calls.filter(statementEdit).slice(before);
    expect(statementEdits.length).toBeLessThanOrEqual(2);
    expect(fen((await statementMessage(buyId)).caption!, /已收/)).toBe(15_000);
    // a pickup marks it dirty; the text says so
    await h.send(command(boss, group, "picked_up", `${buyId} 1`));
    await settle();
    expect((await statementMessage(buyId)).caption).toContain("已取货：1/3 单");
  });

  it("a restart between the post and its record does not post it twice", async () => {
    const { buyId, group } = await setup(members(1));
    await h.send(command(boss, group, "close", String(buyId)));
    // as if killed right after sendPhoto: the message is in the group, the claim stands, the id is not recorded
    await settle();
    const posted = await statementMessage(buyId);
    await h.db.groupBuy.update({ where: { id: buyId }, data: { statementMessageId: null, statementClaimedAt: h.clock.now(), statementDirty: true } });
    await h.restartBot();
    await settle(3);
    const statements = h.fake.messages(group.id).filter((m) => (m.text ?? m.caption)?.includes("结算单"));
    expect(statements.map((m) => m.message_id)).toEqual([posted.message_id]);
  });
});

describe("/books", () => {
  it("shows the latest closed buy without a number, to members of its community only; says so for an open buy, a stranger, a bad argument", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup(joiners);
    const amy = joiners[0]!;
    await h.send(command(amy, group, "books"));
    expect(h.fake.lastMessage(group.id)!.text).toBe("This community has no closed buy yet.");
    await h.send(command(amy, privateChat(amy), "books", String(buyId)));
    expect(h.fake.lastMessage(amy.id)!.text).toBe(`Buy #${buyId} has no statement yet: a buy has one once it has gone ahead.`);
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    await h.send(command(amy, group, "books"));
    expect(h.fake.lastMessage(group.id)!.text).toContain(`Statement of buy #${buyId}`);
    await h.send(command(amy, privateChat(amy), "books", `#${buyId}`));
    expect(h.fake.lastMessage(amy.id)!.text).toContain("Total = revenue ✓");
    // not a member of the community: as if there were no such buy
    const stranger = user({ first_name: "Stranger", language_code: "en" });
    await h.send(command(stranger, privateChat(stranger), "books", String(buyId)));
    expect(h.fake.lastMessage(stranger.id)!.text).toBe("Send it in the community's group, or join a community first.");
    const other = await setupCommunity(h, boss, "Other Co-op");
    await h.send(command(boss, other.group, "books", String(buyId)));
    expect(h.fake.lastMessage(other.group.id)!.text).toBe(`No buy #${buyId} in your community.`);
    await h.send(command(amy, privateChat(amy), "books", "whenever"));
    expect(h.fake.lastMessage(amy.id)!.text).toBe("Send /books with a buy number, e.g. /books 12; /books month for this month's books.");
    h.fake.assertNoRejections();
  });
});

describe("reconciliation", () => {
  it("refuses /books check to a non-organizer, holds on a clean ledger, and names a tampered entry", async () => {
    const joiners = members(2);
    const { buyId, group } = await setup(joiners);
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    const mallory = joiners[0]!;
    const inGroup = h.fake.messages(group.id).length;
    await h.send(command(mallory, group, "books", "check"));
    // refused privately, never in the group
    expect(h.fake.lastMessage(mallory.id)!.text).toBe("Only an organizer can run the reconciliation.");
    expect(h.fake.messages(group.id).length).toBe(inGroup);
    await h.send(command(mallory, privateChat(mallory), "books", "check"));
    expect(h.fake.lastMessage(mallory.id)!.text).toBe("Only an organizer can run the reconciliation.");

    await h.send(command(boss, group, "books", "check"));
    expect(h.fake.lastMessage(group.id)!.text).toMatch(/^Reconciliation: ✓ ledger, orders and statements agree \(1 buys/);

    const entry = await h.db.ledgerEntry.findFirstOrThrow({ where: { groupBuyId: buyId, orderId: 2 } });
    await h.db.ledgerEntry.update({ where: { id: entry.id }, data: { amountFen: entry.amountFen + 1 } });
    await h.send(command(boss, group, "books", "check"));
    const line = h.fake.lastMessage(group.id)!.text!;
    expect(line).toContain(`Buy #${buyId} order #${buyId}-2: the ledger accrued ¥2.51, its order's rule gives ¥2.50 [#${entry.id}]`);
    // /ledger and /books say the same
    await h.send(command(boss, privateChat(boss), "ledger"));
    expect(h.fake.lastMessage(boss.id)!.text).toContain(`[#${entry.id}]`);
    await h.send(command(boss, group, "books", String(buyId)));
    expect(h.fake.lastMessage(group.id)!.text).toContain(`Reconciliation: ✗`);
  });

  it("runs nightly at RECONCILE_CRON (business time, in TIMEZONE), once, and /books says it holds", async () => {
    const { buyId, group } = await setup(members(2), { env: { RECONCILE_CRON: "30 3 * * *" } });
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    const stored = () => h.db.storedState.findMany({ where: { key: { startsWith: "reconciliation:" } } });
    expect(await stored()).toEqual([]);
    // the next 03:30 in Shanghai (19:30 UTC)
    const now = h.clock.now();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 19, 30));
    if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
    h.clock.set(new Date(next.getTime() - 60_000));
    await h.flush();
    expect(await stored()).toEqual([]);
    h.clock.set(new Date(next.getTime() + 5 * 60_000));
    await h.flush();
    const [row] = await stored();
    expect(JSON.parse(row!.value)).toMatchObject({ buys: 1, count: 0 });
    const checkedAt = JSON.parse(row!.value).checkedAt;
    h.clock.advance(60_000);
    await h.flush();
    expect(JSON.parse((await stored())[0]!.value).checkedAt).toBe(checkedAt); // not again until the next night
    await h.send(command(boss, privateChat(boss), "books", String(buyId)));
    expect(h.fake.lastMessage(boss.id)!.text).toContain("Reconciliation: ✓ ledger, orders and statements agree (1 buys");
  });
});
