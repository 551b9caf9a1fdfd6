// The web pages' plumbing: a route table, the security and cache headers
// every answer carries, ETags (304 on If-None-Match), per-IP token buckets
// (429 with Retry-After), and streamed bodies. Routes return a WebAnswer;
// nothing here knows what a page shows. Adding a route is one entry:
//   { method: "GET", path: /^\/dfc\/(\d+)\/catalog$/, handle: async (req, [id]) => ({ status: 200, type: JSON_LD, stream: … }) }
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger";
import { TokenBuckets, type RateLimitOptions } from "../domain/rate-limit";

export const HTML = "text/html; charset=utf-8";
export const JSON_LD = "application/ld+json; charset=utf-8";

export type WebRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  ip: string;
  /** the request's body as text, refused over `maxBytes` (a 413) */
  text(maxBytes?: number): Promise<string>;
};

export type WebAnswer = {
  status: number;
  type: string;
  /** default: public, max-age=60 for 200s; no-store otherwise */
  cacheControl?: string;
  headers?: Record<string, string>;
  /** the body's ETag when the route has it already (a cached page); computed otherwise */
  etag?: string;
  /** the body gzipped, made once by a route that serves it often (sent to clients that accept gzip) */
  gzip?: Buffer;
} & ({ body: string | Buffer } | { /** streamed: no ETag, no Content-Length */ stream: AsyncIterable<string | Buffer> });

export type Route = {
  method: "GET" | "POST";
  path: RegExp;
  /** counted against the client's token bucket (pages and data that cost a database read; not static files) */
  limited?: boolean;
  /** params: the path's capture groups */
  handle(req: WebRequest, params: string[]): Promise<WebAnswer>;
};

/** What every answer says about itself: no script but ours, no framing but Telegram's, no sniffing, no referrer. */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self' https://web.telegram.org",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export const PUBLIC_CACHE = "public, max-age=60";
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
export const PRIVATE_CACHE = "private, no-store";

export class BodyTooLarge extends Error {}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

/** A strong ETag: the body's SHA-256, shortened. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

export type WebHandlerOptions = { routes: Route[]; logger: Logger; rateLimit?: RateLimitOptions; now?: () => number; errorPage?: (status: number) => WebAnswer };

/** The requests these routes take; others are left (false) to whoever else serves on the port. */
export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function webHandler(options: WebHandlerOptions): WebHandler {
  const buckets = options.rateLimit ? new TokenBuckets(options.rateLimit) : undefined;
  const now = options.now ?? Date.now;
  const plain = (status: number): WebAnswer => options.errorPage?.(status) ?? { status, type: "text/plain; charset=utf-8", body: `${status}\n` };
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const forPath = options.routes.filter((r) => r.path.test(url.pathname));
    if (forPath.length === 0) return false;
    const ip = req.socket.remoteAddress ?? "unknown";
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    const route = forPath.find((r) => r.method === method);
    const admission = forPath.some((r) => r.limited) ? buckets?.take(ip, now()) : undefined;
    if (admission && !admission.ok) {
      await write(req, res, { ...plain(429), headers: { "Retry-After": String(admission.retryAfterS) } });
      return true;
    }
    if (!route) {
      await write(req, res, { ...plain(405), headers: { Allow: [...new Set(forPath.map((r) => r.method))].join(", ") } });
      return true;
    }
    const request: WebRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, ip, text: (max) => readBody(req, max) };
    let answer: WebAnswer;
    try {
      answer = await route.handle(request, route.path.exec(url.pathname)!.slice(1));
    } catch (error) {
      if (error instanceof BodyTooLarge) answer = plain(413);
      else {
        options.logger.error("web request failed", { path: url.pathname, error });
        answer = plain(500);
      }
    }
    await write(req, res, answer);
    return true;
  };
}

async function readBody(req: IncomingMessage, maxBytes = 16_384): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function write(req: IncomingMessage, res: ServerResponse, answer: WebAnswer): Promise<void> {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "Content-Type": answer.type,
    "Cache-Control": answer.cacheControl ?? (answer.status === 200 ? PUBLIC_CACHE : "no-store"),
    ...answer.headers,
  };
  const head = req.method === "HEAD";
  if ("stream" in answer) {
    res.writeHead(answer.status, headers);
    if (head) return void res.end();
    for await (const chunk of answer.stream) {
      // the client reads slowly: wait for the socket rather than hold the whole body in memory
      if (!res.write(chunk)) await new Promise<void>((resolve) => (res.once("drain", resolve), res.once("close", resolve)));
      if (res.destroyed) return;
    }
    return void res.end();
  }
  let body = answer.body;
  if (answer.gzip) {
    headers.Vary = "Accept-Encoding";
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      body = answer.gzip;
      headers["Content-Encoding"] = "gzip";
    }
  }
  if (answer.status === 200) {
    // each encoding is its own representation, with its own tag
    const etag = (answer.etag ?? etagOf(answer.body)).replace(/"$/, body === answer.gzip ? '-gz"' : '"');
    headers.ETag = etag;
    if (matches(req.headers["if-none-match"], etag)) {
      delete headers["Content-Type"];
      delete headers["Content-Encoding"];
      res.writeHead(304, headers);
      return void res.end();
    }
  }
  headers["Content-Length"] = String(Buffer.byteLength(body));
  res.writeHead(answer.status, headers);
  res.end(head ? undefined : body);
}
