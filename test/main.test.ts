import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram/server";
import { command, privateChat, user } from "./fake-telegram/updates";
import { TEST_TOKEN } from "./helpers/harness";
import { spawnStart } from "./helpers/bot-process";

// These run the real entry point, `npm start`'s command, as a child process.

type Run = { code: number | null; stderr: string; stdout: string };

function runMain(env: Record<string, string>, cwd: string, until?: (stderr: string) => boolean): { done: Promise<Run>; kill: (signal?: NodeJS.Signals) => void } {
  // exactly what `npm start` runs, from another working directory
  const child = spawnStart(env, cwd, "pipe");
  let stderr = "";
  let stdout = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => {
    stderr += d;
    if (until?.(stderr)) child.kill("SIGTERM");
  });
  const done = new Promise<Run>((resolve) => child.on("exit", (code) => resolve({ code, stderr, stdout })));
  return { done, kill: (signal = "SIGTERM") => child.kill(signal) };
}

let dir: string;
let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("without BOT_TOKEN explains how to get one and exits 1", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-main-"));
    const { code, stderr } = await runMain({}, dir).done;
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("@BotFather");
    expect(lines[1]).toContain("npm run demo");
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("with a malformed BOT_TOKEN says what it should look like, in one line", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-main-"));
    const { code, stderr } = await runMain({ BOT_TOKEN: "not-a-token" }, dir).done;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("Configuration error: BOT_TOKEN should look like 123456789:AAE… (the token from @BotFather)");
  });

  it("with a malformed DATABASE_URL prints one line naming it and exits 1", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-main-"));
    const { code, stderr } = await runMain({ BOT_TOKEN: TEST_TOKEN, DATABASE_URL: "mysql://nope" }, dir).done;
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("DATABASE_URL");
  });

  it("with an unreachable database prints one line and exits 1", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-main-"));
    const { code, stderr } = await runMain({ BOT_TOKEN: TEST_TOKEN, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nope" }, dir).done;
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("DATABASE_URL");
  });

  it("with a malformed variable names it", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-main-"));
    const { code, stderr } = await runMain({ BOT_TOKEN: TEST_TOKEN, TIMEZONE: "Mars/Olympus" }, dir).done;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("Configuration error: TIMEZONE should be an IANA time zone such as Asia/Shanghai");
  });

  it("creates the SQLite database, answers /start in zh and en, and shuts down on SIGTERM", async () => {
    dir = mkdtempSync(join(tmpdir(), "letscoop-main-"));
    fake = new FakeTelegram({ token: TEST_TOKEN });
    const apiRoot = await fake.start();
    const run = runMain({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, LOG_LEVEL: "info" }, dir);
    const zh = user({ language_code: "zh" });
    const en = user({ language_code: "en" });
    // queued before the bot polls: it picks them up on its first getUpdates
    fake.pushUpdate(command(zh, privateChat(zh), "start"));
    fake.pushUpdate(command(en, privateChat(en), "start"));
    await fake.waitFor((call) => call.method === "sendMessage" && call.params.chat_id === en.id, 30_000);
    await fake.waitFor((call) => call.method === "sendMessage" && call.params.chat_id === zh.id, 10_000);
    expect(fake.lastMessage(zh.id)!.text).toContain("来！合作社");
    expect(fake.lastMessage(en.id)!.text).toContain("Let's CO-OP!");
    expect(fake.callsOf("setMyCommands").length).toBeGreaterThanOrEqual(6);
    run.kill("SIGTERM");
    const { code, stderr } = await run.done;
    expect(code).toBe(0);
    expect(stderr).toContain('"msg":"stopped"');
    expect(stderr).not.toContain(TEST_TOKEN);
    const { existsSync } = await import("node:fs");
    expect(existsSync(join(dir, "data", "letscoop.db"))).toBe(true);
    fake.assertNoRejections();
  });
});
