import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { callbackQuery, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { TEST_TOKEN } from "../helpers/harness";
import { START_COMMAND, until } from "../helpers/bot-process";
import { fxBuy, fxCommunity, fxMember, fxProduct } from "../helpers/ledger-fixtures";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type OpenDatabase } from "../../src/db/client";

// `npm start` is started through npm, as people run it, and stopped the way
// they stop it: SIGTERM to its process group (Ctrl-C, `kill -TERM -<pgid>`,
// systemd). npm forwards the signal to the bot, so the bot gets it twice about
// a millisecond apart. Every stop must finish what the bot holds, log
// "stopped" and exit 0; started again on the same database, nothing is lost
// or doubled. The runs follow one another on one database and one fake
// Telegram, each start being the restart after the previous stop.

/** Exposes whether the fake is answering a request (a delayed one, here). */
class Fake extends FakeTelegram {
  get busy(): boolean {
    return this.isBusy();
  }
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };
type NpmRun = { child: ChildProcess; log: () => string; exited: Promise<Exit> };

let dir: string;
let fake: Fake;
let database: OpenDatabase;
let env: Record<string, string>;
const running = new Set<NpmRun>();

/** `npm start` in `dir`, leading its own process group. */
function npmStart(extra: Record<string, string> = {}): NpmRun {
  const child = spawn("npm", ["start"], {
    cwd: dir,
    detached: true,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", npm_config_update_notifier: "false", ...env, ...extra },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr!.on("data", (d) => (log += d));
  const run: NpmRun = {
    child,
    log: () => log,
    exited: new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
  };
  running.add(run);
  void run.exited.then(() => running.delete(run));
  return run;
}

async function started(): Promise<NpmRun> {
  const run = npmStart();
  await until(() => run.log().includes('"msg":"polling started"'), "polling to start", 30_000);
  return run;
}

/**
 * SIGTERM to the process group, as a terminal's Ctrl-C or systemd sends it
 * (npm forwards it, so the bot gets it twice); `twice`: the group gets it
 * again 1 ms later. Then once more while the bot is still stopping, as an
 * impatient operator would: any signal after the first must be harmless.
 */
async function terminate(run: NpmRun, twice = false): Promise<Exit> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  process.kill(-run.child.pid!, "SIGTERM");
  if (twice) {
    await new Promise((r) => setTimeout(r, 1));
    process.kill(-run.child.pid!, "SIGTERM");
  }
  const bot = botPid(run);
  await until(() => exited || run.log().includes('"msg":"shutting down"'), "the shutdown to begin", 10_000);
  // To the bot alone: npm, once its child has exited, drops its own signal
  // handlers a moment before it exits, and a signal landing then ends npm
  // (not the bot) by SIGTERM. The bot must take any number of them.
  if (!exited && bot !== undefined) {
    try {
      process.kill(bot, "SIGTERM");
    } catch {
      // already gone: nothing to be harmless to
    }
  }
  return bounded(run.exited, 30_000, "npm start to exit");
}

/** The bot's process: npm's child (the start script execs node). */
function botPid(run: NpmRun): number | undefined {
  const out = spawnSync("ps", ["-o", "pid=", "--ppid", String(run.child.pid)], { encoding: "utf8" }).stdout;
  const pid = Number(out.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function expectCleanStop(run: NpmRun, exit: Exit): Promise<void> {
  expect(exit, run.log().slice(-2000)).toEqual({ code: 0, signal: null });
  expect(run.log()).toContain('"msg":"shutting down"');
  expect(run.log()).toContain('"msg":"stopped"');
}

function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * Pushes updates and resolves once getUpdates has handed the first of them
 * out: the bot is then handling it. (Listening starts before the push.)
 */
async function pushHandedOut(updates: Update[]): Promise<Update[]> {
  const given = new Set<number>();
  fake.onHandout((out) => out.forEach((u) => given.add(u.update_id)));
  const pushed = updates.map((u) => fake.pushUpdate(u)); // a held long poll may hand them out at once
  await until(() => given.has(pushed[0]!.update_id), `update ${pushed[0]!.update_id} to be handed out`);
  return pushed;
}

function findButton(chatId: number, label: RegExp): { message: FakeMessage; data: string } {
  const messages = fake.messages(chatId);
  for (let i = messages.length - 1; i >= 0; i--) {
    const button = messages[i]!.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text));
    if (button && "callback_data" in button) return { message: messages[i]!, data: button.callback_data };
  }
  throw new Error(`no button ${String(label)} in chat ${chatId}`);
}

const alice = user({ first_name: "Alice", language_code: "en" });
const aliceChat = privateChat(alice);
const texts = () => fake.messages(alice.id).map((m) => m.text ?? "");
const say = (text: string) => fake.pushUpdate(textMessage(alice, aliceChat, text));
const press = (label: RegExp) => {
  const { message, data } = findButton(alice.id, label);
  return fake.pushUpdate(callbackQuery(alice, message, data));
};
/** Sends an answer and waits for the question it leads to. */
async function answer(text: string, next: string): Promise<void> {
  const before = texts().filter((t) => t.includes(next)).length;
  say(text);
  await until(() => texts().filter((t) => t.includes(next)).length > before, `"${next}" after "${text}"`);
}

const group = supergroup({ title: "Green Street Co-op" });
const tappers = Array.from({ length: 30 }, (_, i) => user({ first_name: `Member${i + 1}`, language_code: "en" }));
let buyId: number;
let aliceId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "letscoop-signals-"));
  // `npm start` runs package.json's start script; this one is the project's, its paths made absolute
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "letscoop-signals-test", private: true, scripts: { start: START_COMMAND } }));
  const url = `file:${join(dir, "bot.db")}`;
  await migrateDatabase(url);
  database = await openDatabase(url);
  const db = database.db;
  const community = await fxCommunity(db, { chatId: group.id });
  const recommender = await fxMember(db, alice, community.id);
  aliceId = recommender.id;
  for (const t of tappers) await fxMember(db, t, community.id);
  const product = await fxProduct(db, { communityId: community.id, recommenderId: recommender.id, priceFen: 1000 });
  const buy = await fxBuy(db, { product, openedById: recommender.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: new Date(Date.now() + 86_400_000) });
  buyId = buy.id;
  // opened a minute ago and never announced: the bot's scheduler posts it at start
  await db.groupBuy.update({ where: { id: buy.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
  fake = new Fake({ token: TEST_TOKEN });
  env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: await fake.start(), DATABASE_URL: url, LOG_LEVEL: "info" };
}, 60_000);

