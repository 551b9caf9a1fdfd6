import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { TEST_TOKEN } from "../helpers/harness";
import { startBotProcess, until, type BotProcess } from "../helpers/bot-process";
import { COMMUNITY_CHAT_ID, ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../helpers/big-buy";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase } from "../../src/db/client";

// The real bot (a child process on a SQLite file) is killed with SIGKILL right
// after it sent a recommendation's poll to the group and before it recorded
// the poll's id: restarted, it does not post the card and poll again.

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

describe("a recommendation's poll, killed between the send and its record", () => {
  it("is not posted twice after a restart", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-vote-kill-"));
    const url = `file:${join(dir, "bot.db")}`;
    await migrateDatabase(url);
    const seeded = await seedBigBuy(url, { orders: 3, recommenders: 1 });
    const { db, close } = await openDatabase(url);
    try {
      // a change to the seeded product, submitted for review in a community that votes
      await db.community.update({ where: { id: seeded.communityId }, data: { votingEnabled: true } });
      const product = await db.product.findFirstOrThrow({ where: { communityId: seeded.communityId } });
      const revision = await db.productRevision.create({
        data: { productId: product.id, version: 2, name: "有机糙米 (10 kg)", unit: "袋", story: "家庭农场种植。", tags: "", priceFen: 3800, currency: "CNY", status: "PENDING_REVIEW", costLines: { create: [{ position: 0, label: "稻谷", amountFen: 3800 }] } },
      });
      await db.revisionPoll.create({ data: { revisionId: revision.id, communityId: seeded.communityId, closesAt: new Date(Date.now() + 86_400_000) } });
    } finally {
      await close();
    }
    fake = new FakeTelegram({ token: TEST_TOKEN });
    const apiRoot = await fake.start();
    fake.state.chats.set(COMMUNITY_CHAT_ID, { id: COMMUNITY_CHAT_ID, type: "supergroup", title: "Seeded co-op" });
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: url, ORGANIZER_IDS: String(ORGANIZER_TELEGRAM_ID) };
    const posts = () => fake!.callsOf("sendPoll").length + fake!.callsOf("sendMessage").filter((c) => String(c.params.text).includes("成员投票")).length;

    const first = startBotProcess({ ...env, CRASH_AT: "after-vote-poll-sent:1" }, dir);
    running.push(first);
    expect(await first.exited).toBeNull(); // killed at the crash point (the job runs at start)
    running.splice(running.indexOf(first), 1);
    expect(posts()).toBe(2); // the card, then the poll

    const second = startBotProcess(env, dir);
    running.push(second);
    // the killed one's leases expire (15 s); then the restarted bot runs the job every 2 s
    await until(() => second.stderr().includes('"job":"votes-post"'), "the restarted bot to take the votes' job over", 40_000);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(posts()).toBe(2);
    const reopened = await openDatabase(url);
    try {
      const poll = await reopened.db.revisionPoll.findFirstOrThrow();
      // the claim stands (the poll's id was never recorded): nobody posts it until the claim is stale
      expect(poll).toMatchObject({ telegramPollId: null });
      expect(poll.claimedAt).not.toBeNull();
      expect(poll.cardMessageId).not.toBeNull();
    } finally {
      await reopened.close();
    }
  }, 90_000);
});
