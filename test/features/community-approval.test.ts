import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, myChatMember, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import { createApprovedProduct } from "../helpers/group-buy-fixtures";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const op = user({ id: 900, first_name: "Olga", language_code: "en" });
const op2 = user({ id: 901, first_name: "Oscar", language_code: "en" });
const row = (chatId: number) => h!.db.community.findUnique({ where: { telegramChatId: BigInt(chatId) } });
const buttonData = (chatId: number, label: string) => {
  const m = h!.fake.lastMessage(chatId)!;
  const b = m.reply_markup!.inline_keyboard.flat().find((x) => x.text.includes(label)) as { callback_data: string };
  return { m, data: b.callback_data };
};

async function operators(): Promise<Harness> {
  h = await createHarness({ organizerIds: [op.id, op2.id], env: { DEFAULT_LOCALE: "en" } });
  await h.send(command(op, privateChat(op), "start"), command(op2, privateChat(op2), "start"));
  return h;
}

describe("a stranger's group is not a community", () => {
  it("gets one polite message, asks the operators, and does no co-op business until approved", async () => {
    await operators();
    const stranger = user({ first_name: "Sam", language_code: "en" });
    const group = supergroup({ title: "Random Chat" });
    await h!.send(myChatMember(stranger, group, "left", "member"));
    expect(h!.fake.messages(group.id).map((m) => m.text)).toEqual([expect.stringContaining("not one of the co-op's communities yet")]);
    expect(await row(group.id)).toMatchObject({ status: "PENDING", active: false });
    expect(h!.fake.lastMessage(op.id)!.text).toContain("Random Chat");
    expect(h!.fake.lastMessage(op.id)!.text).toContain("Sam");

    await h!.send(command(stranger, group, "recommend"), command(stranger, group, "help"), command(stranger, group, "buys"), textMessage(stranger, group, "hi"));
    const press = callbackQuery(stranger, h!.fake.lastMessage(group.id)!, "gb:j:1");
    await h!.send(press);
    expect(h!.fake.messages(group.id)).toHaveLength(1);
    expect(h!.fake.callbackAnswer(press.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." }); // not a button of that message: the guard
    expect(await h!.db.communityMember.count()).toBe(0);
    expect(h!.fake.messages(op.id).filter((m) => m.text?.includes("I was added"))).toHaveLength(1); // asked once
  });

  it("a group first heard from by a message is pending too", async () => {
    await operators();
    const stranger = user({ language_code: "en" });
    const group = supergroup();
    await h!.send(command(stranger, group, "help"), command(stranger, group, "recommend"));
    expect(h!.fake.messages(group.id)).toHaveLength(1);
    expect(await row(group.id)).toMatchObject({ status: "PENDING", active: false });
  });

  it("an operator's group is active at once, and greeted", async () => {
    await operators();
    const group = supergroup({ title: "Green Street Co-op" });
    await h!.send(myChatMember(op, group, "left", "administrator"));
    expect(await row(group.id)).toMatchObject({ status: "APPROVED", active: true });
    expect(h!.fake.lastMessage(group.id)!.text).toContain("registered “Green Street Co-op” as a co-op community");
  });

  it("approval by an operator greets the group and makes it work; the decision is made once", async () => {
    await operators();
    const stranger = user({ language_code: "en" });
    const group = supergroup({ title: "Riverside" });
    await h!.send(myChatMember(stranger, group, "left", "member"));
    const { m, data } = buttonData(op.id, "Approve");
    await h!.send(callbackQuery(op, m, data));
    expect(await row(group.id)).toMatchObject({ status: "APPROVED", active: true });
    expect(h!.fake.lastMessage(group.id)!.text).toContain("registered “Riverside” as a co-op community");
    expect(h!.fake.message(op.id, m.message_id)!.text).toContain("is now a co-op community");
    expect(h!.fake.message(op.id, m.message_id)!.reply_markup).toBeUndefined();

    const late = buttonData(op2.id, "Ignore");
    await h!.send(callbackQuery(op2, late.m, late.data));
    expect(await row(group.id)).toMatchObject({ status: "APPROVED", active: true });
    expect(h!.fake.message(op2.id, late.m.message_id)!.text).toContain("was already approved");

    await h!.send(command(stranger, group, "recommend"));
    expect(h!.fake.lastMessage(group.id)!.text).toContain("private chat");
  });

  it("ignore keeps it silent and remembered; a non-operator's press changes nothing", async () => {
    await operators();
    const stranger = user({ language_code: "en" });
    const group = supergroup();
    await h!.send(myChatMember(stranger, group, "left", "member"));
    const { data } = buttonData(op.id, "Approve");
    await h!.send(command(stranger, privateChat(stranger), "start"));
    const forged = callbackQuery(stranger, h!.fake.lastMessage(stranger.id)!, data);
    await h!.send(forged);
    expect(h!.fake.callbackAnswer(forged.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." }); // the guard
    expect(await row(group.id)).toMatchObject({ status: "PENDING", active: false });
    expect(h!.fake.messages(group.id)).toHaveLength(1);
    h!.allowRejections(true); // the stranger's /start may answer with markup the forged press doesn't match

    const ignore = buttonData(op.id, "Ignore");
    await h!.send(callbackQuery(op, ignore.m, ignore.data));
    expect(await row(group.id)).toMatchObject({ status: "IGNORED", active: false });
    await h!.send(command(stranger, group, "help"), textMessage(stranger, group, "hello?"));
    expect(h!.fake.messages(group.id)).toHaveLength(1);
    expect(h!.fake.messages(op.id).filter((m) => m.text?.includes("I was added"))).toHaveLength(0); // the question shows its outcome; no new one
    // an operator adding it later makes it a community
    await h!.send(myChatMember(op, group, "member", "administrator"));
    expect(await row(group.id)).toMatchObject({ status: "APPROVED", active: true });
  });

  it("bot removal switches the community off and keeps its data; re-adding brings it back", async () => {
    await operators();
    const group = supergroup({ title: "Green Street Co-op" });
    await h!.send(myChatMember(op, group, "left", "administrator"));
    const community = (await row(group.id))!;
    const alice = user({ first_name: "Alice", language_code: "en" });
    await h!.send(command(alice, group, "recommend"));
    await createApprovedProduct(h!, { communityId: community.id, recommender: alice });
    await h!.send(myChatMember(op, group, "administrator", "kicked"));
    expect(await row(group.id)).toMatchObject({ id: community.id, status: "APPROVED", active: false });
    expect(await h!.db.product.count({ where: { communityId: community.id } })).toBe(1);
    expect(await h!.db.communityMember.count({ where: { communityId: community.id } })).toBeGreaterThan(0);

    const stranger = user({ language_code: "en" });
    await h!.send(myChatMember(stranger, group, "left", "member")); // approved before: active again
    expect(await row(group.id)).toMatchObject({ id: community.id, active: true });
    expect(h!.fake.lastMessage(group.id)!.text).toContain("as a co-op community");
  });

  it("a pending group the bot leaves is forgotten, and a later add asks again", async () => {
    await operators();
    const stranger = user({ language_code: "en" });
    const group = supergroup();
    await h!.send(myChatMember(stranger, group, "left", "member"));
    const { m, data } = buttonData(op.id, "Approve");
    await h!.send(myChatMember(stranger, group, "member", "left"));
    expect(await row(group.id)).toBeNull();
    await h!.send(callbackQuery(op, m, data));
    expect(h!.fake.message(op.id, m.message_id)!.text).toContain("no longer waiting");
    await h!.send(myChatMember(stranger, group, "left", "member"));
    expect(await row(group.id)).toMatchObject({ status: "PENDING" });
  });

  it("lets a community's Telegram admins organize it when it turns that on", async () => {
    await operators();
    const group = supergroup();
    await h!.send(myChatMember(op, group, "left", "administrator"));
    const ann = user({ first_name: "Ann", language_code: "en" });
    h!.fake.setChatMember(group.id, ann.id, "administrator", ann);
    const target = textMessage(op2, group, "hi");
    await h!.send(target, textMessage(ann, group, "/add_organizer", { reply_to_message: target.message! }));
    expect(h!.fake.lastMessage(ann.id)!.text).toContain("Only this community's organizers"); // privately, not in the group
    await h!.send(command(op, group, "admins_organize", "on"));
    await h!.send(textMessage(ann, group, "/add_organizer", { reply_to_message: target.message! }));
    expect(h!.fake.lastMessage(group.id)!.text).toContain("Oscar is now an organizer");
    const annMember = (await h!.services.members.byTelegramId(ann.id))!;
    expect(await h!.services.organizers.communityIdsOf(annMember)).toEqual([(await row(group.id))!.id]);
    await h!.send(command(op, group, "admins_organize", "off"));
    expect(await h!.services.organizers.communityIdsOf(annMember)).toEqual([]);
  });
});
