import { afterEach, describe, expect, it } from "vitest";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { FakeTelegram } from "../fake-telegram/server";
import { command, privateChat, textMessage, user } from "../fake-telegram/updates";
import { BOT_USERNAME, TEST_TOKEN } from "../helpers/harness";
import { freshTestDatabase, type TestDatabase } from "../helpers/test-database";
import { parseConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { ManualClock } from "../../src/clock";
import { openDatabase } from "../../src/db/client";
import { createBot } from "../../src/bot/create-bot";
import { updatesInFlight } from "../../src/bot/middlewares/skip-duplicate-updates";
import { startApp, type RunningApp } from "../../src/app";
import { startWebhookServer, type WebhookServer } from "../../src/webhook";

// BOT_MODE=webhook, in process: Telegram (the fake) is told where to post,
// and the test posts updates the way Telegram would.

const SECRET = "s3cret-webhook-token_0123456789";
const WEBHOOK_URL = "https://coop.example/telegram/updates";

let fake: FakeTelegram | undefined;
let app: RunningApp | undefined;
let database: TestDatabase | undefined;
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await app?.stop();
  for (const cleanup of cleanups.reverse()) await cleanup();
  await fake?.stop();
  await database?.cleanup();
  app = fake = database = undefined;
  cleanups = [];
});

async function startWebhookApp(logs: string[] = [], transformers: Transformer[] = []) {
  fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME });
  database = await freshTestDatabase();
  const config = parseConfig({
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: await fake.start(),
    DATABASE_URL: database.url,
    BOT_MODE: "webhook",
    WEBHOOK_URL,
    WEBHOOK_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
  });
  const logger = createLogger(config.logLevel, { secrets: [TEST_TOKEN, SECRET], write: (l) => logs.push(l) });
  app = await startApp(config, logger, new ManualClock(), { botOptions: { transformers } });
  return `http://127.0.0.1:${app.port}`;
}

/** What Telegram does with an update: the fake learns it (ids, chats), then it is posted. */
function asTelegram(update: Update | Omit<Update, "update_id">): Update {
  return fake!.pushUpdate(update as Update);
}

function post(base: string, update: unknown, secret: string | null = SECRET, path = "/telegram/updates") {
  return fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret !== null ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: typeof update === "string" ? update : JSON.stringify(update),
  });
}

describe("webhook mode", () => {
  it("sets the webhook with the secret, answers posted updates, and refuses requests without the secret", async () => {
    const logs: string[] = [];
    const base = await startWebhookApp(logs);
    const [setWebhook] = fake!.callsOf("setWebhook");
    expect(setWebhook?.params).toMatchObject({
      url: WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "my_chat_member", "chat_member", "poll_answer", "poll"],
    });
    expect(fake!.callsOf("getUpdates")).toHaveLength(0); // no polling

    const alice = user({ language_code: "en" });
    const start = asTelegram(command(alice, privateChat(alice), "start"));
    expect((await post(base, start, null)).status).toBe(401);
    expect((await post(base, start, "wrong-secret-wrong-secret")).status).toBe(401);
    expect(fake!.messages(alice.id)).toHaveLength(0);

    const answered = await post(base, start);
    expect(answered.status).toBe(200);
    // the request ends when the update has been handled
    expect(fake!.messages(alice.id)).toHaveLength(1);
    expect(fake!.lastMessage(alice.id)!.text).toContain("Let's CO-OP!");

    // Telegram re-sends (e.g. our 200 was lost): skipped
    expect((await post(base, start)).status).toBe(200);
    expect(fake!.messages(alice.id)).toHaveLength(1);

    expect((await post(base, start, SECRET, "/elsewhere")).status).toBe(404);
    expect((await fetch(base + "/telegram/updates")).status).toBe(405);
    expect((await post(base, "{not json")).status).toBe(400);
    expect(logs.join("\n")).not.toContain(SECRET);
    fake!.assertNoRejections();
  });

  it("GET /healthz reports the database", async () => {
    const base = await startWebhookApp();
    const response = await fetch(base + "/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", db: "up" });
  });

  it("stops gracefully: the update in flight is finished, then the port is closed", async () => {
    const logs: string[] = [];
    let replying!: () => void;
    const replyStarted = new Promise<void>((resolve) => (replying = resolve));
    const signal: Transformer = (prev, method, payload, abort) => {
      if (method === "sendMessage") replying();
      return prev(method, payload, abort);
    };
    const base = await startWebhookApp(logs, [signal]);
    const bob = user({ language_code: "en" });
    fake!.failNext("sendMessage", { kind: "delay", ms: 300 });
    const request = post(base, asTelegram(command(bob, privateChat(bob), "start")));
    await replyStarted; // the handler is sending its reply, slowly
    const stopping = app!.stop();
    app = undefined;
    expect((await request).status).toBe(200);
    await stopping;
    expect(fake!.messages(bob.id)).toHaveLength(1);
    await expect(fetch(base + "/healthz")).rejects.toThrow();
    const order = logs.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(order.indexOf("update handled")).toBeLessThan(order.indexOf("stopped"));
  });
});

