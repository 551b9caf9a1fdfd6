import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { buttonData, buttons, createApprovedProduct, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { fxCommunity, fxMember, fxOrganizer } from "../helpers/ledger-fixtures";
import { supergroup } from "../fake-telegram/updates";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 900;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const mia = user({ first_name: "Mia", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const DEADLINE = new Date("2026-12-03T12:00:00Z"); // 2026-12-03 20:00 in Shanghai
const HOUR = 3600_000;

async function world() {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  await h.send(textMessage(mia, community.group, "hello"));
  return community;
}

const communityRow = (id: number) => h.db.community.findUniqueOrThrow({ where: { id } });

describe("/settings", () => {
  it("changes reminders by a typed value (a bad one asked again), logs it, and the next buy is reminded at 2 h", async () => {
    const { communityId, group } = await world();
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "settings"));
    const menu = h.fake.lastMessage(chat.id)!;
    expect(menu.text).toContain("Green Street Co-op: settings");
    expect(menu.text).toContain("Reminders before a buy's deadline: 24h, 1h");
    expect(menu.text).toContain("Members vote on recommendations: off");

    await h.send(callbackQuery(boss, menu, buttonData(menu, `stg:${communityId}:ask:reminders`)));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("when before a buy's deadline should the group be reminded?");
    await h.send(textMessage(boss, chat, "1 minute"));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("I couldn't read that. Send 1 to 5 different times");
    await h.send(textMessage(boss, chat, "3m"));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("That is out of range.");
    expect((await communityRow(communityId)).reminderOffsetsMin).toBe("1440,60"); // nothing set by a bad value
    await h.send(textMessage(boss, chat, "2h"));
    expect(h.fake.lastMessage(chat.id)!.text).toBe("✅ Reminders: 2h");
    expect((await communityRow(communityId)).reminderOffsetsMin).toBe("120");
    // the menu it was asked from shows the new value, edited in place
    expect(h.fake.message(chat.id, menu.message_id)!.text).toContain("Reminders before a buy's deadline: 2h");

    // the log: who (display name), when (the community's time zone), old → new
    const edited = h.fake.message(chat.id, menu.message_id)!;
    await h.send(callbackQuery(boss, edited, buttonData(edited, `stg:${communityId}:log`)));
    const log = h.fake.message(chat.id, menu.message_id)!.text!;
    expect(log).toContain("settings log");
    expect(log).toContain("• 2026-12-01 12:00 Boss: Reminders 24h, 1h → 2h");

    // a buy opened now is reminded 2 h before its deadline, not 24 h or 1 h
    const { productId } = await createApprovedProduct(h, { communityId, recommender: rita });
    const buyId = await openBuy(h, boss, productId, { min: "3", deadline: "2026-12-03 20:00" });
    const reminders = () => h.fake.messages(group.id).filter((m) => m.text?.startsWith("⏰"));
    h.clock.set(new Date(DEADLINE.getTime() - 24 * HOUR + 60_000));
    await h.flush();
    await h.flush();
    expect(reminders()).toHaveLength(0);
    h.clock.set(new Date(DEADLINE.getTime() - 2 * HOUR + 60_000));
    await h.flush();
    await h.flush();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain(`#${buyId}`);
    h.clock.set(new Date(DEADLINE.getTime() - 30 * 60_000));
    await h.flush();
    await h.flush();
    expect(reminders()).toHaveLength(1);
    const rows = await h.db.groupBuyReminder.findMany({ where: { groupBuyId: buyId } });
    expect(rows.map((r) => r.offsetMinutes)).toEqual([120]);
    h.fake.assertNoRejections();
  });

  it("is for organizers: a member's press is refused; a re-delivered toggle is logged once; voting persists", async () => {
    const { communityId, group } = await world();
    await h.send(command(mia, group, "settings"));
    expect(h.fake.lastMessage(mia.id)!.text).toContain("Only this community's organizers");
    await h.send(command(boss, group, "settings"));
    const menu = h.fake.lastMessage(group.id)!;
    // in the group, typed values are asked in private: the buttons link there
    expect(buttons(menu).some((b) => "url" in b && b.url === `https://t.me/${h.fake.botInfo.username}?start=st${communityId}_reminders`)).toBe(true);

    const on = buttonData(menu, `stg:${communityId}:vote:1`);
    const refused = callbackQuery(mia, menu, on);
    await h.send(refused);
    expect(h.fake.callbackAnswer(refused.callback_query!.id)?.text).toBe("This button is not for you.");
    expect((await communityRow(communityId)).votingEnabled).toBe(false);

    const press = callbackQuery(boss, menu, on);
    await h.send(press);
    await h.send(press); // re-delivered
    expect((await communityRow(communityId)).votingEnabled).toBe(true);
    expect(await h.db.settingChange.count()).toBe(1);
    const after = h.fake.message(group.id, menu.message_id)!;
    expect(after.text).toContain("Members vote on recommendations: on");

    // the same change through the command of its own: the same use-case, logged too
    await h.send(command(boss, group, "self_referral", "on"));
    expect((await communityRow(communityId)).selfReferralEarns).toBe(true);
    expect((await h.db.settingChange.findMany({ orderBy: { id: "asc" } })).map((c) => `${c.key} ${c.oldValue}→${c.newValue}`)).toEqual(["voting off→on", "selfReferral off→on"]);

    // the group's admins as organizers: an authorization change, confirmed first
    await h.send(callbackQuery(boss, after, buttonData(after, `stg:${communityId}:adm:1`)));
    const confirm = h.fake.message(group.id, menu.message_id)!;
    expect(confirm.text).toContain("every Telegram administrator of the group becomes an organizer");
    expect((await communityRow(communityId)).adminsOrganize).toBe(false);
    await h.send(callbackQuery(boss, confirm, buttonData(confirm, `stg:${communityId}:adm:y`)));
    expect((await communityRow(communityId)).adminsOrganize).toBe(true);

    // a typed value from the group's link: asked in private, re-asked when out of range
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "start", `st${communityId}_votingHours`));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("how many hours should a recommendation's poll stay open?");
    await h.send(textMessage(boss, chat, "500"));
    expect(h.fake.lastMessage(chat.id)!.text).toContain("That is out of range. Send a whole number of hours from 1 to 336.");
    await h.send(textMessage(boss, chat, "72"));
    expect((await communityRow(communityId)).votingHours).toBe(72);

    await h.restartBot();
    await h.send(command(boss, group, "settings"));
    const fresh = h.fake.lastMessage(group.id)!.text!;
    expect(fresh).toContain("Members vote on recommendations: on · a poll stays open 72h");
    expect(fresh).toContain("The group's Telegram administrators are organizers: on");
    h.fake.assertNoRejections();
  });

  it("asks an organizer of several communities which one, in private, and changes that one only", async () => {
    h = await createHarness();
    const green = await fxCommunity(h.db, { chatId: supergroup().id, title: "Green Street Co-op" });
    const river = await fxCommunity(h.db, { chatId: supergroup().id, title: "Riverside" });
    const oscar = user({ first_name: "Oscar", language_code: "en" });
    const m = await fxMember(h.db, oscar, green.id);
    await fxOrganizer(h.db, green.id, m.id);
    await fxOrganizer(h.db, river.id, m.id);
    const chat = privateChat(oscar);
    await h.send(command(oscar, chat, "settings"));
    const picker = h.fake.lastMessage(chat.id)!;
    expect(picker.text).toBe("You organize 2 communities. Which one is /settings for?");
    await h.send(callbackQuery(oscar, picker, buttonData(picker, `cpick:${river.id}:`)));
    const menu = h.fake.lastMessage(chat.id)!;
    expect(menu.text).toContain("Riverside: settings");
    await h.send(callbackQuery(oscar, menu, buttonData(menu, `stg:${river.id}:self:1`)));
    expect((await communityRow(river.id)).selfReferralEarns).toBe(true);
    expect((await communityRow(green.id)).selfReferralEarns).toBe(false);
    expect(h.fake.message(chat.id, menu.message_id)!.text).toContain("Recommenders' own orders earn: on");
    // a forged press for a community they don't organize changes nothing
    await h.db.communityRole.deleteMany({ where: { communityId: green.id } });
    const forged = callbackQuery(oscar, h.fake.message(chat.id, menu.message_id)!, `stg:${green.id}:self:1`);
    await h.send(forged);
    expect((await communityRow(green.id)).selfReferralEarns).toBe(false);
    h.fake.assertNoRejections();
  });
});
