import { afterEach, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { announcement, createApprovedProduct, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";

// Opening a buy in a group whose 20 messages a minute are spent: the organizer
// is told at once that the buy is open and when its post will appear; the post
// follows when the group has room, and the confirmation then says it is up.

let h: Harness | undefined;
let clock: ReturnType<typeof heldSendClock> | undefined;
afterEach(async () => {
  clock?.release();
  await h?.close();
  h = undefined;
});

/**
 * The clock of Telegram's limits and the bot's pacer. Its waits take no time,
 * except while held: then they wait for release(), and the clock moves on by
 * the longest of them (the time the group needed) when released.
 */
function heldSendClock() {
  let skipped = 0;
  let held: { ms: number; go: () => void }[] | undefined;
  return {
    now: () => Date.now() + skipped,
    sleep: async (ms: number) => {
      if (!held) return void (skipped += ms);
      await new Promise<void>((go) => held!.push({ ms, go }));
    },
    hold: () => void (held = []),
    get waiting() {
      return held?.length ?? 0;
    },
    release: () => {
      const waits = held ?? [];
      held = undefined;
      skipped += Math.max(0, ...waits.map((w) => w.ms));
      for (const w of waits) w.go();
    },
  };
}

describe("opening a buy in a busy group", () => {
  it("says at once that the buy is open and when the post will appear, posts it when the group has room, then says it is up", async () => {
    clock = heldSendClock();
    const boss = user({ id: 700, first_name: "Boss", language_code: "en" });
    h = await createHarness({ rateLimits: true, sendClock: clock, organizerIds: [boss.id] });
    const { group, communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss, name: "Organic rice" });
    // the group's minute is spent: its welcome and 19 notices
    await h.services.outbox.enqueue(Array.from({ length: 19 }, (_, i) => ({ dedupKey: `busy:${i}`, chatId: group.id, text: `Notice ${i}` })));
    await h.services.outbox.drain();
    expect(h.fake.messages(group.id)).toHaveLength(20);

    clock.hold(); // from here the group's wait is real: nothing goes to it until released
    const buyId = await openBuy(h, boss, productId, { min: "3", deadline: "2026-12-03 20:00" });
    const confirmation = h.fake.lastMessage(boss.id)!;
    expect(confirmation.text).toMatch(new RegExp(`^Group buy #${buyId} is open in Green Street Co-op\\. The group's message budget for this minute is spent: the announcement goes up there in about (\\d+) s`));
    const seconds = Number(/about (\d+) s/.exec(confirmation.text!)![1]);
    expect(seconds).toBeGreaterThan(20);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } })).announcementMessageId).toBeNull();
    // the post waits for the group's slot; the announcement loop may reach its
    // wait a moment after the confirmation (on PostgreSQL, a few round trips later)
    await vi.waitFor(() => expect(clock!.waiting).toBe(1), { timeout: 5000, interval: 20 });

    const since = h.fake.mark();
    clock.release();
    await h.fake.waitFor((c) => c.method === "editMessageText" && c.params.chat_id === boss.id, 5000, since);
    const post = await announcement(h, buyId);
    expect(post.text).toContain("Organic rice");
    expect(post.date - confirmation.date).toBeGreaterThanOrEqual(seconds - 2); // it did wait for the group
    expect(h.fake.message(boss.id, confirmation.message_id)!.text).toBe(`Group buy #${buyId} is open in Green Street Co-op. I posted the announcement there.`);
    expect(h.fake.calls.filter((c) => c.response.error_code === 429 && Number(c.params.chat_id) === group.id)).toEqual([]);
  });
});
