import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { BOT_USERNAME, TEST_TOKEN } from "../helpers/harness";
import { freshTestDatabase, type TestDatabase } from "../helpers/test-database";
import { parseConfig, ConfigError } from "../../src/config";
import { createLogger } from "../../src/logger";
import { ManualClock } from "../../src/clock";
import { startApp, type RunningApp } from "../../src/app";
import { openDatabase } from "../../src/db/client";

// The pages are served by the app itself: beside the webhook on its port, or
// in polling mode on WEB_PORT; either stops with the bot.

let fake: FakeTelegram | undefined;
let app: RunningApp | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.stop();
  await database?.cleanup();
  app = fake = database = undefined;
});

async function start(env: Record<string, string>) {
  fake = new FakeTelegram({ token: TEST_TOKEN, botUsername: BOT_USERNAME });
  database = await freshTestDatabase();
  const config = parseConfig({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: await fake.start(), DATABASE_URL: database.url, LOG_LEVEL: "silent", ...env });
  app = await startApp(config, createLogger("silent"), new ManualClock());
  // a community whose page is on, written as the bot would have it
  const opened = await openDatabase(database.url);
  const community = await opened.db.community.create({ data: { telegramChatId: -1001234, title: "Green Street Co-op", status: "APPROVED", active: true, publicPage: true } });
  await opened.close();
  return community.id;
}

describe("the web pages' servers", () => {
  it("polling with WEB_PORT: a small server serves the page and /healthz, and is closed by the stop", async () => {
    const id = await start({ WEB_PORT: "0", HOST: "127.0.0.1" });
    expect(app!.webPort).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${app!.webPort}`;
    const page = await fetch(`${base}/c/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Green Street Co-op");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    await app!.stop();
    app = undefined;
    await expect(fetch(`${base}/c/${id}`)).rejects.toThrow();
  });

  it("polling without WEB_PORT: no server", async () => {
    await start({});
    expect(app!.webPort).toBeUndefined();
  });

  it("webhook mode: the pages beside the webhook, on its port", async () => {
    const id = await start({ BOT_MODE: "webhook", WEBHOOK_URL: "https://coop.example/telegram/updates", WEBHOOK_SECRET: "s3cret-webhook-token_0123456789", PORT: "0", HOST: "127.0.0.1" });
    const base = `http://127.0.0.1:${app!.port}`;
    const page = await fetch(`${base}/c/${id}?lang=en`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Green Street Co-op: open books");
    expect((await fetch(`${base}/c/999`)).status).toBe(404);
    expect((await fetch(`${base}/telegram/updates`)).status).toBe(405); // the webhook's own path is still its own
  });
});

describe("the web pages' configuration", () => {
  it("takes WEB_PORT and PUBLIC_BASE_URL, and says what is wrong with them", () => {
    const config = parseConfig({ BOT_TOKEN: TEST_TOKEN, WEB_PORT: "8081", PUBLIC_BASE_URL: "https://coop.example/" });
    expect(config.mode).toEqual({ kind: "polling", web: { port: 8081, host: "0.0.0.0" } });
    expect(config.publicBaseUrl).toBe("https://coop.example");
    expect(parseConfig({ BOT_TOKEN: TEST_TOKEN }).publicBaseUrl).toBeUndefined();
    const bad = (env: Record<string, string>) => {
      try {
        parseConfig({ BOT_TOKEN: TEST_TOKEN, ...env });
      } catch (error) {
        return (error as ConfigError).variable;
      }
      return undefined;
    };
    expect(bad({ WEB_PORT: "http" })).toBe("WEB_PORT");
    expect(bad({ PUBLIC_BASE_URL: "coop.example" })).toBe("PUBLIC_BASE_URL");
    expect(bad({ PUBLIC_BASE_URL: "ftp://coop.example" })).toBe("PUBLIC_BASE_URL");
  });
});
