import { FakeTelegram } from "../../test/fake-telegram/server";
import { openDatabase } from "../../src/db/client";
import { plusOnes, FIRST_MEMBER } from "../join";
import { TOKEN } from "../footprint";
import { startBotProcess, type BotProcess } from "./bot-process";
import { watchBurst, type BurstOutcome } from "./burst";
import { seedOpenBuy } from "./join-seed";
import { rosterCaughtUp } from "./roster-lag";
import { cpuMilliseconds } from "./stats";
import { freePort, postUpdates, waitFor200, type PostOutcome } from "./webhook-post";

// A join burst in webhook mode through one or more instances of the bot, each
// its own process (`npm start`, BOT_MODE=webhook, its own port), all on one
// database. Every instance sets the same webhook URL (the load balancer's), as
// in production: the fake keeps the one URL, and nothing is pushed to it —
// this process posts the updates to the instances' ports, in turn, and
// re-delivers some to another instance (see webhook-post.ts).

export const WEBHOOK_SECRET = "bench-webhook-secret_0123456789";
const WEBHOOK_PATH = "/telegram/updates";
/** the warm-up's members' ids start this far above the burst's */
const WARM_UP_MEMBERS = 5_000_000;

export type TwinRun = {
  instances: number;
  members: number;
  outcome: BurstOutcome;
  post: PostOutcome;
  /** all instances' CPU time over the burst, per update */
  cpuMsPerUpdate: number;
  /** queries answered (successfully) at least once */
  answered: number;
  /** answers beyond a query's first, and how many of them were for queries posted twice */
  extraAnswers: number;
  extraAnswersOfRedelivered: number;
  /** first answers with an empty text */
  silentAnswers: number;
  /** calls the fake rejected, other than a second answer to a query posted twice */
  otherRejections: string[];
  orders: { count: number; members: number; allOnePerMember: boolean; events: number };
  buy: { totalQty: number; orderCount: number };
  rosterCaughtUp: boolean;
  exitCodes: (number | null)[];
  stderr: string;
};

export type TwinOptions = {
  /** Telegram's connections to each instance */
  concurrency?: number;
  /**
   * taps per instance on another buy, by other members, before the burst: the
   * instances are warm (JIT, Prisma's query plans, connections) as a running
   * bot is, so a second instance does not add a second warm-up to the figures
   */
  warmUp?: number;
  /** one update in this many is delivered twice (default 20, see webhook-post.ts plan) */
  redeliverEvery?: number;
};

