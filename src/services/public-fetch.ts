import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "../domain/network-address";

// Fetching a URL a member gave (another co-op's DFC catalogue) without letting
// them point the bot at the machine's own network: every address the name
// resolves to must pass `allow` (public addresses only, unless the operator
// said otherwise), checked at connect time so a name can't resolve to a public
// address for the check and a private one for the connection. Redirects are
// followed by hand and each hop is checked again; the body is capped.

export type FetchRefusal = "bad-url" | "address" | "too-big" | "timeout" | "status" | "unreachable";

export class FetchRefused extends Error {
  constructor(
    readonly reason: FetchRefusal,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export type PublicFetchOptions = {
  maxBytes: number;
  timeoutMs: number;
  /** which resolved addresses may be connected to; default: public ones only */
  allow?: (ip: string) => boolean;
  maxRedirects?: number;
  accept?: string;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function guardedLookup(allow: (ip: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((a) => !allow(a.address));
      if (refused || addresses.length === 0) return callback(new FetchRefused("address", `${hostname} resolves to ${refused?.address ?? "nothing"}`), "", 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function once(url: URL, options: Required<Omit<PublicFetchOptions, "maxRedirects">>, signal: AbortSignal): Promise<{ status: number; location?: string; body?: Buffer }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.get(url, { lookup: guardedLookup(options.allow), signal, headers: { accept: options.accept } }, (response) => {
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.resume();
        return resolve({ status, location: response.headers.location });
      }
      if (status !== 200) {
        response.resume();
        return resolve({ status });
      }
      if (Number(response.headers["content-length"] ?? 0) > options.maxBytes) {
        response.destroy();
        return reject(new FetchRefused("too-big", `declared ${response.headers["content-length"]} bytes`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) response.destroy(new FetchRefused("too-big", `over ${options.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      response.on("error", reject);
      response.on("end", () => resolve({ status, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
  });
}

function parsed(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchRefused("bad-url", "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchRefused("bad-url", `protocol ${url.protocol}`);
  return url;
}

/** The body of `raw` (following at most `maxRedirects` redirects), or a FetchRefused saying why not. */
export async function fetchPublic(raw: string, options: PublicFetchOptions): Promise<Buffer> {
  const settings = { maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, allow: options.allow ?? isPublicAddress, accept: options.accept ?? "*/*" };
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = parsed(raw);
  for (let hop = 0; ; hop++) {
    // an address written in the URL is connected to without a lookup: check it here
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(literal) && !settings.allow(literal)) throw new FetchRefused("address", literal);
    let result;
    try {
      result = await once(url, settings, signal);
    } catch (error) {
      if (error instanceof FetchRefused) throw error;
      if (signal.aborted) throw new FetchRefused("timeout", `after ${options.timeoutMs} ms`);
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof FetchRefused) throw cause;
      throw new FetchRefused("unreachable", String(error));
    }
    if (result.body) return result.body;
    if (!result.location || !REDIRECTS.has(result.status)) throw new FetchRefused("status", `HTTP ${result.status}`);
    if (hop >= (options.maxRedirects ?? 3)) throw new FetchRefused("status", "too many redirects");
    url = parsed(result.location, url);
  }
}
