import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, user } from "../fake-telegram/updates";
import { members } from "../helpers/group-buy-fixtures";
import { riceBuy, settleStatements } from "../helpers/statement-fixtures";
import { startTestWeb, turnPageOn, type TestWeb } from "../helpers/web";

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

async function setup() {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const joiners = members(3);
  const community = await riceBuy(h, boss, rita, joiners, "5%");
  web = await startTestWeb(h);
  return { ...community, joiners };
}

describe("the public open-books page", () => {
  it("is 404 while the community's page is off, for unknown communities, and for what is not a community page", async () => {
    const { communityId } = await setup();
    for (const path of [`/c/${communityId}`, "/c/99999", `/c/${communityId}/charts/product-1.png`, "/c/0", "/c/abc"]) {
      const response = await fetch(web!.base + path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'none'");
    }
    // the same answer for both: nobody learns which communities exist
    const off = await (await fetch(`${web!.base}/c/${communityId}`)).text();
    const unknown = await (await fetch(`${web!.base}/c/99999`)).text();
    expect(off).toBe(unknown);
  });

  it("shows the products with their costs and chart, the open buy, and the month's books; in the community's language or ?lang", async () => {
    const { communityId, buyId } = await setup();
    await turnPageOn(h, communityId);
    const response = await fetch(`${web!.base}/c/${communityId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("Green Street Co-op 公开账本");
    expect(page).toContain("<h3>Organic rice</h3>");
    expect(page).toContain("Grown without pesticides by a family farm.");
    expect(page).toContain("生产者：Sunny Farm · Chongming");
    expect(page).not.toContain("13800000000"); // the producer's contact is the organizers' only
    expect(page).toMatch(/<td>Rice<\/td><td>生产者<\/td><td class="n">¥18\.00<\/td><td class="n">72\.0%<\/td>/);
    expect(page).toMatch(new RegExp(`#${buyId} Organic rice · ¥25\\.00/bag · 已订 6 件`));
    expect(page).toContain("账本</b>"); // this month's books, as /books month shows them
    const chart = /<img class="chart" src="([^"]+)"/.exec(page)![1]!;
    const png = await fetch(web!.base + chart.replace(/&amp;/g, "&"));
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG");
    // no name of a member anywhere on the page
    for (const name of ["Member1", "Member2", "Member3", "Boss"]) expect(page).not.toContain(name);

    const english = await (await fetch(`${web!.base}/c/${communityId}?lang=en`)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain("Green Street Co-op: open books");
    expect(english).toMatch(new RegExp(`#${buyId} Organic rice · ¥25\\.00/bag · 6 ordered`));
  });

  it("shows a closed buy's settlement statement as the group reads it", async () => {
    const { communityId, buyId, group } = await setup();
    await turnPageOn(h, communityId);
    await h.send(command(boss, group, "paid", `${buyId} 1`));
    await h.send(command(boss, group, "close", String(buyId)));
    await settleStatements(h);
    const page = await (await fetch(`${web!.base}/c/${communityId}?lang=zh`)).text();
    expect(page).toContain(`#${buyId} Organic rice · 已成团`);
    expect(page).toContain(`团购 #${buyId} 结算单`);
    expect(page).toContain("· Rita：¥7.50"); // the thanks board names her in the group too
    expect(page).toContain("合计 = 收入 ✓");
    for (const name of ["Member1", "Member2", "Member3"]) expect(page).not.toContain(name);
  });

  it("escapes every text a member wrote", async () => {
    const { communityId } = await setup();
    await turnPageOn(h, communityId);
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    await h.db.productRevision.updateMany({ data: { name: evil, story: `${evil} & more`, unit: `"bag"` } });
    await h.db.costLine.updateMany({ where: { label: "Rice" }, data: { label: evil } });
    await h.db.producer.updateMany({ data: { name: evil, location: evil } });
    await h.db.community.update({ where: { id: communityId }, data: { title: evil } });
    const page = await (await fetch(`${web!.base}/c/${communityId}`)).text();
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain("&amp; more");
    // the only script is our own file
    expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/assets/me-2.js" defer>']);
  });

  it("sends a strict CSP and caching headers; an unchanged page is 304 on If-None-Match", async () => {
    const { communityId } = await setup();
    await turnPageOn(h, communityId);
    const first = await fetch(`${web!.base}/c/${communityId}`);
    const csp = first.headers.get("content-security-policy")!;
    for (const part of ["default-src 'none'", "img-src 'self'", "style-src 'self'", "script-src 'self'", "font-src 'self'", "base-uri 'none'"]) expect(csp).toContain(part);
    expect(csp).not.toContain("unsafe-inline");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    const etag = first.headers.get("etag")!;
    // fetch asks for gzip as browsers do: the gzipped page is its own representation
    expect(first.headers.get("content-encoding")).toBe("gzip");
    expect(first.headers.get("vary")).toBe("Accept-Encoding");
    expect(etag).toMatch(/^"[\w-]{27}-gz"$/);
    const again = await fetch(`${web!.base}/c/${communityId}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // a change to the page is a new ETag: the browser gets the new page
    await h.db.productRevision.updateMany({ data: { story: "A new story." } });
    const changed = await fetch(`${web!.base}/c/${communityId}`, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    // the style sheet, the script and the fonts are our own files, kept by browsers
    const page = await first.text();
    for (const href of [...page.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)) {
      const asset = await fetch(web!.base + href);
      expect(asset.status, href).toBe(200);
      expect(asset.headers.get("cache-control"), href).toContain("immutable");
    }
  });

  it("serves the CJK font's chunks and nothing else from the font folder", async () => {
    await setup();
    const css = await (await fetch(`${web!.base}/assets/fonts-1.css`)).text();
    const file = /url\(\/assets\/fonts\/([^)]+\.woff2)\)/.exec(css)![1]!;
    expect(css).toContain("font-family: 'Noto Sans SC'");
    const font = await fetch(`${web!.base}/assets/fonts/${file}`);
    expect(font.status).toBe(200);
    expect(font.headers.get("content-type")).toBe("font/woff2");
    expect(Buffer.from(await font.arrayBuffer()).subarray(0, 4).toString()).toBe("wOF2");
    for (const path of ["/assets/fonts/..%2Fpackage.json", "/assets/fonts/noto-sans-sc-1-700-normal.woff2", "/assets/fonts/x.woff2"]) {
      expect((await fetch(web!.base + path)).status, path).toBe(404);
    }
  });

  it("is rendered at most every 15 s (the bot's clock), a 404 never kept: a page turned on shows at once", async () => {
    const { communityId } = await setup();
    await web!.stop();
    web = await startTestWeb(h, { pageCacheMs: 15_000 });
    expect((await fetch(`${web.base}/c/${communityId}`)).status).toBe(404);
    await turnPageOn(h, communityId);
    const first = await (await fetch(`${web.base}/c/${communityId}`)).text();
    expect(first).toContain("Grown without pesticides");
    await h.db.productRevision.updateMany({ data: { story: "A new story." } });
    expect(await (await fetch(`${web.base}/c/${communityId}`)).text()).toBe(first); // the same rendering
    h.clock.advance(15_000);
    // the first reader after 15 s still gets the last rendering while a new one is made; then the new one
    expect(await (await fetch(`${web.base}/c/${communityId}`)).text()).toBe(first);
    let latest = first;
    for (let i = 0; i < 50 && latest === first; i++) {
      await new Promise((r) => setTimeout(r, 100));
      latest = await (await fetch(`${web.base}/c/${communityId}`)).text();
    }
    expect(latest).toContain("A new story.");
  });

  it("limits each client: past the burst 429 with Retry-After, static files not counted", async () => {
    const { communityId } = await setup();
    await turnPageOn(h, communityId);
    await web!.stop();
    web = await startTestWeb(h, { rateLimit: { perMinute: 60, burst: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${web.base}/c/${communityId}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${web.base}/c/${communityId}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await fetch(`${web.base}/assets/page-1.css`)).status).toBe(200);
    // a minute on (the bot's clock), the bucket is full again
    h.clock.advance(60_000);
    expect((await fetch(`${web.base}/c/${communityId}`)).status).toBe(200);
  });
});
