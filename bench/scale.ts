import type { User } from "grammy/types";
import { FakeTelegram } from "../test/fake-telegram/server";
import { command, privateChat, user } from "../test/fake-telegram/updates";
import { openDatabase } from "../src/db/client";
import { auditLedger } from "../src/db/ledger-audit";
import { formatMoney } from "../src/domain/money";
import { orderRef } from "../src/domain/order-ref";
import { startBotProcess } from "./lib/bot-process";
import { freshDatabase } from "./lib/database";
import {
  busyMemberOf, CHAT_BASE, expectedEarnings, PRICE_FEN, FULL, layout, memberId, organizerOf, QUICK, seedScale, telegramIdOf, type ScaleLayout, type SeedTimes,
} from "./lib/seed-scale";
import { cpuMilliseconds, percentile, round } from "./lib/stats";
import type { Check } from "./lib/close-checks";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark, type DbKind } from "./lib/types";
import { TOKEN } from "./footprint";

// Scale (issue 19): the member-facing commands in a co-op grown large — 100
// communities, 1,000 recommenders, 100,000 members, 10,000 buys, 1,000,000
// orders and 1,000,000 ledger entries (bench/lib/seed-scale.ts; a hundredth
// and less with --quick). The real bot (`npm start`'s code, a child process)
// answers each command in a private chat, one at a time, as the busiest
// people have it: a recommender with 1,000 entries (/earnings), an organizer
// of a community of 10,000 entries and 100 buys (/ledger, /buys), the member
// with an order in each of their community's 100 buys (/my_orders), a member
// of a community of 100 products (/products) and of a month of 90 closed buys
// (/books month). Each sample is another community's. Latency is from
// getUpdates handing the command out to the reply's sendMessage reaching the
// fake Bot API; each reply is checked against what the seed says it must be.

const SAMPLES = 200;
const WARM_UP = 10;
const TARGET_MS = 50;

const strip = (s: string) => s.replace(/[\u2068\u2069]/g, "");

export type Case = {
  name: string;
  /** who sends it, in community c, for sample s */
  from: (l: ScaleLayout, c: number, s: number) => number;
  text: string;
  /** what the reply must hold, in community c; undefined: right */
  check: (reply: string, l: ScaleLayout, c: number) => string | undefined;
};

const money = (fen: number) => formatMoney(fen, "CNY", "en");
const count = (n: number) => n.toLocaleString("en");
const missing = (reply: string, wanted: string[]) => {
  const absent = wanted.filter((w) => !reply.includes(w));
  return absent.length ? `missing ${absent.slice(0, 3).join(", ")} in: ${reply.slice(0, 200)}` : undefined;
};

export const CASES: Case[] = [
  {
    name: "/earnings",
    from: (l, c) => memberId(l, c, c % l.recommenders),
    text: "earnings",
    check: (reply, l) => {
      const e = expectedEarnings(l);
      return missing(reply, [`Balance: <b>${money(e.balanceFen)}</b>`, `Pending (buys still open): ${money(e.pendingFen)}`, `Earned: ${money(e.earnedFen)} · Paid out: ${money(e.paidFen)}`]);
    },
  },
  {
    name: "/ledger",
    from: (l, c) => organizerOf(l, c),
    text: "ledger",
    check: (reply, l) => missing(reply, [`(latest 20 of ${count(l.recommenders * l.entries)} entries)`, "✅ Every balance equals the sum of its entries"]),
  },
  {
    name: "/my_orders",
    from: (l, c) => busyMemberOf(l, c),
    // the 30 newest: the community's last 30 buys, position 1 in each
    text: "my_orders",
    check: (reply, l, c) => missing(reply, Array.from({ length: Math.min(30, l.buys) }, (_, i) => orderRef(c * l.buys + l.buys - i, 1))),
  },
  {
    name: "/buys",
    from: (l, c) => organizerOf(l, c),
    text: "buys",
    check: (reply, l, c) => missing(reply, Array.from({ length: l.openBuys + 10 }, (_, i) => `#${c * l.buys + l.buys - i} `)),
  },
  {
    name: "/products",
    from: (l, c) => memberId(l, c, l.recommenders + 2 + (c % 50)),
    text: "products",
    check: (reply, l) => missing(reply, [`Page 1 of ${Math.ceil(l.products / 6)}`]),
  },
  {
    name: "/books month",
    from: (l, c) => memberId(l, c, l.recommenders + 3 + (c % 50)),
    text: "books month",
    check: (reply, l) => missing(reply, [`${count(l.buys - l.openBuys)} buys closed · ${count((l.buys - l.openBuys) * l.ordersPerBuy)} orders`]),
  },
  {
    // the statement of the community's latest closed buy: its orders summed, its commissions from the ledger
    name: "/books",
    from: (l, c) => memberId(l, c, l.recommenders + 4 + (c % 50)),
    text: "books",
    check: (reply, l, c) => missing(reply, [`#${c * l.buys + l.buys - l.openBuys}`, money(l.ordersPerBuy * PRICE_FEN)]),
  },
];

