import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fake-telegram/server";
import { callbackQuery, photoMessage, privateChat, supergroup, textMessage, user } from "../fake-telegram/updates";
import type { FakeMessage } from "../fake-telegram/types";
import { TEST_TOKEN } from "../helpers/harness";
import { startBotProcess, until, type BotProcess } from "../helpers/bot-process";
import { fxCommunity, fxMember, mulberry32 } from "../helpers/ledger-fixtures";
import { CRASH_POINTS } from "../../src/bot/crash-point";
import { migrateDatabase } from "../../src/db/migrate";
import { openDatabase, type Db } from "../../src/db/client";

// `npm start`'s process is SIGKILLed at 20 points of a scripted recommendation
// (all sections, several cost lines, a price, photos, submit, approval) and an
// open-buy dialog, and started again each time on the same database and fake
// Telegram, which hands out the unconfirmed updates again. Half the points are
// named crash points (CRASH_AT: between a state write and its update's mark,
// inside a conversation's step, …), half random moments. What the database
// ends with must equal an uninterrupted run's: no answer doubled, none lost.

// The suite plays one fixed seed, so a run in CI means the same kills every time;
// KILL_SEED=random explores a new one (printed), KILL_SEED=<n> replays a seed's kills; KILL_PLAN='[{"step":31,"crashAt":"after-buy-created:1"}]'
// plays just those; KILL_LOG=info prints each bot process's log when it exits.
const KILLS = 20;
const SEED = process.env.KILL_SEED === "random" ? Date.now() % 1_000_000 : Number(process.env.KILL_SEED ?? 12345);


const CHAT_ID = -1009876;
const alice = user({ id: 4201, first_name: "Alice", language_code: "en" });
const olga = user({ id: 4202, first_name: "Olga", language_code: "en" });
const group = supergroup({ id: CHAT_ID, title: "Green Street Co-op" });
const STORY = "Old tea trees on the mountain, never sprayed, picked and roasted by hand by the village's growers.";
const PICKUP = "Community hall, Saturday 10-12";

/** One step: the update to send, built from what the chats show when it is sent (undefined: not yet). */
type Step = { what: string; update: (fake: FakeTelegram) => Update | undefined };

function newestButton(fake: FakeTelegram, who: User, data: RegExp): { message: FakeMessage; data: string } | undefined {
  const messages = fake.messages(who.id);
  for (let i = messages.length - 1; i >= 0; i--) {
    const button = (messages[i]!.reply_markup?.inline_keyboard.flat() ?? []).find((b) => "callback_data" in b && data.test(b.callback_data));
    if (button && "callback_data" in button) return { message: messages[i]!, data: button.callback_data };
  }
  return undefined;
}

const say = (who: User, text: string): Step => ({ what: `${who.first_name}: ${text}`, update: () => textMessage(who, privateChat(who), text) });
const press = (who: User, data: RegExp): Step => ({
  what: `${who.first_name} presses ${data}`,
  // a button sent through the outbox (the review request) may come a moment later
  update: (fake) => {
    const found = newestButton(fake, who, data);
    return found && callbackQuery(who, found.message, found.data);
  },
});
const photo = (who: User): Step => ({ what: `${who.first_name} sends a photo`, update: () => photoMessage(who, privateChat(who)) });

const SCRIPT: Step[] = [
  say(olga, "/start"),
  say(alice, "/recommend"),
  say(alice, "Wild mountain tea"),
  say(alice, "500 g"),
  say(alice, "Yunling Tea Growers"),
  say(alice, "Pu'er, Yunnan"),
  say(alice, "+86 138 0000 0000"),
  press(alice, /^rw:t:tg:0$/),
  press(alice, /^rw:t:tg:2$/),
  press(alice, /^rw:t:done$/),
  say(alice, STORY),
  say(alice, "Tea leaves 30\nLabour 12.50"),
  say(alice, "Packaging 3"),
  say(alice, "合作社服务费 2.50"),
  say(alice, "Transport 2"),
  press(alice, /^rw:k:done$/),
  say(alice, "50"),
  say(alice, "1 producer"),
  press(alice, /^rw:kd:ok$/),
  photo(alice),
  photo(alice),
  press(alice, /^rw:ph:done$/),
  press(alice, /^recsub:/),
  press(olga, /^rv:a:/),
  say(olga, "/open"),
  press(olga, /^gbopen:/),
  say(olga, "45"),
  say(olga, "5"),
  say(olga, "200"),
  press(olga, /^gbo:cap:none$/),
  say(olga, "2027-01-15 20:00"),
  say(olga, PICKUP),
  say(olga, "10%"),
  // ¥45 and 10% differ from the product's ¥50 breakdown: the tea leaves take it
  press(olga, /^gbo:absorb:l0$/),
  press(olga, /^gbo:confirm:yes$/),
];

