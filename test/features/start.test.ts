import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { registerCommandMenus } from "../../src/bot/commands";
import { callbackQuery, command, myChatMember, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("/start, /help and /language in a private chat", () => {
  it("greets a Chinese-speaking member in Chinese", async () => {
    h = await createHarness();
    const alice = user({ first_name: "阿丽", language_code: "zh-hans" });
    await h.send(command(alice, privateChat(alice), "start"));
    const reply = h.fake.lastMessage(alice.id)!;
    expect(reply.text).toContain("来！合作社");
    expect(reply.text).toContain("阿丽");
    expect(reply.text).toContain("推介官");
    h.fake.assertNoRejections();
  });

  it("greets an English-speaking member in English, and falls back to Chinese otherwise", async () => {
    h = await createHarness();
    const bob = user({ first_name: "Bob", language_code: "en-GB" });
    const dieter = user({ first_name: "Dieter", language_code: "de" });
    await h.send(command(bob, privateChat(bob), "start"), command(dieter, privateChat(dieter), "start"));
    expect(h.fake.lastMessage(bob.id)!.text).toContain("Let's CO-OP!");
    expect(h.fake.lastMessage(bob.id)!.text).toContain("recommender");
    expect(h.fake.lastMessage(dieter.id)!.text).toContain("来！合作社");
    h.fake.assertNoRejections();
  });

  it("escapes HTML in the member's name", async () => {
    h = await createHarness();
    const mallory = user({ first_name: "<b>Mal & Co</b>", language_code: "en" });
    await h.send(command(mallory, privateChat(mallory), "start"));
    expect(h.fake.lastMessage(mallory.id)!.text).toContain("<b>Mal & Co</b>");
    h.fake.assertNoRejections();
  });

  it("lists member commands in /help, and organizer commands only for organizers", async () => {
    h = await createHarness({ organizerIds: [900] });
    const member = user({ id: 901, language_code: "en" });
    const organizer = user({ id: 900, language_code: "en" });
    const group = supergroup({ title: "Green Street Co-op" });
    await h.send(myChatMember(organizer, group, "left", "member"));
    await h.send(command(member, group, "help"), command(organizer, group, "help"));
    const replies = h.fake.messages(group.id).filter((m) => m.text?.startsWith("Commands you can use"));
    expect(replies).toHaveLength(2);
    expect(replies[0]!.text).not.toContain("/add_organizer");
    expect(replies[1]!.text).toContain("/add_organizer");
    // where a new co-op looks for paid broadcasts: the /settings and /close lines say so
    expect(replies[1]!.text).toContain("patronage, paid broadcasts…) and its log");
    expect(replies[1]!.text).toContain("/close <buy> (with paid broadcasts on in /settings: shows the Stars it costs first)");
    h.fake.assertNoRejections();
  });

  it("switches language with /language and remembers it", async () => {
    h = await createHarness();
    const carol = user({ first_name: "Carol", language_code: "zh" });
    const chat = privateChat(carol);
    await h.send(command(carol, chat, "language"));
    const picker = h.fake.lastMessage(carol.id)!;
    const buttons = picker.reply_markup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(["中文", "English"]);
    const english = buttons[1]! as { callback_data: string };
    await h.send(callbackQuery(carol, picker, english.callback_data));
    expect(h.fake.message(carol.id, picker.message_id)!.text).toContain("English");
    await h.send(command(carol, chat, "start"));
    expect(h.fake.lastMessage(carol.id)!.text).toContain("Let's CO-OP!");
    const stored = await h.db.member.findUnique({ where: { telegramId: BigInt(carol.id) } });
    expect(stored?.locale).toBe("en");
    h.fake.assertNoRejections();
  });

  it("ignores a forged language callback without crashing", async () => {
    h = await createHarness();
    const eve = user({ language_code: "en" });
    await h.send(command(eve, privateChat(eve), "language"));
    const picker = h.fake.lastMessage(eve.id)!;
    await h.send(callbackQuery(eve, picker, "lang:fr"), textMessage(eve, privateChat(eve), "/start"));
    expect(h.fake.lastMessage(eve.id)!.text).toContain("Let's CO-OP!");
    const stored = await h.db.member.findUnique({ where: { telegramId: BigInt(eve.id) } });
    expect(stored?.locale).toBeNull();
    h.fake.assertNoRejections();
  });
});

describe("communities and organizers", () => {
  it("registers a group an operator adds the bot to and greets it", async () => {
    h = await createHarness({ organizerIds: [4242] });
    const admin = user({ id: 4242, language_code: "zh" });
    const group = supergroup({ title: "绿街合作社" });
    await h.send(myChatMember(admin, group, "left", "administrator"));
    const community = await h.db.community.findUnique({ where: { telegramChatId: BigInt(group.id) } });
    expect(community).toMatchObject({ title: "绿街合作社", active: true, timezone: "Asia/Shanghai", currency: "CNY" });
    expect(h.fake.lastMessage(group.id)!.text).toContain("绿街合作社");
    await h.send(myChatMember(admin, group, "administrator", "kicked"));
    const after = await h.db.community.findUnique({ where: { telegramChatId: BigInt(group.id) } });
    expect(after?.active).toBe(false);
    h.fake.assertNoRejections();
  });

  it("switches a community off only on a 403 that means the bot is out of the group, and back on when the group is heard from", async () => {
    h = await createHarness({ organizerIds: [500] });
    const boss = user({ id: 500, language_code: "en" });
    const ed = user({ id: 502, first_name: "Ed", language_code: "en" });
    const group = supergroup();
    await h.send(myChatMember(boss, group, "left", "member"));
    const active = async () => (await h.db.community.findUniqueOrThrow({ where: { telegramChatId: BigInt(group.id) } })).active;
    // a command the bot answers in the group (refusals of organizer commands go to the member privately)
    const edAsks = () => textMessage(ed, group, "/organizers");

    // a passing restriction (an admin took the right to post for a while): the community stays
    h.fake.failNext("sendMessage", { kind: "error", error_code: 403, description: "Forbidden: not enough rights to send text messages to the chat" });
    await h.send(edAsks());
    expect(await active()).toBe(true);

    // the bot is out of the group: switched off…
    h.fake.failNext("sendMessage", { kind: "error", error_code: 403, description: "Forbidden: bot was kicked from the supergroup chat" });
    await h.send(edAsks());
    expect(await active()).toBe(false);
    expect((await h.services.communities.allActive()).map((c) => c.telegramChatId)).not.toContain(group.id);

    // …until the bot hears from the group again (it was only briefly out, or the answer was wrong)
    await h.send(textMessage(ed, group, "anyone for rice?"));
    expect(await active()).toBe(true);
    expect((await h.services.communities.allActive()).map((c) => c.telegramChatId)).toContain(group.id);
    await h.send(edAsks());
    expect(h.fake.lastMessage(group.id)!.text).toContain("This community's organizers:");
    h.fake.assertNoRejections();
  });

  it("lets an organizer grant the role by replying, and refuses non-organizers", async () => {
    h = await createHarness({ organizerIds: [500] });
    const boss = user({ id: 500, language_code: "en" });
    const dora = user({ id: 501, first_name: "Dora", language_code: "en" });
    const ed = user({ id: 502, first_name: "Ed", language_code: "en" });
    const group = supergroup();
    await h.send(myChatMember(boss, group, "left", "member"));
    const doraSays = textMessage(dora, group, "hi all");
    await h.send(doraSays);
    // Ed is not an organizer: refused, privately (the group hears nothing of it)
    const inGroup = h.fake.messages(group.id).length;
    await h.send(textMessage(ed, group, "/add_organizer", { reply_to_message: doraSays.message! }));
    expect(h.fake.lastMessage(ed.id)!.text).toContain("Only this community's organizers");
    expect(h.fake.messages(group.id).length).toBe(inGroup);
    await h.send(textMessage(boss, group, "/add_organizer", { reply_to_message: doraSays.message! }));
    expect(h.fake.lastMessage(group.id)!.text).toContain("Dora is now an organizer");
    // Dora can now grant Ed by @username-less id
    await h.send(textMessage(ed, group, "hello"));
    await h.send(textMessage(dora, group, `/add_organizer ${ed.id}`));
    expect(h.fake.lastMessage(group.id)!.text).toContain("Ed is now an organizer");
    await h.send(command(ed, group, "organizers"));
    expect(h.fake.lastMessage(group.id)!.text).toMatch(/Dora[\s\S]*Ed/);
    h.fake.assertNoRejections();
  });

  it("registers the command menus per language and scope", async () => {
    h = await createHarness();
    await registerCommandMenus(h.bot.api, h.services.i18n as never, h.config.defaultLocale);
    const zhPrivate = h.fake.commands({ type: "all_private_chats" }, "zh");
    const enGroup = h.fake.commands({ type: "all_group_chats" }, "en");
    expect(zhPrivate.map((c) => c.command)).toContain("language");
    expect(zhPrivate.find((c) => c.command === "help")!.description).toBe("查看可用的命令");
    expect(enGroup.map((c) => c.command)).toContain("organizers");
    expect(enGroup.map((c) => c.command)).not.toContain("language");
    expect(enGroup.map((c) => c.command)).not.toContain("add_organizer");
    expect(h.fake.commands({ type: "all_private_chats" }, "").length).toBe(zhPrivate.length);
  });
});

describe("becoming the first organizer of a fresh install", () => {
  it("tells the person on /start their id and how to set ORGANIZER_IDS, while nobody organizes", async () => {
    h = await createHarness(); // ORGANIZER_IDS empty, nothing granted
    const setter = user({ id: 8_123_456_789, first_name: "Sam", language_code: "en" });
    await h.send(command(setter, privateChat(setter), "start"));
    const reply = h.fake.lastMessage(setter.id)!.text!;
    expect(reply).toContain("Let's CO-OP!");
    expect(reply).toContain("no organizers yet");
    expect(reply).toContain("your Telegram user id is 8123456789"); // no digit grouping
    expect(reply).toContain("ORGANIZER_IDS=8123456789");

    const zh = user({ id: 4242, language_code: "zh" });
    await h.send(command(zh, privateChat(zh), "start"));
    expect(h.fake.lastMessage(zh.id)!.text).toContain("ORGANIZER_IDS=4242");
    expect(h.fake.lastMessage(zh.id)!.text).toContain("还没有组织者");
  });

  it("says nothing about it once ORGANIZER_IDS is set, or once someone was granted the role", async () => {
    h = await createHarness({ organizerIds: [500] });
    const member = user({ id: 777, language_code: "en" });
    await h.send(command(member, privateChat(member), "start"));
    expect(h.fake.lastMessage(member.id)!.text).toContain("Let's CO-OP!");
    expect(h.fake.lastMessage(member.id)!.text).not.toContain("ORGANIZER_IDS");
    await h.close();

    h = await createHarness();
    const group = supergroup();
    const granted = user({ id: 778, language_code: "en" });
    await h.send(textMessage(granted, group, "hi"));
    const community = await h.db.community.findFirstOrThrow();
    const row = await h.db.member.findUniqueOrThrow({ where: { telegramId: BigInt(granted.id) } });
    await h.services.organizers.grant(community.id, row.id, row.id);
    await h.send(command(member, privateChat(member), "start"));
    expect(h.fake.lastMessage(member.id)!.text).not.toContain("ORGANIZER_IDS");
  });

  it("answers /whoami in private with the person's id, and the setup hint only while nobody organizes", async () => {
    h = await createHarness();
    const sam = user({ id: 5150, language_code: "en" });
    await h.send(command(sam, privateChat(sam), "whoami"));
    expect(h.fake.lastMessage(sam.id)!.text).toMatch(/^Your Telegram user id is 5150\.\n\n.*ORGANIZER_IDS=5150/s);
    await h.close();

    h = await createHarness({ organizerIds: [5150] });
    const lin = user({ id: 6160, language_code: "zh" });
    await h.send(command(lin, privateChat(lin), "whoami"));
    expect(h.fake.lastMessage(lin.id)!.text).toBe("你的 Telegram 用户 ID 是 6160。");
    // not in a group: it would show one member's id to everyone
    const group = supergroup();
    await h.send(myChatMember(lin, group, "left", "member"));
    const before = h.fake.messages(group.id).length;
    await h.send(command(lin, group, "whoami"));
    expect(h.fake.messages(group.id)).toHaveLength(before);
  });

  it("lists /whoami in the private command menu, not the group one", async () => {
    h = await createHarness();
    await registerCommandMenus(h.bot.api, h.services.i18n as never, h.config.defaultLocale);
    expect(h.fake.commands({ type: "all_private_chats" }, "en").find((c) => c.command === "whoami")!.description).toBe("Show your Telegram user id");
    expect(h.fake.commands({ type: "all_private_chats" }, "zh").find((c) => c.command === "whoami")!.description).toBe("查看你的 Telegram 用户 ID");
    expect(h.fake.commands({ type: "all_group_chats" }, "en").map((c) => c.command)).not.toContain("whoami");
  });
});
