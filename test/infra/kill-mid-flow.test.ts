import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { privateChat, textMessage, user } from "../fake-telegram/updates";
import { TEST_TOKEN } from "../helpers/harness";
import { startBotProcess, until, type BotProcess } from "../helpers/bot-process";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct } from "../helpers/ledger-fixtures";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type OpenDatabase } from "../../src/db/client";

// `npm start`'s process is killed with SIGKILL in the middle of a
// recommendation while a buy's deadline is near. Started again, the member's
// conversation goes on where it was, and the deadline passed meanwhile
// closes the buy exactly once.

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

describe("a bot killed with SIGKILL mid-flow", () => {
  it("continues the conversation after a restart and closes the buy whose deadline passed once", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-kill-"));
    const url = `file:${join(dir, "bot.db")}`;
    await migrateDatabase(url);
    database = await openDatabase(url);
    const db = database.db;
    const alice = user({ first_name: "Alice", language_code: "en" });
    const ben = user({ first_name: "Ben", language_code: "en" });
    const community = await fxCommunity(db, { chatId: -1001234 });
    const rec = await fxMember(db, alice, community.id);
    const buyer = await fxMember(db, ben, community.id);
    const product = await fxProduct(db, { communityId: community.id, recommenderId: rec.id, priceFen: 1000 });
    // the real clock: the child process runs on it
    const deadline = new Date(Date.now() + 4_000);
    const buy = await fxBuy(db, { product, openedById: rec.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: deadline });
    await fxOrder(db, { groupBuyId: buy.id, memberId: buyer.id, quantity: 2 });

    fake = new FakeTelegram({ token: TEST_TOKEN });
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: await fake.start(), DATABASE_URL: url, LOG_LEVEL: "warn" };
    const chat = privateChat(alice);
    const say = (text: string) => fake!.pushUpdate(textMessage(alice, chat, text));
    const replies = () => fake!.messages(alice.id).map((m) => m.text ?? "");

    const first = startBotProcess(env, dir);
    running.push(first);
    say("/recommend");
    await until(() => replies().some((t) => t.includes("1/7 · Product")), "the first question");
    say("Wild honey");
    await until(() => replies().some((t) => t.includes("unit of sale")), "the unit question");
    say("500 g");
    await until(() => replies().some((t) => t.includes("2/7 · Producer")), "the producer question");
    first.child.kill("SIGKILL");
    await first.exited;
    running.splice(0);

    await until(() => Date.now() > deadline.getTime() + 200, "the deadline to pass while the bot is down", 10_000);
    const second = startBotProcess(env, dir);
    running.push(second);
    say("Hillside Apiary");
    await until(() => replies().some((t) => t.includes("Where are they?")), "the producer's place, the next question", 30_000);
    expect(replies().filter((t) => t.includes("1/7 · Product"))).toHaveLength(1); // not started over

    // the buy that fell due while the bot was down is closed at start, once
    await until(async () => (await db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).status === "SUCCEEDED", "the close", 30_000);
    await until(() => fake!.messages(ben.id).length > 0, "Ben's notification", 30_000);
    await new Promise((r) => setTimeout(r, 2_500)); // another scheduler tick: nothing more happens
    expect(fake.messages(ben.id)).toHaveLength(1);
    expect(await db.ledgerEntry.count({ where: { groupBuyId: buy.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { chatId: BigInt(ben.id) } })).toBe(1);
    fake.assertNoRejections();
  }, 90_000);
});
