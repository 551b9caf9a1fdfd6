import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxOrganizer, fxProduct, fxSucceed } from "../helpers/ledger-fixtures";
import { callbackQuery, command, privateChat, supergroup, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const DAY = 24 * 3600_000;

/**
 * Two communities, Green Street and Riverside (and a third, Hilltop, nobody
 * here organizes). Oscar organizes Green Street and Riverside; Ada only Green
 * Street; Mallory nothing. In Riverside, Lily's honey sold 3 jars at ¥12.35
 * with 10 %: her balance there is ¥3.70. Green Street's ledger is empty.
 */
async function world() {
  h = await createHarness();
  const groups = { green: supergroup({ title: "Green Street Co-op" }), river: supergroup({ title: "Riverside <Co-op>" }), hill: supergroup({ title: "Hilltop" }) };
  const green = await fxCommunity(h.db, { chatId: groups.green.id, title: groups.green.title });
  const river = await fxCommunity(h.db, { chatId: groups.river.id, title: groups.river.title });
  const hill = await fxCommunity(h.db, { chatId: groups.hill.id, title: groups.hill.title });
  const people = {
    oscar: user({ first_name: "Oscar", language_code: "en" }),
    ada: user({ first_name: "Ada", language_code: "en" }),
    mallory: user({ first_name: "Mallory", language_code: "en" }),
    lily: user({ first_name: "Lily", username: "lily_rec" }),
    carol: user({ first_name: "Carol" }),
  };
  const m = {
    oscar: await fxMember(h.db, people.oscar, green.id),
    ada: await fxMember(h.db, people.ada, green.id),
    mallory: await fxMember(h.db, people.mallory, river.id),
    lily: await fxMember(h.db, people.lily, river.id),
    carol: await fxMember(h.db, people.carol, river.id),
  };
  await fxOrganizer(h.db, green.id, m.oscar.id);
  await fxOrganizer(h.db, river.id, m.oscar.id);
  await fxOrganizer(h.db, green.id, m.ada.id);
  const honey = await fxProduct(h.db, { communityId: river.id, recommenderId: m.lily.id, priceFen: 1_235 });
  const buy = await fxBuy(h.db, { product: honey, openedById: m.oscar.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: new Date(h.clock.now().getTime() + DAY) });
  await fxOrder(h.db, { groupBuyId: buy.id, memberId: m.carol.id, quantity: 3 });
  await fxSucceed(h.db, h.services, buy.id);
  return { groups, green, river, hill, people, m };
}

function buttonsOf(message: FakeMessage | undefined): { text: string; callback_data: string }[] {
  return (message?.reply_markup?.inline_keyboard.flat() ?? []) as { text: string; callback_data: string }[];
}

function button(message: FakeMessage | undefined, label: RegExp | string): string {
  const b = buttonsOf(message).find((x) => (typeof label === "string" ? x.text === label : label.test(x.text)));
  expect(b, `button ${label} in ${message?.text}`).toBeDefined();
  return b!.callback_data;
}

async function state() {
  return (await h.db.storedState.findMany({ where: { key: { startsWith: "community-" } }, orderBy: { key: "asc" } })).map((r) => [r.key, r.value]);
}

describe("organizer commands in private, for an organizer of several communities", () => {
  it("asks which community, runs the command there, remembers the choice and says so, and switches with /community", async () => {
    const w = await world();
    const chat = privateChat(w.people.oscar);
    const last = () => h.fake.lastMessage(w.people.oscar.id)!;

    await h.send(command(w.people.oscar, chat, "ledger"));
    const picker = last();
    expect(picker.text).toBe("You organize 2 communities. Which one is /ledger for?");
    expect(buttonsOf(picker).map((b) => b.text)).toEqual(["Green Street Co-op", "Riverside <Co-op>"]);
    expect(picker.reply_markup!.inline_keyboard.every((row) => row.length === 1)).toBe(true);

    const press = callbackQuery(w.people.oscar, picker, button(picker, "Riverside <Co-op>"));
    await h.send(press);
    expect(h.fake.callbackAnswer(press.callback_query!.id)).toBeDefined();
    const picked = h.fake.message(w.people.oscar.id, picker.message_id)!;
    expect(picked.text).toBe("✓ Riverside <Co-op>");
    expect(picked.reply_markup).toBeUndefined();
    const ledger = last().text!;
    expect(ledger).toContain("🏘 Riverside <Co-op> · /community to switch");
    expect(ledger).toContain("Earnings ledger — Riverside <Co-op> (latest 1 of 1 entries)");
    expect(ledger).toContain("Lily");

    // remembered: the next command goes straight to Riverside, and says so
    const before = h.fake.messages(w.people.oscar.id).length;
    await h.send(command(w.people.oscar, chat, "export_ledger"));
    expect(h.fake.messages(w.people.oscar.id)).toHaveLength(before + 1);
    const upload = h.fake.callsOf("sendDocument").at(-1)!;
    expect(upload.params.chat_id).toBe(w.people.oscar.id);
    expect(last().caption).toBe("🏘 Riverside <Co-op> · /community to switch\nEarnings ledger of Riverside <Co-op>: 1 entries.");
    expect(last().files[0]!.filename).toMatch(new RegExp(`^ledger-${w.river.id}-\\d{8}\\.csv$`));

    // switching
    await h.send(command(w.people.oscar, chat, "community"));
    const switcher = last();
    expect(switcher.text).toBe("Commands you send me here act in Riverside <Co-op>. Switch to:");
    await h.send(callbackQuery(w.people.oscar, switcher, button(switcher, "Green Street Co-op")));
    expect(h.fake.message(w.people.oscar.id, switcher.message_id)!.text).toBe("✓ Green Street Co-op");
    expect(last().text).toBe("Done: commands you send me here act in Green Street Co-op now.");
    await h.send(command(w.people.oscar, chat, "ledger"));
    expect(last().text).toContain("🏘 Green Street Co-op · /community to switch");
    expect(last().text).toContain("Earnings ledger — Green Street Co-op (latest 0 of 0 entries)");

    // in a group, the group's community, whatever was chosen in private
    await h.send(command(w.people.oscar, w.groups.river, "ledger"));
    expect(h.fake.lastMessage(w.groups.river.id)!.text).toBe("📬 Sent to you privately.");
    expect(last().text).toContain("Earnings ledger — Riverside <Co-op>");
    expect(last().text).not.toContain("/community to switch");
  });

  it("/payout @member amount through the picker keeps its arguments and its confirmation", async () => {
    const w = await world();
    const chat = privateChat(w.people.oscar);
    await h.send(command(w.people.oscar, chat, "payout", "@lily_rec 1.50"));
    const picker = h.fake.lastMessage(w.people.oscar.id)!;
    expect(picker.text).toBe("You organize 2 communities. Which one is /payout for?");
    await h.send(callbackQuery(w.people.oscar, picker, button(picker, "Riverside <Co-op>")));
    const confirm = h.fake.lastMessage(w.people.oscar.id)!;
    expect(confirm.text).toContain("🏘 Riverside <Co-op> · /community to switch");
    expect(confirm.text).toContain("Pay ¥1.50 to Lily (Riverside <Co-op>)?");
    expect(await h.db.ledgerEntry.count({ where: { kind: "PAYOUT" } })).toBe(0); // nothing until confirmed
    await h.send(callbackQuery(w.people.oscar, confirm, button(confirm, /Confirm payout/)));
    const payouts = await h.db.ledgerEntry.findMany({ where: { kind: "PAYOUT" } });
    expect(payouts.map((p) => [p.communityId, p.recommenderId, p.amountFen, p.createdById])).toEqual([[w.river.id, w.m.lily.id, -150, w.m.oscar.id]]);

    // /earnings @member and /self_referral go to the remembered community too
    await h.send(command(w.people.oscar, chat, "earnings", "@lily_rec"));
    const earnings = h.fake.lastMessage(w.people.oscar.id)!;
    expect(earnings.text).toContain("🏘 Riverside <Co-op> · /community to switch");
    expect(earnings.text).toContain("Referral earnings of Lily — Riverside <Co-op>");
    expect(earnings.text).toContain("Balance: ¥2.20");
    await h.send(command(w.people.oscar, chat, "self_referral", "on"));
    expect(h.fake.lastMessage(w.people.oscar.id)!.text).toContain("Done: in buys opened from now on, orders recommenders place themselves earn commission too.");
    expect((await h.db.community.findUniqueOrThrow({ where: { id: w.river.id } })).selfReferralEarns).toBe(true);
    expect((await h.db.community.findUniqueOrThrow({ where: { id: w.green.id } })).selfReferralEarns).toBe(false);
  });

  it("a forged, stale or repeated press changes nothing and runs nothing, and is answered", async () => {
    const w = await world();
    const chat = privateChat(w.people.oscar);
    await h.send(command(w.people.oscar, chat, "payout", "@lily_rec 1"));
    const picker = h.fake.lastMessage(w.people.oscar.id)!;
    const riverside = button(picker, "Riverside <Co-op>");
    const nonce = riverside.split(":")[2]!;
    const pending = await state();
    expect(pending).toHaveLength(1);

    // Oscar forges a pick of Hilltop, which he doesn't organize
    const count = () => h.fake.messages(w.people.oscar.id).length;
    const shown = count();
    const forged = callbackQuery(w.people.oscar, picker, `cpick:${w.hill.id}:${nonce}`);
    await h.send(forged);
    expect(h.fake.callbackAnswer(forged.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." }); // not a button of the picker: the guard
    expect(count()).toBe(shown);
    expect(h.fake.message(w.people.oscar.id, picker.message_id)!.edits).toBe(0);
    expect(await state()).toEqual(pending);

    // Mallory, who organizes nothing, presses Oscar's button in her own chat (forged)
    await h.send(command(w.people.mallory, privateChat(w.people.mallory), "start"));
    const hers = h.fake.lastMessage(w.people.mallory.id)!;
    const mallorys = callbackQuery(w.people.mallory, hers, riverside);
    await h.send(mallorys);
    expect(h.fake.callbackAnswer(mallorys.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." }); // the guard
    expect(await state()).toEqual(pending);

    // a pick with a wrong nonce (an old picker) is no longer valid
    const old = callbackQuery(w.people.oscar, picker, `cpick:${w.river.id}:000000000000`);
    await h.send(old);
    expect(h.fake.callbackAnswer(old.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." }); // the guard
    expect(count()).toBe(shown);
    expect(await state()).toEqual(pending);

    // the real press runs the command once; the same press again (a double tap, a re-delivery) runs nothing
    // (both pressed before the bot's edit takes the buttons away)
    const again = callbackQuery(w.people.oscar, picker, riverside);
    await h.send(callbackQuery(w.people.oscar, picker, riverside), again);
    expect(h.fake.callbackAnswer(again.callback_query!.id)).toMatchObject({ text: "This choice is no longer valid. Send the command again." });
    expect(h.fake.messages(w.people.oscar.id).filter((m) => m.text?.includes("Pay ¥1.00 to Lily"))).toHaveLength(1);
    expect(await state()).toEqual([[`community-choice:${w.m.oscar.id}`, JSON.stringify({ communityId: w.river.id })]]);
  });

  it("a choice of a community the organizer no longer organizes is asked again", async () => {
    const w = await world();
    const chat = privateChat(w.people.oscar);
    await h.send(command(w.people.oscar, chat, "ledger"));
    let picker = h.fake.lastMessage(w.people.oscar.id)!;
    await h.send(callbackQuery(w.people.oscar, picker, button(picker, "Riverside <Co-op>")));
    await h.db.communityRole.deleteMany({ where: { communityId: w.river.id, memberId: w.m.oscar.id } });
    await fxOrganizer(h.db, w.hill.id, w.m.oscar.id);
    await h.send(command(w.people.oscar, chat, "ledger"));
    picker = h.fake.lastMessage(w.people.oscar.id)!;
    expect(buttonsOf(picker).map((b) => b.text)).toEqual(["Green Street Co-op", "Hilltop"]);
    // and the old picker's Riverside button is refused
    const stale = callbackQuery(w.people.oscar, picker, `cpick:${w.river.id}:${button(picker, "Hilltop").split(":")[2]}`);
    await h.send(stale);
    expect(h.fake.callbackAnswer(stale.callback_query!.id)).toMatchObject({ text: "This button is no longer valid." }); // the guard
  });

  it("an organizer of one community is never asked; members are refused; the group needs no choice", async () => {
    const w = await world();
    const chat = privateChat(w.people.ada);
    await h.send(command(w.people.ada, chat, "ledger"));
    const ledger = h.fake.lastMessage(w.people.ada.id)!;
    expect(ledger.text).toContain("Earnings ledger — Green Street Co-op");
    expect(ledger.text).not.toContain("/community to switch");
    expect(ledger.reply_markup).toBeUndefined();
    await h.send(command(w.people.ada, chat, "community"));
    expect(h.fake.lastMessage(w.people.ada.id)!.text).toBe("You organize one community, Green Street Co-op: commands you send me here act there.");

    for (const [name, args] of [["ledger", ""], ["export_ledger", ""], ["payout", "@lily_rec 1"], ["earnings", "@lily_rec"], ["self_referral", "on"], ["community", ""]] as const) {
      await h.send(command(w.people.mallory, privateChat(w.people.mallory), name, args));
      expect(h.fake.lastMessage(w.people.mallory.id)!.text, name).toBe("Only this community's organizers can use this command.");
    }
    expect(await state()).toEqual([]);
  });

  it("needs no choice where the command names its buy or lists every community; /help shows /community", async () => {
    const w = await world();
    const chat = privateChat(w.people.oscar);
    const buy = await h.db.groupBuy.findFirstOrThrow();
    await h.send(command(w.people.oscar, chat, "buys"));
    expect(h.fake.lastMessage(w.people.oscar.id)!.text).toMatch(new RegExp(`#${buy.id} Wild honey — .* · Riverside <Co-op>$`, "m"));
    await h.send(command(w.people.oscar, chat, "export", String(buy.id)));
    expect(h.fake.callsOf("sendDocument").at(-1)!.params.chat_id).toBe(w.people.oscar.id);
    await h.send(command(w.people.oscar, chat, "review"));
    expect(buttonsOf(h.fake.lastMessage(w.people.oscar.id)).some((b) => b.callback_data.startsWith("cpick:"))).toBe(false);
    expect(await state()).toEqual([]);

    await h.send(command(w.people.oscar, chat, "help"));
    const help = h.fake.lastMessage(w.people.oscar.id)!.text!;
    expect(help).toContain("/community — Choose the community your private commands act on");
    expect(help).toContain("/self_referral — ");
    await h.send(command(w.people.ada, w.groups.green, "help"));
    expect(h.fake.lastMessage(w.groups.green.id)!.text).not.toContain("/community");
  });
});