/** The communities' groups, known to Telegram with their organizers (the bot sets the organizers' command menus there). */
export function knownGroups(fake: FakeTelegram, l: ScaleLayout): void {
  for (let c = 0; c < l.communities; c++) {
    fake.state.chats.set(CHAT_BASE - c, { id: CHAT_BASE - c, type: "supergroup", title: `Scale co-op ${c + 1}` });
    fake.setChatMember(CHAT_BASE - c, telegramIdOf(organizerOf(l, c)), "administrator", person(organizerOf(l, c)));
  }
}

export type CaseRun = { name: string; latencies: number[]; cpuMsPerCommand: number; wrong: string[] };

/** Sends one command and resolves with its reply's text and the handout → reply time. */
export function asker(fake: FakeTelegram) {
  let waiting: { updateId: number; chatId: number; handedOut?: number; resolve: (v: { text: string; ms: number }) => void } | undefined;
  fake.onHandout((updates) => {
    const at = performance.now();
    if (waiting && waiting.handedOut === undefined && updates.some((u) => u.update_id === waiting!.updateId)) waiting.handedOut = at;
  });
  fake.onCall((call) => {
    if (!waiting || call.method !== "sendMessage" || Number(call.params.chat_id) !== waiting.chatId || !call.response.ok) return;
    const w = waiting;
    waiting = undefined;
    w.resolve({ text: strip(String(call.params.text)), ms: performance.now() - (w.handedOut ?? NaN) });
  });
  return (from: User, text: string, timeoutMs = 30_000) =>
    new Promise<{ text: string; ms: number }>((resolve, reject) => {
      const [name, ...rest] = text.split(" ");
      const timer = setTimeout(() => reject(new Error(`scale bench: no reply to /${text} within ${timeoutMs} ms`)), timeoutMs);
      const update = fake.pushUpdate(command(from, privateChat(from), name!, rest.join(" ")));
      waiting = { updateId: update.update_id, chatId: from.id, resolve: (v) => (clearTimeout(timer), resolve(v)) };
    });
}

export const person = (id: number): User => user({ id: telegramIdOf(id), first_name: `Member${id}`, language_code: "en" });

/** Waits until the bot has used under 5 % of a core for half a second (its start-up jobs over the seeded data done), at most `maxMs`. */
export async function settled(pid: number, maxMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const before = cpuMilliseconds(pid);
    await new Promise((r) => setTimeout(r, 500));
    if (cpuMilliseconds(pid) - before <= 25 || performance.now() - start > maxMs) return performance.now() - start;
  }
}

export type CommandsRun<T> = {
  seedMs: number;
  times: SeedTimes;
  settleMs: number;
  runs: CaseRun[];
  /** what `whileUp` measured */
  extra: T;
  checks: Check[];
};

/**
 * Seeds layout `l` into a fresh database, starts the real bot on it and asks
 * each case `samples` times (after WARM_UP), checking every reply; `whileUp`
 * runs last, while the bot is still up (given its pid).
 */
