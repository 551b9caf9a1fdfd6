import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxCommunity } from "../helpers/ledger-fixtures";
import { user } from "../fake-telegram/updates";
import { MemberDirectory, type TelegramUser } from "../../src/db/members";
import { CommunityDirectory } from "../../src/db/communities";
import { ProcessedUpdates, markUpdateHandled } from "../../src/db/processed-updates";

// Bookkeeping done for every update (members, who was seen in a group, which
// updates were handled) is written for many updates at once under a burst.
// The rows must be those written one at a time.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const rowOf = async (telegramId: number) => {
  const { id: _id, telegramId: _t, referralCode, createdAt: _c, updatedAt: _u, ...rest } = await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(telegramId) } });
  return { ...rest, referralCode: /^[0-9a-z]{8}$/.test(referralCode) };
};

describe("members first seen together", () => {
  it("are created and updated as one by one would, each with its own record", async () => {
    h = await createHarness();
    const known = user({ first_name: "Known", username: "known_one" });
    const renamed = user({ first_name: "Old name" });
    const seed = new MemberDirectory(h.db);
    await seed.fromTelegram(known);
    await seed.fromTelegram(renamed);

    const people: TelegramUser[] = [
      known,
      { ...renamed, first_name: "New name", last_name: "Li" },
      ...Array.from({ length: 6 }, (_, i) => user({ first_name: `New${i}`, username: i % 2 ? `new_${i}` : undefined, language_code: i % 3 ? "zh-hans" : "en" })),
    ];
    const together = new MemberDirectory(h.db);
    const records = await Promise.all(people.map((p) => together.fromTelegram(p)));
    expect(records.map((r) => r.telegramId)).toEqual(people.map((p) => p.id));
    expect(new Set(records.map((r) => r.id)).size).toBe(people.length);
    expect(records[1]).toMatchObject({ firstName: "New name", lastName: "Li" });
    // the records handed back are those stored
    const stored = await Promise.all(people.map((p) => new MemberDirectory(h.db).byTelegramId(p.id)));
    expect(records).toEqual(stored);

    // the same people, one by one, under other ids
    const alone = new MemberDirectory(h.db);
    for (const p of people.slice(2)) await alone.fromTelegram({ ...p, id: p.id + 1_000_000 });
    for (const p of people.slice(2)) expect(await rowOf(p.id)).toEqual(await rowOf(p.id + 1_000_000));
    expect(await h.db.member.count()).toBe(2 + 6 + 6);
  });
});

describe("community membership and handled updates", () => {
  it("records members seen together in a group once each, first and last seen", async () => {
    h = await createHarness();
    const community = await fxCommunity(h.db, { chatId: -1001234500001 });
    const members = new MemberDirectory(h.db);
    const ids = (await Promise.all(Array.from({ length: 5 }, () => members.fromTelegram(user())))).map((m) => m.id);
    await new CommunityDirectory(h.db).touchMember(community.id, ids[0]!); // seen before, in another process
    await Promise.all(ids.map((id) => new CommunityDirectory(h.db).touchMember(community.id, id)));
    const directory = new CommunityDirectory(h.db);
    await Promise.all([...ids, ...ids].map((id) => directory.touchMember(community.id, id)));
    const rows = await h.db.communityMember.findMany({ where: { communityId: community.id }, orderBy: { memberId: "asc" } });
    expect(rows.map((r) => r.memberId)).toEqual(ids);
    for (const r of rows) expect(r.lastSeenAt.getTime()).toBeGreaterThanOrEqual(r.firstSeenAt.getTime());
  });

  it("marks updates handled side by side, also when one of them was marked already", async () => {
    h = await createHarness();
    const processed = new ProcessedUpdates(h.db);
    await processed.markHandled(3); // e.g. inside its handler's own transaction
    await Promise.all([1, 2, 3, 4, 5].map((id) => processed.markHandled(id)));
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map((id) => processed.wasHandled(id)))).toEqual([true, true, true, true, true, false]);
    expect((await h.db.processedUpdate.findMany({ orderBy: { updateId: "asc" } })).map((r) => Number(r.updateId))).toEqual([1, 2, 3, 4, 5]);
  });

  it("leaves a mark made inside a handler's transaction as it is, alone or among others", async () => {
    h = await createHarness();
    const processed = new ProcessedUpdates(h.db);
    // the handler's own transaction marks its update (a conversation's state, a review decision)
    await h.db.$transaction(async (tx) => {
      await markUpdateHandled(tx, 7);
      await markUpdateHandled(tx, 7); // the same id twice in one transaction: no error (PostgreSQL would abort the rest)
      await markUpdateHandled(tx, 8);
    });
    await processed.markHandled(7); // alone: one insert, the unique violation taken as "marked"
    await Promise.all([8, 9].map((id) => processed.markHandled(id))); // together: one statement
    expect((await h.db.processedUpdate.findMany({ orderBy: { updateId: "asc" } })).map((r) => Number(r.updateId))).toEqual([7, 8, 9]);
  });
});
