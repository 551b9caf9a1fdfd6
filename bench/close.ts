import type { User } from "grammy/types";
import { FakeTelegram } from "../test/fake-telegram/server";
import { command, privateChat, user } from "../test/fake-telegram/updates";
import type { Call } from "../test/fake-telegram/types";
import { startBotProcess } from "./lib/bot-process";
import { checkClose, checkCsv, type Check } from "./lib/close-checks";
import { freshDatabase } from "./lib/database";
import { COMMUNITY_CHAT_ID, ORGANIZER_TELEGRAM_ID, seedBigBuy } from "../test/helpers/big-buy";
import { cpuMilliseconds, procStatusMegabytes, resetPeak, round } from "./lib/stats";
import { below, plain, type BenchOptions, type BenchResult, type Benchmark, type DbKind } from "./lib/types";
import { TOKEN } from "./footprint";

const CSV_HEADER = "Order,Member,Username,Quantity,Unit price,Amount,Currency,Order status,Original quantity,Referrer,Attribution,Self-referral,Payment,Paid at,Pickup,Picked up at,Ordered at,Rule kind,Rule value,Commission";

export type SizeRun = {
  orders: number;
  closeMs: number;
  exportMs: number;
  /** the bot's RSS, idle, right before /close */
  idleMb: number;
  /** the bot's peak RSS from /close until the export's last byte */
  peakMb: number;
  /** the peak until the reply to /close, and from there until the export's last byte */
  closePeakMb: number;
  exportPeakMb: number;
  /** the bot's CPU time (user + system) from /close until the export's last byte: steadier than wall time on a busy machine */
  cpuMs: number;
  checks: Check[];
};

/** Resolves with the first call (as it is answered) that matches; one listener serves them all. */
function callWatcher(fake: FakeTelegram) {
  const waiting = new Set<{ match: (c: Call) => boolean; resolve: (v: { call: Call; at: number }) => void }>();
  fake.onCall((call) => {
    const at = performance.now(); // answered: for an upload, after its last byte arrived
    for (const w of waiting) if (w.match(call)) (waiting.delete(w), w.resolve({ call, at }));
  });
  return (match: (c: Call) => boolean, timeoutMs: number, what: string) =>
    new Promise<{ call: Call; at: number }>((resolve, reject) => {
      const timer = setTimeout(() => (waiting.delete(entry), reject(new Error(`close bench: no ${what} within ${timeoutMs} ms`))), timeoutMs);
      const entry = { match, resolve: (v: { call: Call; at: number }) => (clearTimeout(timer), resolve(v)) };
      waiting.add(entry);
    });
}

/**
 * One buy of `orders` orders, closed and exported by the real bot (`npm start`'s
 * code in a child process) as an organizer does it: `/close <buy>`, then
 * `/export <buy>` in a private chat with the bot. The close is timed until
 * its reply, the export until the fake Bot API has received the document's
 * last byte. The peak is the bot process's VmHWM, reset right before /close
 * (and again before /export, for the export's own): it covers the close, the
 * export and whatever the bot's scheduler does meanwhile (the outbox starts
 * sending the notices), on top of the idle process.
 */
