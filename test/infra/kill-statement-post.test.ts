import { describe, expect, it } from "vitest";
import { command, privateChat, user } from "../fake-telegram/updates";
import { until } from "../helpers/bot-process";
import { useBotScratch } from "../helpers/bot-scratch";
import { COMMUNITY_CHAT_ID, ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../helpers/big-buy";
import { openDatabase } from "../../src/db/client";

// The real bot (npm start's code, a child process on a SQLite file) is killed
// with SIGKILL right after it sent a buy's statement (its chart photo) to the group and before
// it recorded the message: restarted, it does not post the statement again.

const scratch = useBotScratch("letscoop-statement-kill-");

describe("the statement post, killed between the send and its record", () => {
  it("is not posted twice after a restart", async () => {
    const s = await scratch();
    const { fake, url } = s;
    const seeded = await seedBigBuy(url, { orders: 5, recommenders: 2 });
    const organizer = user({ id: ORGANIZER_TELEGRAM_ID, first_name: "Olga", username: "olga_org", language_code: "en" });
    fake.state.chats.set(COMMUNITY_CHAT_ID, { id: COMMUNITY_CHAT_ID, type: "supergroup", title: "Seeded co-op" });
    fake.setChatMember(COMMUNITY_CHAT_ID, organizer.id, "administrator", organizer);
    const env = { ...s.env, ORGANIZER_IDS: String(organizer.id) };
    // the statement is a photo of its chart captioned with it (a text message only if the chart failed)
    const statements = () =>
      [...fake.callsOf("sendPhoto"), ...fake.callsOf("sendMessage")].filter(
        (c) => Number(c.params.chat_id) === COMMUNITY_CHAT_ID && String(c.params.caption ?? c.params.text).includes("结算单"),
      );

    const first = s.start({ ...env, CRASH_AT: "after-statement-sent:1" });
    fake.pushUpdate(command(organizer, privateChat(organizer), "close", String(seeded.buyId)));
    expect(await first.exited).toBeNull(); // killed at the crash point
    s.forget(first);
    expect(statements()).toHaveLength(1);

    const second = s.start(env);
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
