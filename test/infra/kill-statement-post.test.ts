import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { command, privateChat, user } from "../fake-telegram/updates";
import { TEST_TOKEN } from "../helpers/harness";
import { startBotProcess, until, type BotProcess } from "../helpers/bot-process";
import { COMMUNITY_CHAT_ID, ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../helpers/big-buy";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase } from "../../src/db/client";

// The real bot (npm start's code, a child process on a SQLite file) is killed
// with SIGKILL right after it sent a buy's statement (its chart photo) to the group and before
// it recorded the message: restarted, it does not post the statement again.

let dir: string;
let fake: FakeTelegram | undefined;
const running: BotProcess[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) {
    bot.child.kill("SIGKILL");
    await bot.exited;
  }
  await fake?.stop();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("the statement post, killed between the send and its record", () => {
  it("is not posted twice after a restart", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-statement-kill-"));
    const url = `file:${join(dir, "bot.db")}`;
    await migrateDatabase(url);
    const seeded = await seedBigBuy(url, { orders: 5, recommenders: 2 });
    fake = new FakeTelegram({ token: TEST_TOKEN });
    const apiRoot = await fake.start();
    const organizer = user({ id: ORGANIZER_TELEGRAM_ID, first_name: "Olga", username: "olga_org", language_code: "en" });
    fake.state.chats.set(COMMUNITY_CHAT_ID, { id: COMMUNITY_CHAT_ID, type: "supergroup", title: "Seeded co-op" });
    fake.setChatMember(COMMUNITY_CHAT_ID, organizer.id, "administrator", organizer);
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: url, ORGANIZER_IDS: String(organizer.id) };
    // the statement is a photo of its chart captioned with it (a text message only if the chart failed)
    const statements = () =>
      [...fake!.callsOf("sendPhoto"), ...fake!.callsOf("sendMessage")].filter(
        (c) => Number(c.params.chat_id) === COMMUNITY_CHAT_ID && String(c.params.caption ?? c.params.text).includes("结算单"),
      );

    const first = startBotProcess({ ...env, CRASH_AT: "after-statement-sent:1" }, dir);
    running.push(first);
    fake.pushUpdate(command(organizer, privateChat(organizer), "close", String(seeded.buyId)));
    expect(await first.exited).toBeNull(); // killed at the crash point
    running.splice(running.indexOf(first), 1);
    expect(statements()).toHaveLength(1);

    const second = startBotProcess(env, dir);
    running.push(second);
    // the killed one's leases expire (15 s); then the restarted bot runs the statements' job every 2 s
    await until(() => second.stderr().includes('"job":"books-statements"'), "the restarted bot to take the statements' job over", 40_000);
    await new Promise((r) => setTimeout(r, 8_000));
    expect(statements()).toHaveLength(1);
    const { db, close } = await openDatabase(url);
    try {
      const buy = await db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId } });
      // the claim stands (the id was never recorded): nobody posts it until the claim is stale
      expect(buy).toMatchObject({ status: "SUCCEEDED", statementMessageId: null });
      expect(buy.statementClaimedAt).not.toBeNull();
    } finally {
      await close();
    }
  }, 90_000);
});
