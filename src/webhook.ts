import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookCallback, type Bot, type WebhookReplyEnvelope } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./bot/context";
import type { Logger } from "./logger";
import { updateKey, UpdateLanes } from "./bot/update-key";
import type { WebHandler } from "./web/http";

/**
 * How long a webhook request may take before we answer 500 and let Telegram
 * deliver the update again (it gives up on a request after about a minute).
 * The handling goes on; the copy that comes back is skipped as a duplicate
 * once the first is done — in this process it waits for it.
 */
export const WEBHOOK_TIMEOUT_MS = 50_000;

export type Health = { ok: boolean } & Record<string, unknown>;

export type WebhookServerOptions = {
  bot: Bot<BotContext>;
  /** compared with X-Telegram-Bot-Api-Secret-Token; other requests get 401 */
  secret: string;
  /** the path of WEBHOOK_URL that Telegram posts to */
  path: string;
  host: string;
  /** 0: any free port (tests) */
  port: number;
  logger: Logger;
  /** GET /healthz: 200 when ok, 503 otherwise */
  health: () => Promise<Health>;
  /** resolves when updates still being handled (after a timeout) are done */
  updatesInFlight: () => Promise<void>;
  timeoutMs?: number;
  /** the web pages (src/web/): the requests it takes are its own; others come here */
  web?: WebHandler;
};

export type WebhookServer = {
  port: number;
  /** updates received and not yet handled (also those whose request timed out) */
  updatesInHand(): number;
  /** stops taking requests, finishes those in flight, then resolves */
  stop(graceMs?: number): Promise<void>;
};

/** A node:http server for Telegram's webhook requests and the load balancer's health checks. */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const { logger } = options;
  // Telegram posts over many connections at once: one member's updates are
  // handled in order (as the poller does), others' side by side. The wait in
  // the lane counts toward the request's timeout. Per instance only: with
  // several, the duplicate guard and transactions keep a member's orders safe.
  const lanes = new UpdateLanes();
  const bot = options.bot;
  let inHand = 0;
  const ordered: Bot<BotContext> = Object.create(bot, {
    handleUpdate: {
      value: async (update: Update, reply?: WebhookReplyEnvelope) => {
        inHand++;
        try {
          return await lanes.run(updateKey(update), () => bot.handleUpdate(update, reply));
        } finally {
          inHand--;
        }
      },
    },
  }) as Bot<BotContext>;
  const handleUpdate = webhookCallback(ordered, "http", {
    secretToken: options.secret,
    timeoutMilliseconds: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    onTimeout: "throw",
  });
  let stopping = false;
  const requests = new Set<Promise<void>>();

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      if (stopping) return json(res, 503, { status: "stopping" });
      const health = await options.health().catch((error: unknown) => ({ ok: false, error: String(error) }));
      return json(res, health.ok ? 200 : 503, { status: health.ok ? "ok" : "unavailable", ...health, ok: undefined });
    }
    if (path !== options.path) {
      if (options.web && (await options.web(req, res))) return;
      return json(res, 404, { error: "not found" });
    }
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      return json(res, 405, { error: "method not allowed" });
    }
    // a keep-alive connection may still bring one in: Telegram retries it elsewhere
    if (stopping) return json(res, 503, { error: "stopping" });
    try {
      await handleUpdate(req, res);
    } catch (error) {
      // A timeout, a body that is not JSON, or a failure around the handlers
      // (the database): not 200, so Telegram delivers the update again.
      const badBody = error instanceof SyntaxError;
      logger[badBody ? "warn" : "error"]("webhook request failed", { error: badBody ? "body is not JSON" : error });
      if (!res.headersSent) json(res, badBody ? 400 : 500, { error: badBody ? "bad request" : "not handled" });
      else if (!res.writableEnded) res.end();
    }
  };

  const server = createServer((req, res) => {
    const request = serve(req, res).catch((error: unknown) => {
      logger.error("webhook server error", { error });
      if (!res.headersSent) json(res, 500, { error: "internal" });
    });
    requests.add(request);
    void request.finally(() => requests.delete(request));
  });
  // Telegram keeps connections open between requests; above its own timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    updatesInHand: () => inHand,
    async stop(graceMs = (options.timeoutMs ?? WEBHOOK_TIMEOUT_MS) + 5_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = (async () => {
        await Promise.allSettled([...requests]);
        await options.updatesInFlight();
      })();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), graceMs)));
      if ((await Promise.race([drained.then(() => "done" as const), deadline])) === "late") {
        logger.warn("webhook requests still running at shutdown", { requests: requests.size });
      }
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