/**
 * Where the bot dies. A named kill restarts the bot (killed while idle)
 * before step `step`, armed to kill itself the n-th time from there that it
 * passes the point; a timed kill SIGKILLs it `afterMs` after step `step` was
 * sent, while it handles it.
 */
type Kill = { step: number; crashAt: string } | { step: number; afterMs: number };

const stepOf = (what: string) => SCRIPT.findIndex((s) => s.what.includes(what));
/** steps a conversation takes as an answer (text), where a doubled or shifted answer shows */
const ANSWERS = SCRIPT.flatMap((s, i) => (i > stepOf("/recommend") && i !== stepOf("/open") && / ?: /.test(s.what) && !s.what.includes("/") ? [i] : []));
const WHERE: Record<(typeof CRASH_POINTS)[number], () => number[]> = {
  "after-conversation-write": () => ANSWERS,
  "before-mark": () => SCRIPT.map((_, i) => i),
  "after-draft-save": () => ANSWERS.filter((i) => i < stepOf("recsub")),
  "after-draft-created": () => [stepOf("/recommend")],
  "after-buy-created": () => [stepOf("confirm")],
  // approved, card not yet posted: the restarted bot's card job posts it
  "after-approval": () => [stepOf("rv:a")],
  // no buy closes in this script (test/infra/kill-statement-post.test.ts kills there)
  "after-statement-sent": () => [],
  // voting is off in this script's community (test/features/votes.test.ts kills there)
  "after-vote-poll-sent": () => [],
};

function drawKills(seed: number): Kill[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const named = new Map<number, string>();
  const timed = new Map<number, number>();
  // every point once, then random ones
  const points = [...CRASH_POINTS, ...Array.from({ length: KILLS / 2 - CRASH_POINTS.length }, () => pick(CRASH_POINTS))];
  for (const point of points) {
    const free = WHERE[point]().filter((i) => !named.has(i));
    const at = free.length ? pick(free) : pick(ANSWERS.filter((i) => !named.has(i)));
    named.set(at, `${free.length ? point : "after-conversation-write"}:${random() < 0.75 ? 1 : 2}`);
  }
  // Not while the confirming tap is handled: a kill between the announcement's
  // claim and its post leaves the claim, which another process takes over only
  // once it is stale (5 min, longer than a post can take), far beyond this test.
  // The kill before the claim (after-buy-created) is tested. The same holds for
  // the approval's card post (its claim): after-approval kills before it.
  const claiming = [stepOf("confirm"), stepOf("rv:a")];
  while (timed.size < KILLS / 2) {
    const step = Math.floor(random() * SCRIPT.length);
    const afterMs = Math.floor(random() * 300);
    // not on a step whose bot is armed to kill itself: the two would take one life between them
    if (!claiming.includes(step) && !named.has(step)) timed.set(step, afterMs);
  }
  return [...[...named].map(([step, crashAt]) => ({ step, crashAt })), ...[...timed].map(([step, afterMs]) => ({ step, afterMs }))].sort((x, y) => x.step - y.step);
}