describe("webhook ordering", () => {
  it("handles one member's updates in the order they came, while another member's go ahead", async () => {
    const alice = user({ language_code: "en" });
    const bob = user({ language_code: "en" });
    // Alice's first reply is held until the test lets it go
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let first = true;
    const gate: Transformer = async (prev, method, payload, abort) => {
      if (method === "sendMessage" && (payload as { chat_id: number }).chat_id === alice.id && first) {
        first = false;
        holding();
        await released;
      }
      return prev(method, payload, abort);
    };
    const base = await startWebhookApp([], [gate]);
    const aliceStart = post(base, asTelegram(command(alice, privateChat(alice), "start")));
    await held; // her /start is being handled…
    const aliceHelp = post(base, asTelegram(command(alice, privateChat(alice), "help"))); // …when her /help comes in
    // Bob is not held up behind her
    expect((await post(base, asTelegram(command(bob, privateChat(bob), "start")))).status).toBe(200);
    expect(fake!.messages(bob.id)).toHaveLength(1);
    // Alice's /help waits for her /start
    expect(fake!.messages(alice.id)).toHaveLength(0);
    release();
    expect((await aliceStart).status).toBe(200);
    expect((await aliceHelp).status).toBe(200);
    const replies = fake!.messages(alice.id).map((m) => m.text ?? "");
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain("Let's CO-OP!");
    expect(replies[1]).not.toContain("Let's CO-OP!");
    fake!.assertNoRejections();
  });
});

describe("webhook timeouts", () => {
  it("answers 500 when handling outlasts the timeout, and the update Telegram sends again is not handled twice", async () => {
    fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME });
    database = await freshTestDatabase();
    const config = parseConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: await fake.start(), DATABASE_URL: database.url, LOG_LEVEL: "silent" });
    const opened = await openDatabase(database.url);
    cleanups.push(() => opened.close());
    const logger = createLogger("silent");
    const { bot, services } = createBot({ config, db: opened.db, clock: new ManualClock(), logger });
    await bot.init();
    const server: WebhookServer = await startWebhookServer({
      bot,
      secret: SECRET,
      path: "/hook",
      host: "127.0.0.1",
      port: 0,
      logger,
      health: async () => ({ ok: true }),
      updatesInFlight: () => updatesInFlight(services),
      timeoutMs: 150,
    });
    cleanups.push(() => server.stop());
    const base = `http://127.0.0.1:${server.port}`;

    const carol = user({ language_code: "en" });
    const update = asTelegram(textMessage(carol, privateChat(carol), "/start", { entities: [{ type: "bot_command", offset: 0, length: 6 }] }));
    fake.failNext("sendMessage", { kind: "delay", ms: 600 });
    const first = await post(base, update, SECRET, "/hook");
    expect(first.status).toBe(500); // Telegram will deliver it again
    // …and it does, while the first handling is still under way
    const again = await post(base, update, SECRET, "/hook");
    expect([200, 500]).toContain(again.status);
    await updatesInFlight(services);
    const third = await post(base, update, SECRET, "/hook");
    expect(third.status).toBe(200);
    expect(fake.messages(carol.id)).toHaveLength(1);
    fake.assertNoRejections();
  });
});
