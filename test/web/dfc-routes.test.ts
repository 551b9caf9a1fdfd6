import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { members } from "../helpers/group-buy-fixtures";
import { riceBuy } from "../helpers/statement-fixtures";
import { startTestWeb, turnPageOn, type TestWeb } from "../helpers/web";
import { issueReadToken, revokeReadTokens } from "../../src/db/read-tokens";

// The DFC routes: public documents while the page is on (404 otherwise, and for
// what does not exist), the orders only with a live read token of the community.

let h: Harness;
let web: TestWeb | undefined;
afterEach(async () => {
  await web?.stop();
  await h?.close();
  web = undefined;
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const BASE = "https://coop.test";

async function setup() {
  h = await createHarness({ organizerIds: [ORGANIZER], env: { PUBLIC_BASE_URL: BASE } });
  const community = await riceBuy(h, boss, rita, members(3), "5%");
  web = await startTestWeb(h);
  const organizer = await h.db.member.findFirstOrThrow({ where: { telegramId: BigInt(ORGANIZER) } });
  return { ...community, organizerId: organizer.id };
}

const get = (path: string, token?: string) => fetch(web!.base + path, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });

describe("the DFC routes", () => {
  it("are 404 while the page is off and for an unknown community or buy; the page on, the documents name these very routes", async () => {
    const { communityId, buyId } = await setup();
    const publicPaths = [`/dfc/${communityId}/catalog`, `/dfc/${communityId}/sale-sessions/${buyId}`];
    for (const path of publicPaths) expect((await get(path)).status, path).toBe(404);
    await turnPageOn(h, communityId);
    for (const path of ["/dfc/99999/catalog", "/dfc/99999/sale-sessions/1", `/dfc/${communityId}/sale-sessions/99999`, "/dfc/abc/catalog"]) {
      expect((await get(path)).status, path).toBe(404);
    }
    const catalog = await get(publicPaths[0]!);
    expect(catalog.status).toBe(200);
    expect(catalog.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(catalog.headers.get("cache-control")).toBe("public, max-age=60");
    expect(catalog.headers.get("content-security-policy")).toContain("default-src 'none'");
    const doc = (await catalog.json()) as { "@graph": unknown[] };
    const ids = (doc["@graph"] as { "@id": string }[]).map((n) => n["@id"]);
    expect(ids).toContain(`${BASE}/dfc/${communityId}/catalog#community`);
    const session = (await (await get(publicPaths[1]!)).json()) as { "@graph": unknown[] };
    const node = (session["@graph"] as { "@id": string }[]).find((n) => n["@id"] === `${BASE}/dfc/${communityId}/sale-sessions/${buyId}`);
    expect(node).toBeDefined();
    // no member in the public documents
    expect(JSON.stringify(session)).not.toMatch(/orders#order-/);
  });

  it("the orders: 401 without a token, with a wrong one, another community's, or a revoked one; 404 for an unknown buy with a good one", async () => {
    const { communityId, buyId, organizerId } = await setup();
    const path = `/dfc/${communityId}/sale-sessions/${buyId}/orders`;
    const { token } = await issueReadToken(h.db, communityId, organizerId);
    const otherCommunity = await h.db.community.create({ data: { telegramChatId: -4242n, title: "Elsewhere" } });
    const { token: otherToken } = await issueReadToken(h.db, otherCommunity.id, organizerId);

    const absent = await get(path);
    expect(absent.status).toBe(401);
    expect(absent.headers.get("www-authenticate")).toContain("Bearer");
    expect(absent.headers.get("cache-control")).toBe("no-store");
    for (const wrong of ["nope", "x".repeat(43), otherToken]) expect((await get(path, wrong)).status, wrong).toBe(401);
    // an unknown community: no token of it can exist, so 401 (whether it exists is not told)
    expect((await get(`/dfc/99999/sale-sessions/${buyId}/orders`, token)).status).toBe(401);
    expect((await get(`/dfc/${otherCommunity.id}/sale-sessions/${buyId}/orders`, otherToken)).status).toBe(404);
    expect((await get(`/dfc/${communityId}/sale-sessions/99999/orders`, token)).status).toBe(404);

    // the page need not be on: the token is the community's consent
    const ok = await get(path, token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    const orders = (await ok.json()) as { "@graph": unknown[] };
    const lines = (orders["@graph"] as { "@id": string }[]).filter((n) => n["@id"].startsWith(`${BASE}${path}#order-`));
    expect(lines).toHaveLength(3);
    expect(JSON.stringify(orders)).not.toContain("Rita");

    await revokeReadTokens(h.db, communityId, h.clock.now());
    expect((await get(path, token)).status).toBe(401);
  });

  it("count against the client's rate limit like the page", async () => {
    const { communityId } = await setup();
    await web!.stop();
    web = await startTestWeb(h, { rateLimit: { perMinute: 2, burst: 2 } });
    const path = `/dfc/${communityId}/catalog`;
    expect((await get(path)).status).toBe(404);
    expect((await get(path)).status).toBe(404);
    const limited = await get(path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});