export async function commandsAt<T>(
  db: DbKind, l: ScaleLayout, cases: Case[], samples: number, whileUp: (pid: number) => Promise<T>, { audit = true } = {},
): Promise<CommandsRun<T>> {
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN });
  try {
    const seedStart = performance.now();
    const seeding = await openDatabase(database.url);
    const times = await seedScale(seeding.db, db, l, new Date());
    const seedMs = performance.now() - seedStart;
    // the seed checked by the app's own audit, for one community: chains reconcile, every accrual is its order's
    // (it loads the community's whole ledger with its orders: `audit: false` spares a million-entry one)
    const problems = audit ? await auditLedger(seeding.db, 1) : undefined;
    const counts = { orders: await seeding.db.order.count(), ledger: await seeding.db.ledgerEntry.count(), members: await seeding.db.member.count() };
    await seeding.close();

    const apiRoot = await fake.start();
    knownGroups(fake, l);
    const ask = asker(fake);
    const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url });
    const runs: CaseRun[] = [];
    let settleMs = NaN;
    let extra: T;
    try {
      await ask(person(organizerOf(l, 0)), "buys", 120_000); // up and polling
      settleMs = await settled(bot.child.pid!, 60_000);
      for (const c of cases) {
        const run: CaseRun = { name: c.name, latencies: [], cpuMsPerCommand: NaN, wrong: [] };
        let cpuBefore = NaN;
        for (let s = 0; s < WARM_UP + samples; s++) {
          if (s === WARM_UP) cpuBefore = cpuMilliseconds(bot.child.pid!);
          const community = s % l.communities;
          const reply = await ask(person(c.from(l, community, s)), c.text);
          if (s < WARM_UP) continue;
          run.latencies.push(reply.ms);
          const wrong = c.check(reply.text, l, community);
          if (wrong) run.wrong.push(`community ${community + 1}: ${wrong}`);
        }
        run.cpuMsPerCommand = (cpuMilliseconds(bot.child.pid!) - cpuBefore) / samples;
        runs.push(run);
      }
      extra = await whileUp(bot.child.pid!);
    } catch (error) {
      await bot.stop();
      const said = bot.stderr().trim();
      throw new Error(`${error instanceof Error ? error.message : String(error)}${said ? `\nthe bot said: ${said.slice(0, 2000)}` : ""}`);
    }
    const exitCode = await bot.stop();
    const t = l.totals;
    const checks: Check[] = [
      { name: "seeded sizes", ok: counts.orders === t.orders && counts.ledger === t.ledger && counts.members === t.members, detail: `${counts.orders} orders, ${counts.ledger} entries, ${counts.members} members` },
      ...(problems ? [{ name: "the seed's ledger passes the audit (community 1)", ok: problems.length === 0, detail: problems.slice(0, 2).join("; ") || undefined }] : []),
      ...runs.map((r) => ({ name: `${r.name}: every reply right`, ok: r.wrong.length === 0 && r.latencies.length === samples, detail: r.wrong[0] ?? `${r.latencies.length} replies` })),
      { name: "no call rejected by the Bot API", ok: fake.rejected.length === 0, detail: fake.rejected[0] && `${fake.rejected[0].method}: ${fake.rejected[0].response.description}` },
      { name: "the bot stopped cleanly", ok: exitCode === 0, detail: `exit ${exitCode}` },
    ];
    return { seedMs, times, settleMs, runs, extra, checks };
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}

export async function scaleRun(db: DbKind, quick: boolean): Promise<BenchResult> {
  const l = layout(quick ? QUICK : FULL);
  const samples = quick ? 20 : SAMPLES;
  // idle, the bot's CPU is its scheduler's: a tick every 2 s over the seed's open buys (1,000 in 100 communities)
  const idleTick = async (pid: number) => {
    const idleS = quick ? 4 : 20;
    const idleBefore = cpuMilliseconds(pid);
    await new Promise((r) => setTimeout(r, idleS * 1000));
    return (cpuMilliseconds(pid) - idleBefore) / (idleS / 2);
  };
  const { seedMs, times, settleMs, runs, extra: tickCpuMs, checks } = await commandsAt(db, l, CASES, samples, idleTick);
  const t = l.totals;
  return {
    bench: "scale",
    db,
    params: { communities: l.communities, members: t.members, recommenders: t.recommenders, buys: t.buys, orders: t.orders, ledger: t.ledger, samples },
    figures: [
      plain("seeding, all tables", round(seedMs / 1000, 1), "s"),
      plain("  of which orders / ledger", round((times.orders! + times.ledger!) / 1000, 1), "s"),
      plain("bot settling after start", round(settleMs / 1000, 1), "s"),
      ...runs.flatMap((r) => [
        plain(`${r.name} p50`, round(percentile(r.latencies, 50)), "ms"),
        below(`${r.name} p99`, round(percentile(r.latencies, 99)), "ms", TARGET_MS),
        plain(`${r.name} bot CPU per command`, round(r.cpuMsPerCommand), "ms"),
      ]),
      below("idle bot CPU per scheduler tick", round(tickCpuMs), "ms", 20),
    ],
    checks,
  };
}

export const scaleBenchmark: Benchmark = {
  name: "scale",
  description: "member-facing commands (/earnings, /ledger, /my_orders, /buys, /products, /books month) in a co-op of 100 communities, 1M orders, 1M ledger entries: p50/p99",
  run: async ({ db, quick }: BenchOptions) => [await scaleRun(db, quick)],
};
