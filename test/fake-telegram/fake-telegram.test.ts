import { afterEach, describe, expect, it } from "vitest";
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import { FakeTelegram, type FakeTelegramOptions } from "./server";
import { UploadedFile } from "./types";
import * as u from "./updates";

const TOKEN = "123456789:AAfakeTokenForTheFakeItself_0123456789";
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: FakeTelegramOptions = {}) {
  const fake = new FakeTelegram({ token: TOKEN, botUsername: "fake_test_bot", ...options });
  const apiRoot = await fake.start();
  cleanups.push(() => fake.stop());
  const bot = new Bot(options.token ?? TOKEN, { client: { apiRoot } });
  return { fake, bot, api: bot.api };
}

async function startPolling(bot: Bot) {
  bot.catch((err) => {
    throw err.error;
  });
  void bot.start({ timeout: 1 });
  cleanups.push(() => bot.stop());
  while (!bot.isInited()) await new Promise((r) => setTimeout(r, 5));
}

async function rejection(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

const alice = u.user({ id: 1001, first_name: "Alice", username: "alice" });
const aliceChat = u.privateChat(alice);

describe("getMe and routing", () => {
  it("answers getMe with the configured bot", async () => {
    const { bot, fake } = await setup();
    await bot.init();
    expect(bot.botInfo.username).toBe("fake_test_bot");
    expect(bot.botInfo.id).toBe(123456789);
    fake.assertNoRejections();
  });

  it("answers 401 for a wrong token and 404 for unknown methods", async () => {
    const { fake } = await setup();
    const other = new Bot("999:wrong", { client: { apiRoot: fake.apiRoot } });
    const unauthorized = await rejection(other.api.getMe());
    expect(unauthorized.error_code).toBe(401);
    expect(unauthorized.description).toBe("Unauthorized");
    const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
    const raw = bot.api.raw as unknown as Record<string, (payload: object) => Promise<unknown>>;
    const notFound = await rejection(raw.sendTeleportation!({}));
    expect(notFound.error_code).toBe(404);
    expect(fake.rejected.map((c) => c.response.error_code)).toEqual([401, 404]);
    expect(() => fake.assertNoRejections()).toThrow(/rejected 2 call/);
  });
});

describe("long polling", () => {
  it("delivers pushed updates in order and confirms them via offsets", async () => {
    const { bot, fake } = await setup();
    const seen: string[] = [];
    bot.on("message:text", (ctx) => {
      seen.push(ctx.msg.text);
    });
    await startPolling(bot);
    for (const text of ["one", "two", "three"]) fake.pushUpdate(u.textMessage(alice, aliceChat, text));
    await fake.settle();
    expect(seen).toEqual(["one", "two", "three"]);
    expect(fake.pendingUpdates()).toEqual([]);
    const offsets = fake.callsOf("getUpdates").map((c) => Number(c.params.offset ?? 0));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    const t0 = Date.now();
    await bot.stop();
    expect(Date.now() - t0).toBeLessThan(500);
    fake.assertNoRejections();
  });

  it("honours offset, limit and timeout", async () => {
    const { api, fake } = await setup();
    const [a, b, c] = [1, 2, 3].map((i) => fake.pushUpdate(u.textMessage(alice, aliceChat, `m${i}`)));
    expect((await api.getUpdates({ limit: 2 })).map((x) => x.update_id)).toEqual([a!.update_id, b!.update_id]);
    expect((await api.getUpdates({ offset: b!.update_id + 1 })).map((x) => x.update_id)).toEqual([c!.update_id]);
    expect(fake.pendingUpdates()).toHaveLength(1);
    await api.getUpdates({ offset: c!.update_id + 1 });
    await fake.waitUntilConsumed(c!.update_id);
    // a long poll is held until an update arrives
    const t0 = Date.now();
    const held = api.getUpdates({ offset: c!.update_id + 1, timeout: 5 });
    setTimeout(() => fake.pushUpdate(u.textMessage(alice, aliceChat, "late")), 100);
    const late = await held;
    expect(late.map((x) => x.message?.text)).toEqual(["late"]);
    expect(Date.now() - t0).toBeLessThan(2000);
    // ... or until the timeout elapses
    const t1 = Date.now();
    expect(await api.getUpdates({ offset: late[0]!.update_id + 1, timeout: 1 })).toEqual([]);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(900);
  });

  it("filters updates by allowed_updates and warns about it", async () => {
    const { api, fake } = await setup();
    await api.getUpdates({ allowed_updates: ["message"] });
    const msg = await api.sendMessage(aliceChat.id, "pick", { reply_markup: new InlineKeyboard().text("a", "a") });
    const dropped = fake.pushUpdate(u.callbackQuery(alice, msg, "a"));
    expect(fake.pendingUpdates()).toEqual([]);
    await fake.waitUntilConsumed(dropped.update_id);
    expect(fake.warnings.join("\n")).toMatch(/callback_query.*not in allowed_updates/);
  });

  it("terminates a held poll with 409 when another getUpdates arrives", async () => {
    const { api } = await setup();
    const first = rejection(api.getUpdates({ timeout: 5 }));
    await new Promise((r) => setTimeout(r, 50));
    await api.getUpdates({ timeout: 0 });
    expect((await first).error_code).toBe(409);
  });
});

describe("validation", () => {
  it("rejects invalid HTML, too long texts, long callback data and identical edits", async () => {
    const { api, fake } = await setup();
    const cases: [Promise<unknown>, RegExp][] = [
      [api.sendMessage(1001, "a < b", { parse_mode: "HTML" }), /can't parse entities: Unsupported start tag "" at byte offset 2/],
      [api.sendMessage(1001, "<b>bold", { parse_mode: "HTML" }), /Can't find end tag corresponding to start tag "b"/],
      [api.sendMessage(1001, "<b><i>x</b></i>", { parse_mode: "HTML" }), /Unmatched end tag at byte offset 7, expected "<\/i>", found "<\/b>"/],
      [api.sendMessage(1001, "Tom & Jerry", { parse_mode: "HTML" }), /can't parse entities: Character '&'/],
      [api.sendMessage(1001, "<div>x</div>", { parse_mode: "HTML" }), /Unsupported start tag "div"/],
      [api.sendMessage(1001, "x".repeat(4097)), /message is too long/],
      [api.sendMessage(1001, "   "), /message text is empty/],
      [api.sendMessage(1001, "hi", { reply_markup: new InlineKeyboard().text("é", "é".repeat(33)) }), /BUTTON_DATA_INVALID/],
      [api.sendMessage(1001, "hi", { reply_markup: { inline_keyboard: [[{ text: "x" } as never]] } }), /Text buttons are unallowed/],
      [api.editMessageText(1001, 999, "nope"), /message to edit not found/],
    ];
    for (const [promise, pattern] of cases) {
      const error = await rejection(promise);
      expect(error.error_code).toBe(400);
      expect(error.description).toMatch(pattern);
    }
    // the limit counts the text after parsing, in UTF-16 code units
    const ok = await api.sendMessage(1001, `<b>${"x".repeat(4095)}</b>&amp;`, { parse_mode: "HTML" });
    expect(ok.text).toHaveLength(4096);
    expect(ok.entities).toEqual([{ type: "bold", offset: 0, length: 4095 }]);
    expect((await rejection(api.sendMessage(1001, "😀".repeat(2049)))).description).toMatch(/too long/);
    // 64 bytes is fine
    const kb = new InlineKeyboard().text("ok", "é".repeat(32));
    const sent = await api.sendMessage(1001, "<i>menu</i>", { parse_mode: "HTML", reply_markup: kb });
    const same = await rejection(api.editMessageText(1001, sent.message_id, "<i>menu</i>", { parse_mode: "HTML", reply_markup: kb }));
    expect(same.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message",
    );
    // dropping the keyboard is a modification
    await api.editMessageText(1001, sent.message_id, "<i>menu</i>", { parse_mode: "HTML" });
    expect(fake.lastMessage(1001)?.reply_markup).toBeUndefined();
    expect(fake.rejected).toHaveLength(cases.length + 2);
    expect(() => fake.assertNoRejections()).toThrow(/BUTTON_DATA_INVALID/);
    fake.assertNoRejections({ ignore: () => true });
  });

  it("checks required parameters and types from the spec", async () => {
    const { api, fake } = await setup();
    expect((await rejection(api.raw.sendMessage({ chat_id: 1 } as never))).description).toBe("Bad Request: message text is empty");
    expect((await rejection(api.raw.getChatMember({ chat_id: -100 } as never))).description).toBe("Bad Request: user_id is required");
    expect((await rejection(api.raw.sendMessage({ chat_id: 1, text: "x", message_thread_id: "abc" } as never))).description).toMatch(/message_thread_id/);
    expect((await rejection(api.setMyCommands([{ command: "Bad-Command", description: "x" }]))).description).toMatch(/BOT_COMMAND_INVALID/);
    await api.raw.sendMessage({ chat_id: 1, text: "x", colour: "red" } as never);
    expect(fake.warnings).toContain('sendMessage: unknown parameter "colour"');
  });
});

describe("message state", () => {
  it("tracks what the user sees through sends, callbacks and edits", async () => {
    const { bot, fake } = await setup();
    bot.command("start", (ctx) =>
      ctx.reply(`Hello, <b>${ctx.match || "you"}</b>`, { parse_mode: "HTML", reply_markup: new InlineKeyboard().text("Go", "go") }),
    );
    bot.callbackQuery("go", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Going" });
      await ctx.editMessageText("Gone");
    });
    await startPolling(bot);
    fake.pushUpdate(u.command(alice, aliceChat, "start", "friend", { botUsername: "fake_test_bot" }));
    await fake.settle();
    const menu = fake.lastMessage(aliceChat.id)!;
    expect(menu.text).toBe("Hello, friend");
    expect(menu.source).toBe("Hello, <b>friend</b>");
    expect(menu.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ text: "Go", callback_data: "go" });
    // the bot's reply follows the user's /start in the chat's message sequence
    expect(menu.message_id).toBe(fake.messages(aliceChat.id, { includeIncoming: true })[0]!.message_id + 1);
    const press = fake.pushUpdate(u.callbackQuery(alice, menu, "go"));
    await fake.settle();
    expect(fake.lastMessage(aliceChat.id)).toMatchObject({ text: "Gone", edits: 1, message_id: menu.message_id });
    expect(fake.lastMessage(aliceChat.id)?.reply_markup).toBeUndefined();
    expect(fake.callbackAnswer(press.callback_query!.id)).toMatchObject({ text: "Going" });
    fake.assertNoRejections();
  });

  it("captures multipart uploads with their bytes and serves them back", async () => {
    const { api, fake } = await setup();
    const csv = Buffer.from("name,qty\nflour,3\n");
    const msg = await api.sendDocument(-1001234567890, new InputFile(csv, "orders march.csv"), {
      caption: "<b>Orders</b> for march",
      parse_mode: "HTML",
    });
    expect(msg.document).toMatchObject({ file_name: "orders march.csv", mime_type: "text/csv", file_size: csv.length });
    expect(msg.caption).toBe("Orders for march");
    const seen = fake.lastMessage(-1001234567890)!;
    expect(seen.files[0]?.bytes?.equals(csv)).toBe(true);
    const upload = fake.callsOf("sendDocument")[0]!.params.document as UploadedFile;
    expect(upload).toBeInstanceOf(UploadedFile);
    expect(upload.filename).toBe("orders march.csv");
    expect(upload.text()).toBe(csv.toString());
    const file = await api.getFile(msg.document!.file_id);
    const res = await fetch(`${fake.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(csv)).toBe(true);

    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const album = await api.sendMediaGroup(1001, [
      { type: "photo", media: new InputFile(png, "a.png"), caption: "first" },
      { type: "photo", media: new InputFile(png, "b.png") },
    ]);
    const [first, second] = album as Message[];
    expect(album).toHaveLength(2);
    expect(first!.media_group_id).toBe(second!.media_group_id);
    expect(first!.photo?.length).toBeGreaterThan(1);
    expect((await rejection(api.sendPhoto(1001, new InputFile(csv, "x.jpg")))).description).toMatch(/IMAGE_PROCESS_FAILED/);
  });

  it("editMessageMedia replaces the photo and its caption (a text message too), checked like the other methods", async () => {
    const { api, fake } = await setup();
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const other = Buffer.from("89504e470d0a1a0a0000000d4948445201", "hex");
    const sent = await api.sendPhoto(1001, new InputFile(png, "a.png"), { caption: "<b>old</b>", parse_mode: "HTML" });
    const edited = (await api.editMessageMedia(1001, sent.message_id, { type: "photo", media: new InputFile(other, "b.png"), caption: "<i>new</i>", parse_mode: "HTML" })) as Message;
    expect(edited.caption).toBe("new");
    expect(edited.caption_entities).toEqual([{ type: "italic", offset: 0, length: 3 }]);
    expect(edited.photo!.at(-1)!.file_id).not.toBe(sent.photo!.at(-1)!.file_id);
    expect(fake.lastMessage(1001)).toMatchObject({ edits: 1, source: "<i>new</i>" });
    expect(fake.lastMessage(1001)!.files[0]!.bytes!.equals(other)).toBe(true);
    // the same file and caption again: not modified; no caption: the caption goes
    const same = edited.photo!.at(-1)!.file_id;
    expect((await rejection(api.editMessageMedia(1001, sent.message_id, { type: "photo", media: same, caption: "<i>new</i>", parse_mode: "HTML" }))).description).toMatch(/not modified/);
    const bare = (await api.editMessageMedia(1001, sent.message_id, { type: "photo", media: same })) as Message;
    expect(bare.caption).toBeUndefined();
    // a text message takes a media in place of its text
    const text = await api.sendMessage(1001, "just text");
    const upgraded = (await api.editMessageMedia(1001, text.message_id, { type: "photo", media: new InputFile(png, "c.png"), caption: "now a photo" })) as Message;
    expect(upgraded).toMatchObject({ caption: "now a photo" });
    expect(upgraded.text).toBeUndefined();
    expect((await rejection(api.editMessageMedia(1001, 999, { type: "photo", media: same }))).description).toMatch(/message to edit not found/);
    expect((await rejection(api.editMessageMedia(1001, sent.message_id, { type: "photo", media: new InputFile(Buffer.from("x"), "x.jpg") }))).description).toMatch(/IMAGE_PROCESS_FAILED/);
    const long = "x".repeat(1025);
    expect((await rejection(api.editMessageMedia(1001, sent.message_id, { type: "photo", media: same, caption: long }))).description).toMatch(/caption is too long/);
  });

  it("answers 403 in blocked chats and after the bot was removed", async () => {
    const { api, fake } = await setup();
    fake.blockChat(1001);
    const blocked = await rejection(api.sendMessage(1001, "hi"));
    expect(blocked.error_code).toBe(403);
    expect(blocked.description).toBe("Forbidden: bot was blocked by the user");
    const group = u.supergroup({ title: "Co-op" });
    fake.pushUpdate(u.myChatMember(alice, group, "administrator", "kicked"));
    expect((await rejection(api.sendMessage(group.id, "hi"))).description).toBe("Forbidden: bot was kicked from the supergroup chat");
    fake.assertNoRejections(); // scenario errors are not validation rejections
  });

  it("learns files from pushed updates and waits for calls", async () => {
    const { bot, fake } = await setup();
    bot.on("message:photo", async (ctx) => {
      const file = await ctx.getFile();
      await ctx.reply(`got ${file.file_path}`);
    });
    await startPolling(bot);
    const since = fake.mark();
    const photo = fake.pushUpdate(u.photoMessage(alice, aliceChat, { caption: "receipt" }));
    const largest = photo.message!.photo!.at(-1)!;
    fake.setFileContent(largest.file_id, Buffer.from("jpeg bytes"), "receipt.jpg");
    const reply = await fake.waitFor((c) => c.method === "sendMessage", 5000, since);
    expect(reply.response.ok).toBe(true);
    expect(String(reply.params.text)).toMatch(/^got documents\/file_.*\.jpg$/);
    await fake.settle();
    fake.assertNoRejections();
  });

  it("reports chat members", async () => {
    const { api, fake } = await setup();
    const group = u.supergroup();
    fake.setChatMember(group.id, alice.id, "creator", alice);
    expect(await api.getChatMember(group.id, alice.id)).toMatchObject({ status: "creator", user: { first_name: "Alice" } });
    expect((await api.getChatMember(group.id, 5)).status).toBe("member");
    const admins = await api.getChatAdministrators(group.id);
    expect(admins.map((m) => m.status).sort()).toEqual(["administrator", "creator"]);
    expect(admins.find((m) => m.status === "administrator")?.user.id).toBe(123456789);
  });
});

describe("faults and limits", () => {
  it("injects 429s, dropped connections and delays", async () => {
    const { api, fake } = await setup();
    fake.failNext("sendMessage", { kind: "error", error_code: 429, retry_after: 3 });
    const limited = await rejection(api.sendMessage(1001, "a"));
    expect(limited.error_code).toBe(429);
    expect(limited.parameters.retry_after).toBe(3);
    expect(limited.description).toBe("Too Many Requests: retry after 3");

    fake.failNext("*", { kind: "drop" });
    await expect(api.sendMessage(1001, "lost")).rejects.toBeInstanceOf(HttpError);
    expect(fake.messages(1001)).toHaveLength(0);
    fake.failNext("sendMessage", { kind: "drop", after: true });
    await expect(api.sendMessage(1001, "sent, answer lost")).rejects.toBeInstanceOf(HttpError);
    expect(fake.lastMessage(1001)?.text).toBe("sent, answer lost");

    fake.failNext("sendMessage", { kind: "delay", ms: 200 });
    const t0 = Date.now();
    await api.sendMessage(1001, "slow");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(fake.rejected).toEqual([]);
  });

  it("enforces Telegram's rate limits when asked to", async () => {
    const { api, fake } = await setup({ rateLimits: true });
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => api.sendMessage(1001, `m${i}`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const error = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as GrammyError;
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBeGreaterThanOrEqual(1);

    const group = -1009999;
    for (let i = 0; i < 20; i++) await api.sendMessage(group, `g${i}`);
    const groupError = await rejection(api.sendMessage(group, "one too many"));
    expect(groupError.parameters.retry_after).toBeGreaterThan(50);

    const spread = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => api.sendMessage(5000 + i, "hi")));
    expect(spread.filter((r) => r.status === "rejected").length).toBeGreaterThan(0);
    expect(fake.tooManyRequestsCount).toBeGreaterThanOrEqual(3);
    fake.assertNoRejections();
  });

  it("lets paid broadcasts go at 1,000 a second (0.1 Star each), and answers 429 past that", async () => {
    const now = 1_800_000_000_000; // a clock that stands still: every send falls in one second
    const { api, fake } = await setup({ rateLimits: true, now: () => now });
    const paid = { allow_paid_broadcast: true } as const;
    // each chat's own limit still holds for paid sends (3 at once, then 1 a second)
    for (let i = 0; i < 3; i++) await api.sendMessage(19_999, `m${i}`, paid);
    expect((await rejection(api.sendMessage(19_999, "m3", paid))).error_code).toBe(429);
    // 96 paid sends at once: past the free 30 a second, within the paid 1,000
    const first = await Promise.allSettled(Array.from({ length: 96 }, (_, i) => api.sendMessage(20_000 + i, "hi", paid)));
    expect(first.filter((r) => r.status === "rejected")).toEqual([]);
    // the free limit is its own: 30 free ones still go in the same second, the 31st does not
    for (let i = 0; i < 30; i++) await api.sendMessage(30_000 + i, "free");
    expect((await rejection(api.sendMessage(30_100, "one too many"))).error_code).toBe(429);
    // a paid photo too (multipart: the flag arrives as text)
    await api.sendPhoto(20_500, new InputFile(Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "p.png"), paid);
    for (let i = 0; i < 900; i++) await api.sendMessage(21_000 + i, "hi", paid);
    const over = await rejection(api.sendMessage(22_000, "the 1,001st", paid));
    expect(over.error_code).toBe(429);
    expect(over.parameters.retry_after).toBe(1);
    expect(fake.paidMessages).toBe(1_000);
    expect(fake.starsSpent).toBe(100);
    expect(fake.tooManyRequestsCount).toBe(3);
    expect(fake.callsOf("sendPhoto")[0]!.params.allow_paid_broadcast).toBe(true);
    fake.assertNoRejections();
  });
});

describe("polls", () => {
  it("sends and stops polls as the spec says, and turns answers into poll_answer and poll updates", async () => {
    let now = 1_800_000_000_000;
    const { fake, api } = await setup({ now: () => now });
    const group = u.supergroup({ title: "Co-op" });
    const ann = u.user({ first_name: "Ann" });
    fake.pushUpdate(u.textMessage(ann, group, "hi"));
    const opts = [{ text: "Yes" }, { text: "No" }, { text: "Maybe" }];

    expect((await rejection(api.sendPoll(group.id, "", opts))).description).toContain("POLL_QUESTION_INVALID");
    expect((await rejection(api.sendPoll(group.id, "q".repeat(301), opts))).description).toContain("POLL_QUESTION_INVALID");
    expect((await rejection(api.sendPoll(group.id, "Q?", []))).description).toContain("POLL_ANSWERS_INVALID");
    expect((await rejection(api.sendPoll(group.id, "Q?", Array.from({ length: 13 }, (_, i) => ({ text: `o${i}` }))))).description).toContain("POLL_ANSWERS_TOO_MUCH");
    expect((await rejection(api.sendPoll(group.id, "Q?", [{ text: "x".repeat(101) }]))).description).toContain("POLL_ANSWER_INVALID");
    expect((await rejection(api.sendPoll(group.id, "Q?", opts, { open_period: 3 }))).description).toContain("open_period");
    expect((await rejection(api.sendPoll(group.id, "Q?", opts, { open_period: 60, close_date: now / 1000 + 60 }))).description).toContain("together");
    expect(fake.rejected).toHaveLength(7);
    fake.rejected.length = 0;

    const sent = await api.sendPoll(group.id, "Stock it?", opts, { is_anonymous: false, open_period: 600 });
    const poll = sent.poll!;
    expect(poll).toMatchObject({ question: "Stock it?", is_anonymous: false, is_closed: false, allows_multiple_answers: false, total_voter_count: 0 });
    expect(poll.options.map((o) => o.text)).toEqual(["Yes", "No", "Maybe"]);
    expect(poll.close_date).toBe(now / 1000 + 600);
    expect(fake.lastMessage(group.id)?.poll?.id).toBe(poll.id);

    const bob = u.user({ first_name: "Bob" });
    const [answer, state] = fake.answerPoll(ann, poll.id, [0]);
    expect(answer!.poll_answer).toMatchObject({ poll_id: poll.id, user: { id: ann.id }, option_ids: [0] });
    expect(state!.poll?.options[0]?.voter_count).toBe(1);
    fake.answerPoll(bob, poll.id, [1]);
    // a revote replaces the answer; a retraction is an empty option_ids
    expect(fake.answerPoll(ann, poll.id, [2])[0]!.poll_answer?.option_ids).toEqual([2]);
    expect(fake.answerPoll(bob, poll.id, [])[0]!.poll_answer?.option_ids).toEqual([]);
    expect(() => fake.answerPoll(bob, poll.id, [])).toThrow(/retract/);
    expect(() => fake.answerPoll(bob, poll.id, [0, 1])).toThrow(/one option/);
    expect(() => fake.answerPoll(bob, poll.id, [3])).toThrow(/not the poll's/);
    expect(fake.poll(poll.id)).toMatchObject({ total_voter_count: 1, options: [{ voter_count: 0 }, { voter_count: 0 }, { voter_count: 1 }] });

    const stopped = await api.stopPoll(group.id, sent.message_id);
    expect(stopped).toMatchObject({ id: poll.id, is_closed: true, total_voter_count: 1 });
    expect(fake.pendingUpdates().at(-1)?.poll?.is_closed).toBe(true);
    expect((await rejection(api.stopPoll(group.id, sent.message_id))).description).toContain("already been closed");
    expect(() => fake.answerPoll(bob, poll.id, [0])).toThrow(/closed/);
    fake.rejected.length = 0;

    // an anonymous poll's answers change its counts only; a poll past its close_date is closed
    const anonymous = (await api.sendPoll(group.id, "Anon?", opts, { open_period: 60 })).poll!;
    expect(fake.answerPoll(ann, anonymous.id, [0]).map((x) => Object.keys(x).find((k) => k !== "update_id"))).toEqual(["poll"]);
    now += 61_000;
    expect(() => fake.answerPoll(bob, anonymous.id, [1])).toThrow(/closed/);
    fake.assertNoRejections();
  });
});
