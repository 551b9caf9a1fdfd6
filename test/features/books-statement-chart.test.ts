import { afterEach, describe, expect, it, vi } from "vitest";
import { PNG } from "pngjs";
import type { User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, members, openBuy, setupCommunity, type Community } from "../helpers/group-buy-fixtures";
import { freshTestDatabase, type TestDatabase } from "../helpers/test-database";
import { COMMUNITY_CHAT_ID, ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../helpers/big-buy";
import { CHART_WIDTH } from "../../src/views/money-chart";
import type { FakeMessage } from "../fake-telegram/types";

// The statement in the group carries its chart: one photo whose caption is
// the statement (or a short caption and the statement right after it).

const chartFails = vi.hoisted(() => ({ now: false }));
vi.mock("../../src/views/money-chart", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/views/money-chart")>();
  return {
    ...real,
    renderMoneyChart: async (input: Parameters<typeof real.renderMoneyChart>[0]) => {
      if (chartFails.now) throw new Error("resvg exploded (injected)");
      return real.renderMoneyChart(input);
    },
  };
});

let h: Harness;
let seededDb: TestDatabase | undefined;
afterEach(async () => {
  chartFails.now = false;
  await h?.close();
  await seededDb?.cleanup();
  seededDb = undefined;
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

const LINES: [string, number, "PRODUCER" | "PACKAGING" | "LOGISTICS" | "COOP_FEE" | "COMMISSION"][] = [
  ["Rice", 1800, "PRODUCER"],
  ["Packaging", 200, "PACKAGING"],
  ["Logistics", 300, "LOGISTICS"],
  ["Co-op fee", 100, "COOP_FEE"],
  ["Commission", 100, "COMMISSION"],
];

async function setup(joiners: User[], env?: Record<string, string>): Promise<Community & { buyId: number }> {
  h = await createHarness({ organizerIds: [ORGANIZER], env });
  const community = await setupCommunity(h, boss);
  const { productId, revisionId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, costLines: LINES.map(([l, a]) => [l, a]) });
  for (const [label, , kind] of LINES) await h.db.costLine.updateMany({ where: { revisionId, label }, data: { kind } });
  const buyId = await openBuy(h, boss, productId, { min: "1", deadline: "2026-12-03 20:00", commission: "4%" });
  const post = await announcement(h, buyId);
  for (const [i, m] of joiners.entries()) for (let k = 0; k <= i; k++) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  return { ...community, buyId };
}

async function settle(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    h.clock.advance(10_100);
    await h.flush();
  }
}

async function statementMessage(buyId: number): Promise<FakeMessage> {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId }, include: { community: true } });
  expect(buy.statementMessageId, "no statement posted").not.toBeNull();
  return h.fake.message(Number(buy.community.telegramChatId), buy.statementMessageId!)!;
}

function chartOf(message: FakeMessage): Buffer {
  expect(message.photo, "the statement is a photo").toBeDefined();
  const png = message.files[0]!.bytes!;
  // IHDR: the PNG's own header says its size
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  expect(png.readUInt32BE(16)).toBe(CHART_WIDTH);
  const decoded = PNG.sync.read(png);
  expect(decoded.width).toBe(CHART_WIDTH);
  return png;
}

const edits = (method: string) => h.fake.callsOf(method).length;

