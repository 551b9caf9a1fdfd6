import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { buttonData, setupCommunity } from "../helpers/group-buy-fixtures";
import { issueCommunityReadToken, revokeCommunityReadTokens } from "../../src/features/settings/read-tokens";

// The /settings read tokens: once per update however often it is delivered,
// organizers only, never in a group, never in a log line.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 900;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const mia = user({ first_name: "Mia", language_code: "en" });

describe("DFC read tokens in /settings", () => {
  it("issue and revoke take effect once per update; a member who doesn't organize may not", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER], env: { LOG_LEVEL: "info" } });
    const { communityId } = await setupCommunity(h, boss);
    await h.send(command(boss, privateChat(boss), "settings"));
    const row = await h.db.member.findFirstOrThrow({ where: { telegramId: BigInt(ORGANIZER) } });
    const input = { communityId, member: { id: row.id, telegramId: ORGANIZER }, updateId: 777_001 };
    const first = await issueCommunityReadToken(h.services, input);
    expect(first.kind).toBe("issued");
    expect(await issueCommunityReadToken(h.services, input)).toEqual({ kind: "already" });
    expect(await h.db.readToken.count({ where: { communityId } })).toBe(1);
    expect(h.logs.join("\n")).toContain("DFC read token issued");
    expect(h.logs.join("\n")).not.toContain((first as { token: string }).token);

    const revoke = { ...input, updateId: 777_002 };
    expect(await revokeCommunityReadTokens(h.services, revoke)).toEqual({ kind: "revoked", count: 1 });
    expect(await revokeCommunityReadTokens(h.services, revoke)).toEqual({ kind: "already" });
    expect(await h.db.settingChange.count({ where: { communityId, key: "readTokens" } })).toBe(2);

    await h.send(command(mia, privateChat(mia), "start"));
    const stranger = await h.db.member.findFirstOrThrow({ where: { telegramId: BigInt(mia.id) } });
    expect(await issueCommunityReadToken(h.services, { communityId, member: { id: stranger.id, telegramId: mia.id }, updateId: 777_003 })).toEqual({ kind: "not-allowed" });
    expect(await h.db.readToken.count({ where: { communityId } })).toBe(1);
  });

  it("a press of issue in the group (forged: the group's menu has a link there) makes no token", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const { communityId, group } = await setupCommunity(h, boss);
    await h.send(command(boss, group, "settings"));
    const menu = h.fake.lastMessage(group.id)!;
    const forged = callbackQuery(boss, menu, buttonData(menu, `stg:${communityId}:page:`).replace(/:page:\d$/, ":tok:"));
    await h.send(forged);
    expect(h.fake.callbackAnswer(forged.callback_query!.id)).toBeDefined();
    expect(await h.db.readToken.count()).toBe(0);
    expect(h.fake.messages(group.id).at(-1)!.message_id).toBe(menu.message_id);
  });
});