export async function closeAtSize(db: DbKind, orders: number): Promise<SizeRun> {
  const database = await freshDatabase(db);
  const fake = new FakeTelegram({ token: TOKEN });
  try {
    const seeded = await seedBigBuy(database.url, { orders });
    const apiRoot = await fake.start();
    const next = callWatcher(fake);
    const organizer: User = user({ id: ORGANIZER_TELEGRAM_ID, first_name: "Olga", username: "olga_org", language_code: "en" });
    const chat = privateChat(organizer);
    // the seeded group and its organizer are known to Telegram (the bot sets the organizer's own command menu there)
    fake.state.chats.set(COMMUNITY_CHAT_ID, { id: COMMUNITY_CHAT_ID, type: "supergroup", title: "Seeded co-op" });
    fake.setChatMember(COMMUNITY_CHAT_ID, organizer.id, "administrator", organizer);
    const toOrganizer = (method: string) => (c: Call) => c.method === method && Number(c.params.chat_id) === organizer.id;
    const announced = next((c) => c.method === "sendMessage" && Number(c.params.chat_id) === COMMUNITY_CHAT_ID, 60_000, "announcement");
    const bot = startBotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: database.url, ORGANIZER_IDS: String(organizer.id) });
    let run: Omit<SizeRun, "checks">;
    let csv: Buffer | undefined;
    let replied: Call;
    try {
      await announced; // started, and its first scheduler pass is done
      await new Promise((r) => setTimeout(r, 1000));
      const pid = bot.child.pid!;
      resetPeak(pid);
      const idleMb = procStatusMegabytes(pid, "VmRSS");
      const cpuBefore = cpuMilliseconds(pid);

      const closeAsked = performance.now();
      const closeReply = next(toOrganizer("sendMessage"), 120_000, "reply to /close");
      fake.pushUpdate(command(organizer, chat, "close", String(seeded.buyId)));
      const closed = await closeReply;
      replied = closed.call;
      const closePeakMb = procStatusMegabytes(pid, "VmHWM");

      resetPeak(pid); // the export's own peak (VmHWM restarts from the RSS the close left)
      const exportAsked = performance.now();
      const document = next(toOrganizer("sendDocument"), 120_000, "export document");
      fake.pushUpdate(command(organizer, chat, "export", String(seeded.buyId)));
      const exported = await document;
      const exportPeakMb = procStatusMegabytes(pid, "VmHWM");
      const peakMb = Math.max(closePeakMb, exportPeakMb);
      const cpuMs = cpuMilliseconds(pid) - cpuBefore;

      const fileId = (exported.call.response.result as { document?: { file_id: string } } | undefined)?.document?.file_id;
      csv = fileId ? fake.state.files.get(fileId)?.bytes : undefined;
      run = { orders, closeMs: closed.at - closeAsked, exportMs: exported.at - exportAsked, idleMb, peakMb, closePeakMb, exportPeakMb, cpuMs };
    } finally {
      await bot.stop();
    }
    const checks: Check[] = [
      { name: "/close answered: closed and going ahead", ok: String(replied.params.text).includes("going ahead"), detail: String(replied.params.text).slice(0, 80) },
      ...(await checkClose(database.url, seeded)),
      ...checkCsv(csv, seeded, CSV_HEADER),
      { name: "no call rejected by the Bot API", ok: fake.rejected.length === 0, detail: fake.rejected[0] && `${fake.rejected[0].method}: ${fake.rejected[0].response.description}` },
    ];
    return { ...run, checks };
  } finally {
    await fake.stop();
    await database.cleanup();
  }
}

/**
 * Close and export of a buy with a tenth of 10,000 orders (200 with --quick),
 * then of one with all: how the peak grows with the number of orders. What
 * the bot holds at once doesn't (the close and the accruals take a page of
 * orders at a time, the export a batch); the peak still grows with the
 * garbage V8 lets pile up before a full collection, up to its heap limit
 * (about four times the live heap, reached at some 20,000 orders).
 */
export async function closeBench({ db, quick }: BenchOptions): Promise<BenchResult> {
  const orders = quick ? 200 : 10_000;
  const small = await closeAtSize(db, orders / 10);
  const large = await closeAtSize(db, orders);
  const growthMb = large.peakMb - large.idleMb - (small.peakMb - small.idleMb);
  const perOrderKb = (growthMb * 1024) / (large.orders - small.orders);
  return {
    bench: "close",
    db,
    params: { orders, compared_with: small.orders },
    figures: [
      plain("close (/close → reply)", round(large.closeMs, 0), "ms"),
      plain("export (/export → last CSV byte)", round(large.exportMs, 0), "ms"),
      below("close + export", round(large.closeMs + large.exportMs, 0), "ms", 1000),
      plain("bot CPU time, close + export", round(large.cpuMs, 0), "ms"),
      plain("bot RSS idle before /close", round(large.idleMb), "MB"),
      below("bot peak RSS (VmHWM)", round(large.peakMb), "MB", 250),
      plain("peak RSS until the reply to /close", round(large.closePeakMb), "MB"),
      plain("peak RSS during the export", round(large.exportPeakMb), "MB"),
      plain(`peak above idle, ${small.orders} orders`, round(small.peakMb - small.idleMb), "MB"),
      plain(`peak above idle, ${large.orders} orders`, round(large.peakMb - large.idleMb), "MB"),
      plain("peak growth per order", round(perOrderKb, 2), "KB"),
    ],
    checks: [
      ...large.checks,
      ...small.checks.filter((c) => !c.ok).map((c) => ({ ...c, name: `${small.orders} orders: ${c.name}` })),
    ],
  };
}

export const closeBenchmark: Benchmark = {
  name: "close",
  description: "close and CSV export of a buy with 10,000 orders by the real bot: wall time, peak RSS, its growth with orders",
  run: async (options) => [await closeBench(options)],
};
