import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { postgresReachable, testPostgresUrl, throwawayPostgresDatabase } from "../helpers/postgres";
import { callbackQuery, command, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, members, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";

// The caps and the exactly-once close rely on conditional updates, which
// SQLite (one writer at a time) never really puts to the test. PostgreSQL
// runs the transactions side by side; these tests skip only if it is unreachable.

const available = await postgresReachable(testPostgresUrl());
let h: Harness | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

async function freshDatabase(): Promise<string> {
  const database = await throwawayPostgresDatabase("letscoop_gb");
  dropDatabase = database.drop;
  return database.url;
}

afterEach(async () => {
  await h?.close();
  h = undefined;
  await dropDatabase?.();
  dropDatabase = undefined;
});

const ORGANIZER = 1100;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });

async function setup(settings: { min: string; stock?: string }) {
  h = await createHarness({ organizerIds: [ORGANIZER], databaseUrl: await freshDatabase() });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita });
  const buyId = await openBuy(h, boss, productId, { min: settings.min, stock: settings.stock, deadline: "2026-12-03 20:00" });
  return { ...community, buyId, h };
}

describe.skipIf(!available)("group buys on PostgreSQL", () => {
  it("sells exactly the stock when 50 members tap +1 at once", async () => {
    const { buyId, h } = await setup({ min: "5", stock: "10" });
    const post = await announcement(h, buyId);
    const updates = members(50).map((m) => callbackQuery(m, post, buttonData(post, "gbadd:")));
    for (const u of updates) h.fake.pushUpdate(u);
    await h.fake.settle();
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    expect(buy.totalQty).toBe(10);
    expect(await h.db.order.count({ where: { groupBuyId: buyId, status: "ACTIVE" } })).toBe(10);
    const texts = updates.map((u) => h.fake.callbackAnswer(u.callback_query!.id)?.text as string | undefined);
    expect(texts.filter((t) => t?.startsWith("✅ You're in"))).toHaveLength(10);
    expect(texts.filter((t) => t === "😢 Sold out.")).toHaveLength(40);
    h.fake.assertNoRejections();
  });

  it("counts a re-delivered tap once", async () => {
    const { buyId, h } = await setup({ min: "1" });
    const post = await announcement(h, buyId);
    const [ann] = members(1);
    const update = callbackQuery(ann!, post, buttonData(post, "gbadd:"));
    // the re-delivered tap's query was answered the first time; Telegram refuses a second answer
    h.allowRejections((c) => c.method === "answerCallbackQuery");
    await h.send(update);
    await h.db.processedUpdate.deleteMany();
    await h.send(update);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).totalQty).toBe(1);
    expect(await h.db.orderEvent.count()).toBe(1);
  });

  it("closes once when an organizer's /close races the deadline job", async () => {
    const { buyId, group, h } = await setup({ min: "1" });
    const post = await announcement(h, buyId);
    const joiners = members(5);
    await h.send(...joiners.map((m) => callbackQuery(m, post, buttonData(post, "gbadd:"))));
    const succeeded: number[] = [];
    h.services.buyListeners.push({ buySucceeded: async (_tx, id) => void succeeded.push(id) });
    h.clock.set(new Date("2026-12-03T12:00:01Z"));
    h.fake.pushUpdate(command(boss, group, "close", String(buyId)));
    await Promise.all([h.fake.settle(), h.services.scheduler.tick()]);
    await h.flush();
    expect(succeeded).toEqual([buyId]);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).status).toBe("SUCCEEDED");
    for (const m of joiners) expect(h.fake.messages(m.id)).toHaveLength(1);
    h.fake.assertNoRejections();
  });
});
