import { afterEach, describe, expect, it } from "vitest";
import type { Chat, User } from "grammy/types";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, myChatMember, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";

// An organizer's own command menu (BotCommandScopeChatMember in each group
// they organize, BotCommandScopeChat in their private chat) lists organizer
// commands; members keep the member menu only. Kept in step with the roles.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const op = user({ id: 900, first_name: "Olga", language_code: "en" });
const dora = user({ id: 910, first_name: "Dora", language_code: "zh" });
const ed = user({ id: 911, first_name: "Ed", language_code: "en" });

const inGroup = (group: Chat, who: User) => h!.fake.commands({ type: "chat_member", chat_id: group.id, user_id: who.id }).map((c) => c.command);
const inPrivate = (who: User) => h!.fake.commands({ type: "chat", chat_id: who.id }).map((c) => c.command);

/** A restart as app.ts does it: the start-up pass over organizers' menus is armed. */
async function restart(): Promise<void> {
  await h!.restartBot();
  h!.services.organizerMenus.syncAfterStart();
}

async function operatorWithGroup(): Promise<Chat> {
  h = await createHarness({ organizerIds: [op.id], env: { DEFAULT_LOCALE: "en" } });
  await h.send(command(op, privateChat(op), "start"));
  const group = supergroup({ title: "Green Street Co-op" });
  await h.send(myChatMember(op, group, "left", "administrator"));
  return group;
}

describe("organizer command menus", () => {
  it("an operator who adds the bot gets organizer commands in that group and in private; members don't", async () => {
    const group = await operatorWithGroup();
    await h!.send(textMessage(ed, group, "hi"));
    expect(inGroup(group, op)).toEqual(expect.arrayContaining(["close", "orders", "add_organizer", "help", "organizers"]));
    expect(inGroup(group, op)).not.toContain("community"); // a private-only command
    expect(inPrivate(op)).toEqual(expect.arrayContaining(["community", "review", "close", "start", "language"]));
    expect(h!.fake.commands({ type: "chat", chat_id: op.id }).find((c) => c.command === "close")!.description).toMatch(/[A-Za-z]/);
    expect(inGroup(group, ed)).toEqual([]);
    expect(inPrivate(ed)).toEqual([]);
  });

  it("/add_organizer gives the new organizer the menu in their language; /remove_organizer takes it away", async () => {
    const group = await operatorWithGroup();
    const says = textMessage(dora, group, "我来帮忙");
    await h!.send(command(dora, privateChat(dora), "start"), says);
    await h!.send(textMessage(op, group, "/add_organizer", { reply_to_message: says.message! }));
    expect(inGroup(group, dora)).toEqual(expect.arrayContaining(["close", "paid", "export"]));
    expect(inPrivate(dora)).toEqual(expect.arrayContaining(["review", "community"]));
    const close = h!.fake.commands({ type: "chat", chat_id: dora.id }).find((c) => c.command === "close")!;
    expect(close.description).toMatch(/[\u4e00-\u9fff]/); // Dora reads Chinese

    // Dora switches to English: her menus follow
    await h!.send(command(dora, privateChat(dora), "language"));
    const choose = h!.fake.lastMessage(dora.id)!;
    const english = choose.reply_markup!.inline_keyboard.flat().find((b) => "callback_data" in b && b.callback_data.endsWith("en")) as { callback_data: string };
    await h!.send(callbackQuery(dora, choose, english.callback_data));
    expect(h!.fake.commands({ type: "chat_member", chat_id: group.id, user_id: dora.id }).find((c) => c.command === "close")!.description).toMatch(/^[\x20-\x7e]+$/);

    await h!.send(textMessage(op, group, "/remove_organizer", { reply_to_message: says.message! }));
    expect(inGroup(group, dora)).toEqual([]);
    expect(inPrivate(dora)).toEqual([]);
    const deletes = h!.fake.callsOf("deleteMyCommands").map((c) => c.params.scope);
    expect(deletes).toEqual(expect.arrayContaining([{ type: "chat_member", chat_id: group.id, user_id: dora.id }, { type: "chat", chat_id: dora.id }]));
  });

  it("an operator's approval of a group sets the operators' menus in it", async () => {
    h = await createHarness({ organizerIds: [op.id], env: { DEFAULT_LOCALE: "en" } });
    await h.send(command(op, privateChat(op), "start"));
    const stranger = user({ first_name: "Sam", language_code: "en" });
    const group = supergroup({ title: "Riverside" });
    await h.send(myChatMember(stranger, group, "left", "member"));
    expect(inGroup(group, op)).toEqual([]); // pending: not a community yet
    const ask = h.fake.lastMessage(op.id)!;
    const approve = ask.reply_markup!.inline_keyboard.flat().find((b) => b.text.includes("Approve")) as { callback_data: string };
    await h.send(callbackQuery(op, ask, approve.callback_data));
    expect(inGroup(group, op)).toEqual(expect.arrayContaining(["close", "buys"]));
    expect(inGroup(group, stranger)).toEqual([]);
  });

  it("admins_organize on gives the group's administrators the menu; off takes it away", async () => {
    const group = await operatorWithGroup();
    const ann = user({ id: 920, first_name: "Ann", language_code: "en" });
    h!.fake.setChatMember(group.id, ann.id, "administrator", ann);
    await h!.send(textMessage(ann, group, "hello"));
    await h!.send(command(op, group, "admins_organize", "on"));
    expect(inGroup(group, ann)).toContain("close");
    await h!.send(command(op, group, "admins_organize", "off"));
    expect(inGroup(group, ann)).toEqual([]);
    expect(inGroup(group, op)).toContain("close"); // the operator keeps theirs
  });

  it("after a start, every organizer's menus are brought up to date in the background, and only once", async () => {
    const group = await operatorWithGroup();
    await h!.send(textMessage(dora, group, "hi"), command(dora, privateChat(dora), "start"));
    // granted while no bot ran the command (e.g. by an earlier version): no menu yet
    const community = await h!.db.community.findFirstOrThrow();
    const doraRow = (await h!.services.members.byTelegramId(dora.id))!;
    await h!.services.organizers.grant(community.id, doraRow.id, doraRow.id);
    await restart();
    expect(inGroup(group, dora)).toEqual([]);
    await h!.flush(); // the scheduler's first tick after the start
    expect(inGroup(group, dora)).toContain("close");
    expect(inPrivate(dora)).toContain("review");

    const sets = h!.fake.callsOf("setMyCommands").length;
    await restart();
    await h!.flush();
    expect(h!.fake.callsOf("setMyCommands").length).toBe(sets); // recorded as right: nothing sent again

    // revoked while down: the next start's pass takes the menu away
    await h!.services.organizers.revoke(community.id, doraRow.id);
    await restart();
    await h!.flush();
    expect(inGroup(group, dora)).toEqual([]);
    expect(inPrivate(dora)).toEqual([]);
    expect(inGroup(group, op)).toContain("close");
  });
});

