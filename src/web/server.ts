// Polling mode's small HTTP server for the web pages (WEB_PORT): the same
// handler the webhook server mounts, /healthz, 404 for the rest. Its stop
// waits for the requests in flight, up to a grace, then closes what is left.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger";
import { SECURITY_HEADERS, type WebHandler } from "./http";

export type WebServer = { port: number; stop(graceMs?: number): Promise<void> };

export async function startWebServer(options: { host: string; port: number; handler: WebHandler; logger: Logger }): Promise<WebServer> {
  const requests = new Set<Promise<void>>();
  let stopping = false;
  const server = createServer((req, res) => {
    const request = (async () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (path === "/healthz") {
        res.writeHead(stopping ? 503 : 200, { "Content-Type": "application/json" });
        return void res.end(JSON.stringify({ status: stopping ? "stopping" : "ok" }));
      }
      if (await options.handler(req, res)) return;
      res.writeHead(404, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
      res.end("404\n");
    })().catch((error: unknown) => {
      options.logger.error("web server error", { error });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
    requests.add(request);
    void request.finally(() => requests.delete(request));
  });
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
    async stop(graceMs = 5_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...requests]), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