/** What must come out the same however often the bot was killed. */
async function outcome(db: Db, fake: FakeTelegram, photoIds: string[]) {
  const revisions = await db.productRevision.findMany({ include: { costLines: { orderBy: { position: "asc" } } }, orderBy: { id: "asc" } });
  const buys = await db.groupBuy.findMany({ orderBy: { id: "asc" } });
  const groupTexts = fake.messages(CHAT_ID).map((m) => m.text ?? m.caption ?? "");
  return {
    products: await db.product.count(),
    drafts: await db.productDraft.count(),
    revisions: revisions.map((r) => ({
      name: r.name,
      unit: r.unit,
      story: r.story,
      tags: r.tags,
      priceFen: r.priceFen,
      status: r.status,
      costLines: r.costLines.map((c) => `${c.label} ${c.amountFen} ${c.kind}`),
      // the photos sent, in their order (file ids differ between runs)
      photos: r.photoFileIds.split(",").filter(Boolean).map((id) => photoIds.indexOf(id)),
    })),
    buys: buys.map((b) => ({
      unitPriceFen: b.unitPriceFen,
      minTotalQty: b.minTotalQty,
      stockCap: b.stockCap,
      perMemberCap: b.perMemberCap,
      deadlineAt: b.deadlineAt.toISOString(),
      pickupDetails: b.pickupDetails,
      commission: `${b.commissionKind} ${b.commissionValue}`,
      status: b.status,
      announced: b.announcementMessageId !== null,
    })),
    // one breakdown per buy, written with it (never twice by a replayed confirmation)
    breakdowns: await db.priceBreakdown.count(),
    announcements: groupTexts.filter((t) => t.includes(PICKUP)).length,
    cards: groupTexts.filter((t) => t.includes("Yunling") || t.includes("Wild mountain tea")).length - groupTexts.filter((t) => t.includes(PICKUP)).length,
  };
}

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Plays the script against a fresh bot process, killing it as `kills` say; returns the outcome and how many kills happened. */
async function play(kills: Kill[]) {
  const dir = mkdtempSync(join(tmpdir(), "letscoop-kills-"));
  dirs.push(dir);
  const url = `file:${join(dir, "bot.db")}`;
  await migrateDatabase(url);
  const database = await openDatabase(url);
  cleanups.push(() => database.close());
  const db = database.db;
  const community = await fxCommunity(db, { chatId: CHAT_ID });
  await fxMember(db, alice, community.id);
  await fxMember(db, olga, community.id);

  const fake = new FakeTelegram({ token: TEST_TOKEN });
  const apiRoot = await fake.start();
  cleanups.push(() => fake.stop());
  fake.setChatMember(CHAT_ID, fake.botInfo.id, "administrator");
  fake.pushUpdate(textMessage(alice, group, "hello neighbours")); // the fake learns the group
  const baseEnv = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: url, LOG_LEVEL: process.env.KILL_LOG ?? "warn", ORGANIZER_IDS: String(olga.id) };

  let bot: BotProcess | undefined;
  let selfKilled = 0;
  let killedByTest = 0;
  let timer: NodeJS.Timeout | undefined;
  /** when the pending timed kill fires (a step handled sooner leaves it pending into the next) */
  let timerDue = 0;
  const alive = (b: BotProcess | undefined): b is BotProcess => b !== undefined && b.child.exitCode === null && b.child.signalCode === null;
  const start = (crashAt?: string) => {
    const started = startBotProcess(crashAt ? { ...baseEnv, CRASH_AT: crashAt } : baseEnv, dir);
    bot = started;
    // died by its own crash point (the test's own kills clear `bot` first)
    void started.exited.then(() => {
      if (process.env.KILL_LOG) console.log(`--- bot ${crashAt ?? "unarmed"} exited\n${started.stderr()}`);
      if (bot === started) selfKilled++;
    });
  };
  const stop = async () => {
    clearTimeout(timer);
    const last = bot;
    bot = undefined;
    if (alive(last)) {
      killedByTest++;
      last.child.kill("SIGKILL");
      await last.exited;
    }
  };
  /** The bot died: start another, unarmed. */
  const keepRunning = () => {
    if (!alive(bot)) start();
  };
  cleanups.push(stop);

  start();
  const photoIds: string[] = [];
  for (const [index, step] of SCRIPT.entries()) {
    const here = kills.filter((k) => k.step === index);
    for (const kill of here) {
      if (!("crashAt" in kill)) continue;
      // a previous step's timed kill lands first (stop() would cancel it)
      await new Promise((r) => setTimeout(r, Math.max(0, timerDue - Date.now() + 20)));
      await stop();
      start(kill.crashAt);
    }
    // the previous step's replies are there: its update was handled and confirmed
    const built = await until(
      () => {
        keepRunning();
        return step.update(fake);
      },
      `what "${step.what}" needs (chats: ${[alice, olga].map((u) => fake.messages(u.id).slice(-3).map((m) => m.text?.slice(0, 80)).join(" | ")).join(" ‖ ")})`,
      60_000,
    );
    if (index === stepOf("confirm") || index === stepOf("rv:a")) {
      // (see drawKills) a previous step's kill must not land on this one's claim: it lands first
      await new Promise((r) => setTimeout(r, Math.max(0, timerDue - Date.now() + 20)));
      keepRunning();
    }
    const update = fake.pushUpdate(built);
    const sent = update.message?.photo?.at(-1)?.file_id;
    if (sent) photoIds.push(sent);
    for (const kill of here) {
      if (!("afterMs" in kill)) continue;
      const victim = bot;
      timerDue = Date.now() + kill.afterMs;
      timer = setTimeout(() => {
        if (bot !== victim || !alive(victim)) return;
        killedByTest++;
        bot = undefined;
        victim?.child.kill("SIGKILL");
      }, kill.afterMs);
    }
    await until(
      () => {
        keepRunning();
        return !fake.pendingUpdates().some((u) => u.update_id === update.update_id);
      },
      `"${step.what}" to be handled`,
      60_000,
    );
  }
  // settled: no kill is pending, and the last bot has nothing left to do. Work
  // a kill left to the scheduler (a card the approval didn't post) is done once
  // the last bot holds every job's lease (a killed bot's expire after 15 s).
  clearTimeout(timer);
  // (a lease renewed a second after this moment was renewed by the last bot: no kill comes after it)
  const settledFrom = Date.now();
  await until(
    async () => {
      keepRunning();
      const leases = await db.jobLease.findMany();
      return leases.length > 0 && leases.every((l) => l.expiresAt.getTime() > settledFrom + 15_000 + 1_000);
    },
    "the last bot to hold every job's lease",
    60_000,
  );
  await new Promise((r) => setTimeout(r, 3_000));
  const result = await outcome(db, fake, photoIds);
  return { result, selfKilled, kills: selfKilled + killedByTest };
}

