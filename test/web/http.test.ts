import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { memberId, setupCommunity } from "../helpers/group-buy-fixtures";
import { startWebServer, type WebServer } from "../../src/web/server";
import { JSON_LD, webHandler, type Route } from "../../src/web/http";
import { requireReadToken } from "../../src/web/read-token";
import { issueReadToken, revokeReadTokens } from "../../src/db/read-tokens";

// The route table as the DFC routes will use it: a streamed body behind the
// read-token check, beside the page's own routes.

let h: Harness;
let server: WebServer | undefined;
afterEach(async () => {
  await server?.stop(0);
  await h?.close();
  server = undefined;
});

async function serve(routes: Route[]): Promise<string> {
  server = await startWebServer({ host: "127.0.0.1", port: 0, handler: webHandler({ routes, logger: h.logger }), logger: h.logger });
  return `http://127.0.0.1:${server.port}`;
}

describe("the web route table", () => {
  it("streams a token-protected body: 200 with a live token; 401 absent, wrong, another community's or revoked", async () => {
    h = await createHarness({ organizerIds: [1000] });
    const boss = user({ id: 1000 });
    const { communityId } = await setupCommunity(h, boss);
    const { communityId: otherId } = await setupCommunity(h, boss, "Other Co-op");
    const by = await memberId(h, boss);
    const { id, token } = await issueReadToken(h.db, communityId, by);
    const { token: otherToken } = await issueReadToken(h.db, otherId, by);
    const orders: Route = {
      method: "GET",
      path: /^\/dfc\/(\d+)\/orders$/,
      limited: true,
      handle: async (req, [community]) => {
        const denied = await requireReadToken(h.db, Number(community), req);
        if (denied) return denied;
        async function* body() {
          yield '{"@graph":[';
          for (let i = 0; i < 1000; i++) yield `${i ? "," : ""}{"@id":"o${i}"}`;
          yield "]}";
        }
        return { status: 200, type: JSON_LD, cacheControl: "private, no-store", stream: body() };
      },
    };
    const base = await serve([orders]);
    const get = (auth?: string) => fetch(`${base}/dfc/${communityId}/orders`, { headers: auth ? { authorization: auth } : {} });
    const ok = await get(`Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe(JSON_LD);
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((JSON.parse(await ok.text()) as { "@graph": unknown[] })["@graph"]).toHaveLength(1000);
    for (const auth of [undefined, "Bearer nope", `Basic ${token}`, `Bearer ${otherToken}`]) {
      const denied = await get(auth);
      expect(denied.status, String(auth)).toBe(401);
      expect(denied.headers.get("www-authenticate")).toContain("Bearer");
    }
    await revokeReadTokens(h.db, communityId, h.clock.now(), id);
    expect((await get(`Bearer ${token}`)).status).toBe(401);
  });

  it("answers 405 with Allow for another method, 413 for a big body, HEAD without a body, and leaves other paths alone", async () => {
    h = await createHarness();
    const base = await serve([
      { method: "GET", path: /^\/x$/, handle: async () => ({ status: 200, type: "text/plain", body: "hello" }) },
      { method: "POST", path: /^\/y$/, handle: async (req) => ({ status: 200, type: "text/plain", body: String((await req.text(10)).length) }) },
    ]);
    const wrong = await fetch(`${base}/x`, { method: "POST" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect((await fetch(`${base}/y`, { method: "POST", body: "0123456789abc" })).status).toBe(413);
    expect(await (await fetch(`${base}/y`, { method: "POST", body: "01234" })).text()).toBe("5");
    const head = await fetch(`${base}/x`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("5");
    expect(await head.text()).toBe("");
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404); // the server's own 404: no route took it
  });
});