describe("the statement's chart in the group", () => {
  it("arrives as one photo captioned with the statement; /paid edits the caption; a refund changes the chart", async () => {
    const { buyId, group } = await setup(members(3));
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    const posted = await statementMessage(buyId);
    const first = chartOf(posted);
    expect(posted.text).toBeUndefined();
    expect(posted.caption).toContain(`团购 #${buyId} 结算单`);
    expect(posted.caption).toContain("合计 = 收入 ✓");
    expect(posted.caption).toContain("钱的去向");
    // one statement photo (the announcement has its own chart photo)
    expect(h.fake.callsOf("sendPhoto").filter((c) => Number(c.params.chat_id) === group.id && String(c.params.caption).includes("结算单"))).toHaveLength(1);

    // a payment: the text changes, the chart (where the revenue goes) doesn't
    const [captions, media] = [edits("editMessageCaption"), edits("editMessageMedia")];
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    await settle();
    const paid = await statementMessage(buyId);
    expect(paid.message_id).toBe(posted.message_id);
    expect(paid.caption).toContain("已收 ¥25.00");
    expect(edits("editMessageCaption")).toBe(captions + 1);
    expect(edits("editMessageMedia")).toBe(media);
    expect(chartOf(paid).equals(first)).toBe(true);

    // a refund: fewer units, so every slice moves: a new picture (its caption with it)
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "orders", String(buyId)));
    const list = h.fake.lastMessage(chat.id)!;
    await h.send(callbackQuery(boss, list, buttonData(list, "gbarf:2:")));
    const confirm = h.fake.message(chat.id, list.message_id)!;
    await h.send(callbackQuery(boss, confirm, buttonData(confirm, "gbarfy:2:")));
    await settle();
    const refunded = await statementMessage(buyId);
    expect(edits("editMessageMedia")).toBe(media + 1);
    expect(refunded.message_id).toBe(posted.message_id);
    expect(chartOf(refunded).equals(first)).toBe(false);
    expect(refunded.caption).toContain("退款：1 单");
    expect(refunded.caption).toContain("合计 = 收入 ✓");
    // nothing changed since: nothing sent
    const calls = h.fake.calls.length;
    await h.send(command(boss, group, "paid", `${buyId} 1`)); // already paid
    await settle();
    expect(h.fake.calls.filter((c, i) => i >= calls && /^editMessage/.test(c.method))).toHaveLength(0);
    h.fake.assertNoRejections();
  });

  it("a statement longer than a caption: a short caption, and the full statement in the message right after, both kept up to date", async () => {
    seededDb = await freshTestDatabase();
    const seeded = await seedBigBuy(seededDb.url, { orders: 200, recommenders: 80 });
    h = await createHarness({ organizerIds: [ORGANIZER_TELEGRAM_ID], databaseUrl: seededDb.url });
    // recommenders with long names: 40 lines of them don't fit a caption
    for (const [i, id] of seeded.recommenderIds.entries()) await h.db.member.update({ where: { id }, data: { firstName: `Recommender ${i} of the long-named kind, truly`.slice(0, 40), lastName: null } });
    const olga = user({ id: ORGANIZER_TELEGRAM_ID, first_name: "Olga", username: "olga_org", language_code: "en" });
    h.fake.state.chats.set(COMMUNITY_CHAT_ID, { id: COMMUNITY_CHAT_ID, type: "supergroup", title: "Seeded co-op" });
    h.fake.setChatMember(COMMUNITY_CHAT_ID, olga.id, "administrator", olga);
    await h.send(command(olga, privateChat(olga), "close", String(seeded.buyId)));
    await settle();
    const photo = await statementMessage(seeded.buyId);
    chartOf(photo);
    expect(photo.caption!.length).toBeLessThanOrEqual(1024);
    expect(photo.caption).toContain("结算单");
    expect(photo.caption).toContain("合计 = 收入 ✓");
    expect(photo.caption).toContain("完整结算单见下一条消息");
    const next = h.fake.message(COMMUNITY_CHAT_ID, photo.message_id + 1)!;
    expect(next.text).toContain("结算单");
    expect(next.text).toContain("推介佣金");
    expect(next.text!.length).toBeGreaterThan(1024);
    const shown = await h.db.storedState.findUniqueOrThrow({ where: { key: `statement-shown:${seeded.buyId}` } });
    expect(JSON.parse(shown.value)).toMatchObject({ form: "photo", followUp: { id: next.message_id } });

    // a pickup changes the text: the follow-up is edited, not posted again
    await h.send(command(olga, privateChat(olga), "picked_up", `${seeded.buyId} 1`));
    await settle();
    expect(h.fake.message(COMMUNITY_CHAT_ID, next.message_id)!.text).toContain("已取货：1/");
    expect(h.fake.messages(COMMUNITY_CHAT_ID).filter((m) => (m.text ?? m.caption ?? "").includes("结算单"))).toHaveLength(2);
    h.fake.assertNoRejections();
  }, 120_000);

  it("a chart that fails to render: the statement is posted as text (logged), never lost", async () => {
    const { buyId, group } = await setup(members(2), { LOG_LEVEL: "warn" });
    chartFails.now = true;
    await h.send(command(boss, group, "close", String(buyId)));
    await settle();
    const posted = await statementMessage(buyId);
    expect(posted.photo).toBeUndefined();
    expect(posted.text).toContain(`团购 #${buyId} 结算单`);
    expect(posted.text).toContain("合计 = 收入 ✓");
    expect(h.logs.some((l) => l.includes("could not render a statement's chart"))).toBe(true);
    // rendering works again: the next change gives the text statement its chart
    chartFails.now = false;
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    await settle();
    const upgraded = await statementMessage(buyId);
    chartOf(upgraded);
    expect(upgraded.caption).toContain("已收 ¥25.00");
    h.fake.assertNoRejections();
  });
});
