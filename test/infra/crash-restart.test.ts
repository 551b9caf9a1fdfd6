import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { command, privateChat, user } from "../fake-telegram/updates";
import { TEST_TOKEN } from "../helpers/harness";
import { until } from "../helpers/bot-process";
import { useBotScratch } from "../helpers/bot-scratch";

// The real entry point, src/main.ts, on a SQLite file is killed with SIGKILL
// in the middle of a batch, then started again. It runs as `node --import tsx`
// rather than through the tsx CLI, which would run it in a child process of
// its own, out of reach of the SIGKILL.

/**
 * Between the bot and Telegram: forwards every call, except the ones `hold`
 * picks, which it keeps waiting and never forwards (they never reach Telegram).
 */
async function startProxy(target: string, hold: (method: string, params: Record<string, unknown>) => boolean) {
  let heldOne!: () => void;
  const held = new Promise<void>((resolve) => (heldOne = resolve));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "";
      let params: Record<string, unknown> = {};
      try {
        params = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        // not JSON (multipart): never held
      }
      if (hold(method, params)) return heldOne();
      fetch(target + req.url, {
        method: req.method,
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      })
        .then(async (upstream) => {
          res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
          res.end(Buffer.from(await upstream.arrayBuffer()));
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const scratch = useBotScratch("letscoop-crash-");

describe("a bot killed mid-batch", () => {
  it("gets the unconfirmed updates again on restart and handles each exactly once", async () => {
    // the bot creates and migrates the file at its start
    const s = await scratch({ migrate: false });
    const { fake, apiRoot } = s;
    const file = join(s.dir, "bot.db");
    const ann = user({ language_code: "en" });
    const ben = user({ language_code: "en" });
    // One batch: Ann's two updates are handled in turn, Ben's beside them.
    const a1 = fake.pushUpdate(command(ann, privateChat(ann), "start"));
    const a2 = fake.pushUpdate(command(ann, privateChat(ann), "help"));
    const b1 = fake.pushUpdate(command(ben, privateChat(ben), "start"));
    // Ben's reply never gets through: the process dies while sending it.
    const proxy = await startProxy(apiRoot, (method, params) => method === "sendMessage" && params.chat_id === ben.id);
    s.onCleanup(proxy.close);
    const env = { BOT_TOKEN: TEST_TOKEN, DATABASE_URL: s.url, LOG_LEVEL: "info" };

    const first = s.start({ ...env, TELEGRAM_API_ROOT: proxy.url });
    await proxy.held;
    await until(() => fake.messages(ann.id).length === 2, "Ann's two replies");
    // Ann's updates are recorded as handled before the kill
    // (a short-lived connection each time: one left open would keep the
    // restarted bot from recovering the killed one's write-ahead log)
    const handled = () => {
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return (reader.prepare('SELECT "updateId" AS id FROM "ProcessedUpdate" ORDER BY 1').all() as { id: number }[]).map((r) => Number(r.id));
      } finally {
        reader.close();
      }
    };
    await until(() => handled().length === 2, "Ann's updates to be marked handled");
    expect(handled()).toEqual([a1.update_id, a2.update_id]);

    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull(); // killed, no clean exit
    s.forget(first);
    // nothing of the batch was confirmed
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([a1.update_id, a2.update_id, b1.update_id]);
    expect(fake.messages(ben.id)).toHaveLength(0);

    const mark = fake.mark();
    const second = s.start({ ...env, TELEGRAM_API_ROOT: apiRoot });
    await fake.waitFor((c) => c.method === "sendMessage" && c.params.chat_id === ben.id, 20_000, mark);
    await fake.settle(10_000); // the batch is confirmed

    // re-delivered: the restarted bot's first getUpdates got the whole batch again
    const redelivered = fake.calls.slice(mark).find((c) => c.method === "getUpdates" && Array.isArray(c.response.result) && c.response.result.length > 0);
    expect((redelivered!.response.result as { update_id: number }[]).map((u) => u.update_id)).toEqual([a1.update_id, a2.update_id, b1.update_id]);
    // …and handled once: Ann's two were skipped, Ben's was handled now
    expect(fake.messages(ann.id)).toHaveLength(2);
    expect(fake.messages(ben.id)).toHaveLength(1);
    expect(fake.lastMessage(ben.id)!.text).toContain("Let's CO-OP!");
    const skipped = second
      .stderr()
      .split("\n")
      .filter((l) => l.includes('"msg":"duplicate update skipped"'))
      .map((l) => (JSON.parse(l) as { update_id: number }).update_id);
    expect(skipped).toEqual([a1.update_id, a2.update_id]);
    expect(handled()).toEqual([a1.update_id, a2.update_id, b1.update_id]);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    s.forget(second);
    expect(second.stderr()).not.toContain(TEST_TOKEN);
    fake.assertNoRejections();
  });
});
