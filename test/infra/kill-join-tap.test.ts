import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { callbackQuery, supergroup, user } from "../fake-telegram/updates";
import { TEST_TOKEN } from "../helpers/harness";
import { startBotProcess, until, type BotProcess } from "../helpers/bot-process";
import { fxBuy, fxCommunity, fxMember, fxProduct } from "../helpers/ledger-fixtures";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type OpenDatabase } from "../../src/db/client";
import { cbPlusOne } from "../../src/features/group-buy/callbacks";

// A "+1" in the group changes only the member's order, so the tap's handled
// mark is committed with the order (issue 19: no round trip after the
// answer). `npm start`'s process is killed (CRASH_AT) after the tap was
// handled and before the mark the duplicate guard writes after every
// handler: started again, Telegram's copy of the tap is skipped, the order
// counted once and its query not answered twice.

let dir: string;
let fake: FakeTelegram | undefined;
let database: OpenDatabase | undefined;
const running: BotProcess[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) {
    bot.child.kill("SIGKILL");
    await bot.exited;
  }
  await database?.close();
  database = undefined;
  await fake?.stop();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("a bot killed right after a +1 in the group", () => {
  it("skips Telegram's copy of the tap: one order, one event, one answer", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-kill-tap-"));
    const url = `file:${join(dir, "bot.db")}`;
    await migrateDatabase(url);
    database = await openDatabase(url);
    const db = database.db;
    const chat = supergroup({ title: "Green Street Co-op" });
    const rita = user({ first_name: "Rita", language_code: "en" });
    const ben = user({ first_name: "Ben", language_code: "en" });
    const community = await fxCommunity(db, { chatId: chat.id });
    const rec = await fxMember(db, rita, community.id);
    const product = await fxProduct(db, { communityId: community.id, recommenderId: rec.id, priceFen: 1000 });
    const buy = await fxBuy(db, { product, openedById: rec.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: new Date(Date.now() + 3600_000) });
    const data = cbPlusOne.pack({ id: buy.id });
    const post: Message = {
      message_id: 10,
      date: Math.floor(Date.now() / 1000),
      chat,
      text: "Group buy #1",
      reply_markup: { inline_keyboard: [[{ text: "+1", callback_data: data }]] },
    } as Message;

    fake = new FakeTelegram({ token: TEST_TOKEN });
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: await fake.start(), DATABASE_URL: url, LOG_LEVEL: "info" };
    const tap = fake.pushUpdate(callbackQuery(ben, post, data));
    const answers = () => fake!.callsOf("answerCallbackQuery").filter((c) => c.params.callback_query_id === tap.callback_query!.id);

    const first = startBotProcess({ ...env, CRASH_AT: "before-mark:1" }, dir);
    running.push(first);
    expect(await first.exited).toBeNull(); // killed at the point, after the answer
    running.splice(0);
    expect(answers()).toHaveLength(1);
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([tap.update_id]); // not confirmed
    expect((await db.processedUpdate.findMany()).map((r) => Number(r.updateId))).toEqual([tap.update_id]);

    const second = startBotProcess(env, dir);
    running.push(second);
    await until(() => fake!.pendingUpdates().length === 0, "the tap to be confirmed", 20_000);
    const skipped = () =>
      second
        .stderr()
        .split("\n")
        .filter((l) => l.includes('"msg":"duplicate update skipped"'))
        .map((l) => (JSON.parse(l) as { update_id: number }).update_id);
    await until(() => skipped().length > 0, "the copy to be skipped", 20_000);
    expect(skipped()).toEqual([tap.update_id]);
    expect(answers()).toHaveLength(1);
    const orders = await db.order.findMany({ where: { groupBuyId: buy.id } });
    expect(orders.map((o) => [o.quantity, o.status])).toEqual([[1, "ACTIVE"]]);
    expect(await db.orderEvent.count()).toBe(1);
    expect(await db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).toMatchObject({ totalQty: 1, orderCount: 1 });
  });
});
