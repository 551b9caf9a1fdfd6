import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type OpenDatabase } from "../../src/db/client";
import { CommunityDirectory } from "../../src/db/communities";
import { freshTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase | undefined;
let opened: OpenDatabase[] = [];
afterEach(async () => {
  for (const o of opened) await o.close();
  await database?.cleanup();
  opened = [];
  database = undefined;
});

const defaults = { locale: "zh" as const, timezone: "Asia/Shanghai", currency: "CNY", reminderOffsetsMin: [1440, 60] };

describe("the community cache", () => {
  it("sees a change made through another instance once its entry is older than the cache's time", async () => {
    database = await freshTestDatabase();
    opened = [await openDatabase(database.url), await openDatabase(database.url)];
    const here = new CommunityDirectory(opened[0]!.db, 200);
    const there = new CommunityDirectory(opened[1]!.db);
    const chat = { id: -100_123, title: "Green Street Co-op" };
    const { community } = await here.activate(chat, defaults);
    expect((await here.byChatId(chat.id))?.selfReferralEarns).toBe(false);

    await there.update(community.id, { selfReferralEarns: true, locale: "en" });
    expect((await here.byChatId(chat.id))?.selfReferralEarns).toBe(false); // cached, within its time
    await new Promise((resolve) => setTimeout(resolve, 250));
    const fresh = await here.byChatId(chat.id);
    expect([fresh?.selfReferralEarns, fresh?.locale]).toEqual([true, "en"]);
  });

  it("forgets a community whose settings changed in this process (the settings' use-case invalidates it)", async () => {
    database = await freshTestDatabase();
    opened = [await openDatabase(database.url)];
    const db = opened[0]!.db;
    const here = new CommunityDirectory(db);
    const chat = { id: -100_456, title: "Riverside" };
    const { community } = await here.activate(chat, defaults);
    expect((await here.byChatId(chat.id))?.reminderOffsetsMin).toEqual([1440, 60]);
    await db.community.update({ where: { id: community.id }, data: { reminderOffsetsMin: "120", timezone: "Europe/Berlin" } });
    expect((await here.byChatId(chat.id))?.reminderOffsetsMin).toEqual([1440, 60]); // cached
    here.invalidate(community.id);
    const fresh = await here.byChatId(chat.id);
    expect([fresh?.reminderOffsetsMin, fresh?.timezone]).toEqual([[120], "Europe/Berlin"]);
  });
});