describe("a bot SIGKILLed at 20 points of a recommendation and an open-buy dialog", () => {
  it(`ends with the same draft, product and buy as a run never killed (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const kills = process.env.KILL_PLAN ? (JSON.parse(process.env.KILL_PLAN) as Kill[]) : drawKills(SEED);
    const reference = await play([]);
    expect(reference.result.revisions).toHaveLength(1);
    expect(reference.result.revisions[0]!.costLines).toEqual(["Tea leaves 3000 PRODUCER", "Labour 1250 PRODUCER", "Packaging 300 PACKAGING", "合作社服务费 250 COOP_FEE", "Transport 200 LOGISTICS"]);
    expect(reference.result.buys).toHaveLength(1);
    expect(reference.result.breakdowns).toBe(1);
    expect(reference.result.announcements).toBe(1);

    const interrupted = await play(kills);
    const context = `seed ${SEED} (KILL_SEED=${SEED} replays it), kills ${JSON.stringify(kills)}, ${interrupted.kills} kills, ${interrupted.selfKilled} by crash points`;
    expect(interrupted.result, context).toEqual(reference.result);
    if (process.env.KILL_PLAN) return; // a plan of a few kills, to read one failure
    expect(kills).toHaveLength(KILLS);
    // a named point not reached before the next named kill still ends with a kill (while idle)
    expect(interrupted.selfKilled, context).toBeGreaterThanOrEqual(3);
    expect(interrupted.kills, context).toBeGreaterThanOrEqual(KILLS);
  });
});