/** Seeds an open buy in `databaseUrl`, starts `instances` webhook bots on it, posts N "+1" taps, checks what they left. */
export async function runWebhookBurst(databaseUrl: string, members: number, instances: number, options: TwinOptions = {}): Promise<TwinRun> {
  const { concurrency = 40, warmUp = 0, redeliverEvery = 20 } = options;
  const fake = new FakeTelegram({ token: TOKEN, rateLimits: true });
  const apiRoot = await fake.start();
  const bots: BotProcess[] = [];
  const stderrs: string[] = [];
  try {
    const { buyId, announcement } = await seedOpenBuy(fake, databaseUrl, members);
    const warm = warmUp > 0 ? await seedOpenBuy(fake, databaseUrl, warmUp * instances) : undefined;
    const ports: number[] = [];
    for (let i = 0; i < instances; i++) ports.push(await freePort());
    for (const port of ports) {
      bots.push(
        startBotProcess({
          BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: apiRoot,
          DATABASE_URL: databaseUrl,
          BOT_MODE: "webhook",
          WEBHOOK_URL: `https://coop.example${WEBHOOK_PATH}`,
          WEBHOOK_SECRET,
          PORT: String(port),
          HOST: "127.0.0.1",
        }),
      );
    }
    await Promise.all(ports.map((port) => waitFor200(`http://127.0.0.1:${port}/healthz`, 60_000)));
    const targets = ports.map((port) => ({ url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, secret: WEBHOOK_SECRET }));
    if (warm) {
      const taps = plusOnes(warm.announcement, warm.buyId, warmUp * instances, FIRST_MEMBER + WARM_UP_MEMBERS).map((u) => fake.pushUpdate(u));
      await postUpdates(targets, taps, { concurrency, redeliverEvery: 0 });
    }

    const taps = plusOnes(announcement, buyId, members).map((u) => fake.pushUpdate(u));
    const ids = new Set(taps.map((u) => u.callback_query!.id));
    const cpu = () => bots.reduce((sum, b) => sum + cpuMilliseconds(b.child.pid!), 0);
    const spent = { first: NaN, last: NaN };
    const watch = watchBurst(fake, ids, { firstHandout: () => (spent.first = cpu()), lastAnswer: () => (spent.last = cpu()) });
    const since = fake.calls.length;
    const post = await postUpdates(targets, taps, { concurrency, redeliverEvery, onFirstPost: (u) => watch.posted(u) });
    await watch.finished(60_000 + members * 20);
    const caughtUp = await rosterCaughtUp(fake, announcement.chat.id, announcement.message_id, members, 15_000 + members);
    const exitCodes: (number | null)[] = [];
    for (const bot of bots.splice(0)) {
      exitCodes.push(await bot.stop());
      stderrs.push(bot.stderr());
    }

    // the queries posted twice: a second answer to one is refused, as Telegram refuses it
    const queryOf = new Map(taps.map((u) => [u.update_id, u.callback_query!.id]));
    const redelivered = new Set(post.redeliveredIds.map((updateId) => queryOf.get(updateId)!));
    const answers = new Map<string, number>();
    for (const c of fake.calls.slice(since)) {
      const id = String(c.params.callback_query_id);
      if (c.method === "answerCallbackQuery") answers.set(id, (answers.get(id) ?? 0) + 1);
    }
    const outcome = watch.outcome();
    const extraOfRedelivered = [...answers].filter(([id]) => redelivered.has(id)).reduce((s, [, n]) => s + Math.max(0, n - 1), 0);
    const otherRejections = fake.rejected
      .filter((c) => !(c.method === "answerCallbackQuery" && redelivered.has(String(c.params.callback_query_id))))
      .map((c) => `${c.method} → ${c.response.error_code} ${c.response.description}`);

    const check = await openDatabase(databaseUrl);
    try {
      const orders = await check.db.order.findMany({ where: { groupBuyId: buyId }, select: { id: true, quantity: true, status: true, member: { select: { telegramId: true } } } });
      const events = await check.db.orderEvent.count({ where: { orderId: { in: orders.map((o) => o.id) } } });
      const buy = await check.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
      const memberIds = new Set(orders.map((o) => Number(o.member.telegramId)));
      const everyMember = memberIds.size === members && [...memberIds].every((id) => id >= FIRST_MEMBER && id < FIRST_MEMBER + members);
      return {
        instances,
        members,
        outcome,
        post,
        cpuMsPerUpdate: (spent.last - spent.first) / members,
        answered: watch.answered(),
        extraAnswers: outcome.extraAnswers,
        extraAnswersOfRedelivered: extraOfRedelivered,
        silentAnswers: [...outcome.texts.values()].filter((t) => !t).length,
        otherRejections,
        orders: { count: orders.length, members: memberIds.size, allOnePerMember: everyMember && orders.every((o) => o.quantity === 1 && o.status === "ACTIVE"), events },
        buy: { totalQty: buy.totalQty, orderCount: buy.orderCount },
        rosterCaughtUp: caughtUp,
        exitCodes,
        stderr: stderrs.join(""),
      };
    } finally {
      await check.close();
    }
  } catch (error) {
    const said = bots.map((b) => b.stderr().trim()).filter(Boolean).join("\n");
    throw new Error(`${error instanceof Error ? error.message : String(error)}${said ? `\nthe bots said: ${said.slice(0, 2000)}` : ""}`);
  } finally {
    for (const bot of bots) await bot.stop();
    await fake.stop();
  }
}

/** The run's checks: nothing lost, nothing doubled, every tap answered, the roster complete. */
export function twinChecks(run: TwinRun): { name: string; ok: boolean; detail?: string }[] {
  const n = run.members;
  const statuses = [...run.post.statuses].map(([s, k]) => `${k}×${s}`).join(", ");
  return [
    {
      name: "one order per member, quantity 1 (nothing lost or doubled)",
      ok: run.orders.count === n && run.orders.allOnePerMember && run.orders.events === n,
      detail: `${run.orders.count} orders, ${run.orders.members} members, ${run.orders.events} order events`,
    },
    { name: "the buy's totals count each order once", ok: run.buy.totalQty === n && run.buy.orderCount === n, detail: `total ${run.buy.totalQty}, orders ${run.buy.orderCount}` },
    {
      name: "every callback query answered, with a toast; a second answer only to a re-delivered one",
      ok: run.answered === n && run.silentAnswers === 0 && run.extraAnswers === run.extraAnswersOfRedelivered && run.extraAnswers <= run.post.redelivered,
      detail: `${run.answered}/${n}, ${run.silentAnswers} silent, ${run.extraAnswers} second answers (${run.post.redelivered} re-deliveries)`,
    },
    { name: "every webhook request answered 200", ok: run.post.failed === 0 && (run.post.statuses.get(200) ?? 0) === run.post.posted, detail: `${run.post.posted} requests: ${statuses}, ${run.post.failed} failed` },
    { name: "the announcement shows every member in the end", ok: run.rosterCaughtUp },
    { name: "no other call rejected by the Bot API", ok: run.otherRejections.length === 0, detail: run.otherRejections.slice(0, 3).join("; ") || undefined },
    { name: "every instance stopped cleanly", ok: run.exitCodes.every((c) => c === 0), detail: `exit ${run.exitCodes.join(", ")}${run.stderr ? `; ${run.stderr.trim().split("\n")[0]}` : ""}` },
  ];
}
