import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "../../src/domain/network-address";
import { FetchRefused, fetchPublic } from "../../src/services/public-fetch";

// The fetcher a member's catalogue URL goes through: a loopback server stands
// in for the internet, and `allow` says which of its addresses count as public.

let server: Server;
let base: string;
const routes: Record<string, (res: ServerResponse) => void> = {
  "/ok": (res) => res.end('{"ok":true}'),
  "/big": (res) => res.end("x".repeat(3000)),
  "/chunked": (res) => {
    res.write("x".repeat(1500));
    res.end("x".repeat(1500));
  },
  "/missing": (res) => res.writeHead(404).end(),
  "/to-ok": (res) => res.writeHead(302, { location: "/ok" }).end(),
  "/to-other-host": (res) => res.writeHead(301, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/ok` }).end(),
  "/loop": (res) => res.writeHead(302, { location: "/loop" }).end(),
  "/to-file": (res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
  "/silent": () => undefined,
};

beforeAll(async () => {
  server = createServer((req, res) => (routes[req.url ?? ""] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res));
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const onlyLoopback1 = (ip: string) => ip === "127.0.0.1";
const get = (path: string, allow: (ip: string) => boolean = onlyLoopback1, maxBytes = 2000) =>
  fetchPublic(path.startsWith("http") || !path.startsWith("/") ? path : base + path, { maxBytes, timeoutMs: 1500, allow });
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FetchRefused);
  return (error as FetchRefused).reason;
}

describe("fetchPublic", () => {
  it("reads a body from an allowed address, following a redirect", async () => {
    expect((await get("/ok")).toString()).toBe('{"ok":true}');
    expect((await get("/to-ok")).toString()).toBe('{"ok":true}');
  });

  it("refuses the machine's own addresses by default: an IP in the URL and a name that resolves to one", async () => {
    expect(await refusal(get("/ok", isPublicAddress))).toBe("address");
    expect(await refusal(get(base.replace("127.0.0.1", "localhost") + "/ok", isPublicAddress))).toBe("address");
    expect(await refusal(get(`http://[::1]:1/ok`, isPublicAddress))).toBe("address");
  });

  it("connects through a name when every address it resolves to is allowed", async () => {
    const byName = base.replace("127.0.0.1", "localhost") + "/ok";
    expect((await get(byName, (ip) => ip === "127.0.0.1" || ip === "::1")).toString()).toBe('{"ok":true}');
  });

  it("checks every redirect's address again", async () => {
    expect(await refusal(get("/to-other-host"))).toBe("address");
    // the same hop is followed where that address is allowed
    expect((await get("/to-other-host", (ip) => ip.startsWith("127.0.0."))).toString()).toBe('{"ok":true}');
  });

  it("caps the body, declared or streamed", async () => {
    expect(await refusal(get("/big"))).toBe("too-big");
    expect(await refusal(get("/chunked"))).toBe("too-big");
    expect((await get("/chunked", onlyLoopback1, 3000)).length).toBe(3000);
  });

  it("says why otherwise: not http(s), a status, a redirect loop, a server that never answers", async () => {
    expect(await refusal(get("file:///etc/passwd"))).toBe("bad-url");
    expect(await refusal(get("not a url"))).toBe("bad-url");
    expect(await refusal(get("/to-file"))).toBe("bad-url");
    expect(await refusal(get("/missing"))).toBe("status");
    expect(await refusal(get("/loop"))).toBe("status");
    expect(await refusal(get("/silent"))).toBe("timeout");
    expect(await refusal(get("http://127.0.0.1:1/ok"))).toBe("unreachable");
  });
});

describe("isPublicAddress", () => {
  it("passes public addresses and refuses loopback, private, link-local, reserved and mapped forms of them", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
      "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::a9fe:a9fe", "localhost", ""])
      expect(isPublicAddress(ip), ip).toBe(false);
  });
});
