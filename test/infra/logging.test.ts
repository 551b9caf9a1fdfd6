import { afterEach, describe, expect, it } from "vitest";
import { Bot, Composer, GrammyError } from "grammy";
import { createHarness, TEST_TOKEN, type Harness } from "../helpers/harness";
import { callbackQuery, command, myChatMember, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import { createLogger } from "../../src/logger";
import type { BotContext } from "../../src/bot/context";
import { attachServices } from "../../src/bot/middlewares/attach-services";
import { featureTagged } from "../../src/bot/middlewares/feature-tag";

// Logs are one JSON object a line, carry ids (update, chat, user) and never
// the bot token or what members wrote or are called.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Line = { t: string; level: string; msg: string; update_id?: number; chat_id?: number; user_id?: number; kind?: string; route?: string; feature?: string };

describe("logs at info level", () => {
  it("are JSON lines with update ids and chats, without the token, names or texts", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "info" }, organizerIds: [4242] });
    const member = user({ first_name: "Xiaoming-PRIVATE-NAME", last_name: "Wang-PRIVATE", username: "private_handle_77", language_code: "en" });
    const organizer = user({ id: 4242, first_name: "Organizer-PRIVATE", language_code: "en" });
    const chat = privateChat(member);
    const group = supergroup({ title: "Elm Street PRIVATE co-op" });
    await h.send(command(member, chat, "start", "p12345PRIVATE"));
    await h.send(textMessage(member, chat, "I live at 42 PRIVATE Street, call 555-0199"));
    await h.send(myChatMember(organizer, group, "left", "administrator"), textMessage(member, group, "hello PRIVATE group"));
    await h.send(command(member, chat, "language"));
    await h.send(callbackQuery(member, h.fake.lastMessage(member.id)!, "lang:zh"));

    expect(h.logs.length).toBeGreaterThan(5);
    const lines = h.logs.map((l) => JSON.parse(l) as Line);
    for (const line of lines) {
      expect(line.level).toMatch(/^(info|warn|error)$/);
      expect(typeof line.msg).toBe("string");
      expect(Number.isNaN(Date.parse(line.t))).toBe(false);
    }
    const all = h.logs.join("\n");
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain(TEST_TOKEN.split(":")[1]);
    expect(all).not.toMatch(/PRIVATE|private_handle|555-0199/);

    const handled = lines.filter((l) => l.msg === "update handled");
    expect(handled).toHaveLength(6);
    expect(handled[0]).toMatchObject({ level: "info", chat_id: member.id, user_id: member.id, kind: "message", route: "/start" });
    expect(handled.map((l) => l.route)).toEqual(["/start", undefined, undefined, undefined, "/language", "cb:lang"]);
    expect(new Set(handled.map((l) => l.update_id)).size).toBe(6);
    expect(lines.find((l) => l.msg === "community registered")).toMatchObject({ chat_id: group.id });
    h.fake.assertNoRejections();
  });
});

describe("the logger", () => {
  it("redacts secrets, their URL-encoded form and a token's secret part, and leaves out error payloads", () => {
    const lines: string[] = [];
    const webhookSecret = "webhook-secret-0123456789";
    const log = createLogger("debug", { secrets: [TEST_TOKEN, webhookSecret], write: (l) => lines.push(l) });
    const [, tokenSecret] = TEST_TOKEN.split(":");
    log.info("calls", { url: `https://api.telegram.org/bot${TEST_TOKEN}/getMe`, encoded: encodeURIComponent(TEST_TOKEN), part: tokenSecret, header: webhookSecret });
    const error = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 400, description: "Bad Request" }, "sendMessage", {
      chat_id: 1,
      text: "a member's PRIVATE words",
    });
    log.child({ update_id: 7 }).error("handler failed", { error, big: 2n ** 70n });
    expect(lines.join("\n")).not.toContain(tokenSecret);
    expect(lines.join("\n")).not.toContain(webhookSecret);
    expect(lines[0]).toContain("[redacted]");
    const failure = JSON.parse(lines[1]!) as { update_id: number; big: string; error: { name: string; code: number; message: string } };
    expect(failure).toMatchObject({ update_id: 7, big: (2n ** 70n).toString(), error: { name: "GrammyError", code: 400 } });
    expect(lines[1]).not.toContain("PRIVATE");
  });

  it("below its level writes nothing", () => {
    const lines: string[] = [];
    const log = createLogger("warn", { write: (l) => lines.push(l) });
    log.info("quiet");
    log.debug("quieter");
    log.warn("heard");
    expect(lines.map((l) => (JSON.parse(l) as Line).msg)).toEqual(["heard"]);
  });
});

describe("featureTagged", () => {
  it("names the feature that handled an update, on its lines and on the update's line", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "info" } });
    const bot = new Bot<BotContext>(TEST_TOKEN, { botInfo: h.bot.botInfo, client: { apiRoot: h.fake.apiRoot } });
    bot.use(attachServices(h.services));
    const pantry = new Composer<BotContext>();
    pantry.command("pantry", (ctx) => ctx.log.info("pantry listed"));
    const orders = new Composer<BotContext>();
    orders.command("orders", (ctx) => ctx.log.info("orders listed"));
    bot.use(featureTagged("pantry", pantry), featureTagged("orders", orders));

    const gus = user();
    let id = 9000;
    for (const name of ["orders", "pantry", "nothing"]) await bot.handleUpdate({ ...command(gus, privateChat(gus), name), update_id: ++id });
    const lines = h.logs.map((l) => JSON.parse(l) as Line).filter((l) => l.user_id === gus.id);
    expect(lines.map((l) => [l.msg, l.feature])).toEqual([
      ["orders listed", "orders"],
      ["update handled", "orders"],
      ["pantry listed", "pantry"],
      ["update handled", "pantry"],
      ["update handled", undefined],
    ]);
  });
});