describe("the fake Telegram checks command scopes as Telegram does", () => {
  it("refuses a chat_member scope in a private chat, an unknown chat or user, and answers getMyCommands per scope", async () => {
    h = await createHarness({ allowRejections: true });
    const group = supergroup();
    await h.send(textMessage(ed, group, "hi"));
    const api = h.bot.api;
    const cmds = [{ command: "close", description: "Close" }];
    await expect(api.setMyCommands(cmds, { scope: { type: "chat_member", chat_id: ed.id, user_id: ed.id } })).rejects.toThrow(/private chats/);
    await expect(api.setMyCommands(cmds, { scope: { type: "chat_member", chat_id: -100_555, user_id: ed.id } })).rejects.toThrow(/chat not found/);
    await expect(api.setMyCommands(cmds, { scope: { type: "chat_member", chat_id: group.id, user_id: 4_040_404 } })).rejects.toThrow(/user not found/);
    await expect(api.setMyCommands(cmds, { scope: { type: "chat", chat_id: 4_040_404 } })).rejects.toThrow(/chat not found/);
    await api.setMyCommands(cmds, { scope: { type: "chat_member", chat_id: group.id, user_id: ed.id } });
    expect(await api.getMyCommands({ scope: { type: "chat_member", chat_id: group.id, user_id: ed.id } })).toEqual(cmds);
    expect(await api.getMyCommands({ scope: { type: "chat", chat_id: ed.id } })).toEqual([]);
  });
});
