import { describe, expect, it } from "vitest";
import { until } from "../helpers/bot-process";
import { useBotScratch } from "../helpers/bot-scratch";
import { COMMUNITY_CHAT_ID, ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../helpers/big-buy";
import { openDatabase } from "../../src/db/client";

// The real bot (a child process on a SQLite file) is killed with SIGKILL right
// after it sent a recommendation's poll to the group and before it recorded
// the poll's id: restarted, it does not post the card and poll again.

const scratch = useBotScratch("letscoop-vote-kill-");

describe("a recommendation's poll, killed between the send and its record", () => {
  it("is not posted twice after a restart", async () => {
    const s = await scratch();
    const { fake, url } = s;
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
    fake.state.chats.set(COMMUNITY_CHAT_ID, { id: COMMUNITY_CHAT_ID, type: "supergroup", title: "Seeded co-op" });
    const env = { ...s.env, ORGANIZER_IDS: String(ORGANIZER_TELEGRAM_ID) };
    const posts = () => fake.callsOf("sendPoll").length + fake.callsOf("sendMessage").filter((c) => String(c.params.text).includes("成员投票")).length;

    const first = s.start({ ...env, CRASH_AT: "after-vote-poll-sent:1" });
    expect(await first.exited).toBeNull(); // killed at the crash point (the job runs at start)
    s.forget(first);
    expect(posts()).toBe(2); // the card, then the poll

    const second = s.start(env);
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