async function killAll(): Promise<void> {
  for (const run of running) {
    process.kill(-run.child.pid!, "SIGKILL");
    await run.exited;
  }
}
afterEach(killAll);

afterAll(async () => {
  await killAll();
  await database?.close();
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const quantities = async () => {
  const orders = await database.db.order.findMany({ where: { groupBuyId: buyId, status: "ACTIVE" }, select: { quantity: true } });
  return orders.map((o) => o.quantity);
};
const draft = async () => {
  const row = await database.db.productDraft.findFirstOrThrow({ where: { memberId: aliceId } });
  return JSON.parse(row.payload) as { costLines: { label: string; amountFen: number }[]; priceFen?: number };
};

describe("SIGTERM to the process group of npm start", () => {
  it("stops cleanly every time, idle, during a join burst and during a recommendation, and nothing is lost or doubled", async () => {
    // 1. idle (the scheduler has just posted the buy's announcement)
    let run = await started();
    await until(() => fake.messages(group.id).find((m) => m.reply_markup), "the buy's announcement");
    await expectCleanStop(run, await terminate(run));
    const post = fake.messages(group.id).find((m) => m.reply_markup)!;
    const plusOne = findButton(group.id, /\+1/).data;

    // 2. during a join burst: every member taps +1; the stop comes while the taps are handled
    run = await started();
    await pushHandedOut(tappers.slice(0, 20).map((t) => callbackQuery(t, post, plusOne)));
    const stopping = terminate(run);
    for (const t of tappers.slice(20)) fake.pushUpdate(callbackQuery(t, post, plusOne)); // arrive while it stops
    await expectCleanStop(run, await stopping);

    // 3. restarted: the taps it did not take are handled now; then a second burst, with a second SIGTERM 1 ms after the first
    run = await started();
    await until(async () => (await quantities()).length === tappers.length && fake.pendingUpdates().length === 0, "every first tap", 20_000);
    expect((await quantities()).every((q) => q === 1)).toBe(true);
    await pushHandedOut(tappers.map((t) => callbackQuery(t, post, plusOne)));
    await expectCleanStop(run, await terminate(run, true));

    // 4. restarted: every member pressed +1 twice, so has 2, once each; then a recommendation, stopped while cost lines are handled
    run = await started();
    await until(async () => fake.pendingUpdates().length === 0 && (await quantities()).every((q) => q === 2), "every second tap", 20_000);
    expect(await quantities()).toEqual(tappers.map(() => 2));
    await answer("/recommend", "1/7 · Product");
    await answer("Wild mountain tea", "unit of sale");
    await answer("500 g", "2/7 · Producer");
    await answer("Yunling Tea Growers", "Where are they?");
    await answer("Pu'er, Yunnan", "How can the co-op reach them?");
    await answer("+86 138 0000 0000", "3/7");
    press(/Fair trade/);
    await until(() => findButton(alice.id, /Done/), "the tags' Done");
    press(/^✔️ Done$/);
    await until(() => texts().some((t) => t.includes("4/7")), "the story question");
    await answer("Old tea trees on the mountain, never sprayed, picked and roasted by hand.", "5/7");
    await pushHandedOut([textMessage(alice, aliceChat, "Tea leaves 30"), textMessage(alice, aliceChat, "Co-op fee 2.50")]);
    const stoppingRec = terminate(run);
    say("Packaging 3"); // sent while it stops
    await expectCleanStop(run, await stoppingRec);

    // 5. restarted: the line it did not take is added now; the price is answered, and the bot stopped while it handles it
    run = await started();
    await until(async () => (await draft()).costLines.length >= 3 && fake.pendingUpdates().length === 0, "the third cost line");
    press(/Done, on to the price/);
    await until(() => texts().some((t) => t.includes("What is the price of one unit")), "the price question");
    await pushHandedOut([textMessage(alice, aliceChat, "35.50")]);
    await expectCleanStop(run, await terminate(run));

    // 6. restarted: the draft has each answer once, and the flow goes on from the kinds of the lines
    run = await started();
    await until(() => fake.pendingUpdates().length === 0, "nothing left to handle");
    const final = await draft();
    expect(final.costLines).toEqual([
      { label: "Tea leaves", amountFen: 3000 },
      { label: "Co-op fee", amountFen: 250 },
      { label: "Packaging", amountFen: 300 },
    ]);
    expect(final.priceFen).toBe(3550);
    await until(() => findButton(alice.id, /All correct/), "the kinds question");
    press(/All correct/);
    await until(() => texts().some((t) => t.includes("Send up to 5 photos")), "the photos question");
    press(/No photos/);
    await until(() => texts().some((t) => t.includes("Preview")), "the preview");
    const preview = texts().filter((t) => t.includes("Preview")).at(-1)!;
    // the line once (its kind's subtotal has the same name)
    expect(preview.match(/• Co-op fee/g)).toHaveLength(1);
    await expectCleanStop(run, await terminate(run));
    expect(await quantities()).toEqual(tappers.map(() => 2));
    fake.assertNoRejections();
  }, 120_000);

  it("gives up at the shutdown deadline with one line saying what it left, and the update counts once after a restart", async () => {
    const bob = user({ first_name: "Bob", language_code: "en" });
    const run = npmStart({ SHUTDOWN_DEADLINE_SECONDS: "1" });
    await until(() => run.log().includes('"msg":"polling started"'), "polling to start", 30_000);
    // the reply to Bob's /start hangs: Telegram is slow to answer
    fake.failNext("sendMessage", { kind: "delay", ms: 20_000 });
    const [start] = await pushHandedOut([textMessage(bob, privateChat(bob), "/start")]);
    await until(() => fake.busy, "the reply to be under way");
    const exit = await terminate(run, true);
    expect(exit, run.log().slice(-2000)).toEqual({ code: 1, signal: null });
    const lines = run.log().split("\n").filter((l) => l.trim() && !l.startsWith("{") && !l.startsWith("npm "));
    expect(lines, run.log().slice(-2000)).toHaveLength(1);
    expect(lines[0]).toMatch(/deadline/i);
    expect(lines[0]).toContain("1 update in flight");
    expect(run.log()).not.toContain('"msg":"stopped"');

    // not confirmed, so Telegram delivers it again: answered once by the next start
    const again = await started();
    await until(() => fake.pendingUpdates().length === 0 && fake.messages(bob.id).length > 0, "Bob's answer");
    await expectCleanStop(again, await terminate(again));
    expect(await database.db.processedUpdate.count({ where: { updateId: BigInt(start!.update_id) } })).toBe(1);
    expect(fake.messages(bob.id)).toHaveLength(1);
  }, 60_000);
});
