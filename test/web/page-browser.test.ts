// The page in a real browser: Debian's chromium, driven by puppeteer-core
// (it downloads no browser). The machine has no CJK font of its own, so the
// Chinese seen here is drawn with the font the page serves itself. Skipped,
// saying so, where no browser is installed, except in CI (CI=true), which
// installs one (.ci/run) and fails without it.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import puppeteer, { type Browser } from "puppeteer-core";
import { createHarness, TEST_TOKEN, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { members } from "../helpers/group-buy-fixtures";
import { riceBuy } from "../helpers/statement-fixtures";
import { startTestWeb, turnPageOn, type TestWeb } from "../helpers/web";
import { signInitData } from "../../src/domain/web-app-init-data";

// The page's globals inside page.evaluate, as the browser has them (this project compiles against Node's types only).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
type HTMLImageElement = any;
type HTMLElement = any;

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter((p): p is string => !!p);
const browserPath = CANDIDATES.find((p) => existsSync(p));
const inCi = process.env.CI === "true";

if (!browserPath && !inCi) process.stderr.write(`page-browser.test.ts: SKIPPED, no Chromium found (looked at ${CANDIDATES.join(", ")}); install Debian's chromium or set CHROMIUM_PATH\n`);

let h: Harness;
let web: TestWeb | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await web?.stop();
  await h?.close();
  web = undefined;
});
afterAll(async () => {
  await browser?.close();
});

async function launch(): Promise<Browser> {
  if (!browserPath) throw new Error(`CI=true but no Chromium at ${CANDIDATES.join(", ")}: .ci/run installs Debian's chromium`);
  browser ??= await puppeteer.launch({ executablePath: browserPath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"] });
  return browser;
}

describe.skipIf(!browserPath && !inCi)("the open-books page in Chromium", () => {
  it("renders the page on a phone's screen, Chinese drawn with the page's own font, no CSP violation; screenshot kept", async () => {
    h = await createHarness({ organizerIds: [1000] });
    const { communityId, buyId } = await riceBuy(h, user({ id: 1000, first_name: "Boss" }), user({ first_name: "Rita" }), members(2), "5%");
    await h.db.productRevision.updateMany({ data: { name: "有机大米", story: "一个家庭农场种的，不用农药。" } });
    await turnPageOn(h, communityId);
    web = await startTestWeb(h);
    const page = await (await launch()).newPage();
    const problems: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
    page.on("pageerror", (e) => void problems.push(String(e)));
    page.on("response", (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true });
    await page.goto(`${web.base}/c/${communityId}`, { waitUntil: "networkidle0" });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    expect(await page.$eval("h1", (e) => e.textContent)).toContain("公开账本");
    expect(await page.$eval("article h3", (e) => e.textContent)).toBe("有机大米");
    expect(await page.$eval("article .story", (e) => e.textContent)).toBe("一个家庭农场种的，不用农药。");
    expect(await page.$eval(`#buy-${buyId}`, (e) => e.textContent)).toContain("已订 3 件");
    // the chart image loaded (a real PNG, decoded by the browser)
    await page.$eval("img.chart", (img) => (img as HTMLImageElement).scrollIntoView());
    await page.waitForFunction(() => (document.querySelector("img.chart") as HTMLImageElement).naturalWidth > 0);
    expect(await page.$eval("img.chart", (img) => (img as HTMLImageElement).naturalWidth)).toBe(800);

    // the font: its faces for these characters loaded from our server…
    const font = await page.evaluate(() => ({
      check: document.fonts.check('16px "Noto Sans SC"', "公开账本有机大米"),
      loaded: [...document.fonts].filter((f) => f.family.replace(/["']/g, "") === "Noto Sans SC" && f.status === "loaded").length,
    }));
    expect(font.check).toBe(true);
    expect(font.loaded).toBeGreaterThan(0);
    // …and on screen: two different characters draw different pixels (without a CJK font both are the same tofu box)
    const glyph = async (ch: string, family: string) => {
      await page.evaluate((c, f) => {
        document.getElementById("glyph")?.remove();
        const span = document.createElement("span");
        span.id = "glyph";
        span.textContent = c;
        span.style.cssText = `font: 48px ${f}; position: fixed; top: 0; left: 0; background: #fff; color: #000; line-height: 1`;
        document.body.append(span);
      }, ch, family);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return Buffer.from(await (await page.$("#glyph"))!.screenshot());
    };
    const ours = [await glyph("账", '"Noto Sans SC"'), await glyph("本", '"Noto Sans SC"')];
    expect(ours[0]!.equals(ours[1]!)).toBe(false);
    const fallback = [await glyph("账", "sans-serif"), await glyph("本", "sans-serif")];
    process.stdout.write(`page-browser: without the page's font this machine draws 账 and 本 ${fallback[0]!.equals(fallback[1]!) ? "the same (tofu: no system CJK font)" : "differently (it has a CJK font of its own)"}\n`);
    await page.evaluate(() => document.getElementById("glyph")?.remove());

    const dir = mkdtempSync(join(tmpdir(), "letscoop-page-"));
    const shot = join(dir, "open-books-page.png");
    await page.evaluate(() => window.scrollTo(0, 0));
    writeFileSync(shot, await page.screenshot({ fullPage: true }));
    process.stdout.write(`page-browser: screenshot at ${shot}\n`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("inside Telegram (initData in the launch URL), the page's own script fetches the member's orders", async () => {
    h = await createHarness({ organizerIds: [1000] });
    const joiners = members(2);
    const { communityId, buyId } = await riceBuy(h, user({ id: 1000, first_name: "Boss" }), user({ first_name: "Rita" }), joiners, "5%");
    await turnPageOn(h, communityId);
    web = await startTestWeb(h);
    const member = joiners[1]!;
    const initData = signInitData({ auth_date: String(Math.floor(h.clock.now().getTime() / 1000)), user: JSON.stringify({ id: member.id, first_name: member.first_name }) }, TEST_TOKEN);
    const page = await (await launch()).newPage();
    const problems: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
    await page.goto(`${web.base}/c/${communityId}?lang=en#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0`, { waitUntil: "networkidle0" });
    await page.waitForSelector("#me:not([hidden])");
    const mine = await page.$eval("#me", (e) => (e as HTMLElement).innerText);
    expect(mine).toContain("My orders");
    expect(mine).toMatch(new RegExp(`#${buyId}-2\\b`));
    expect(problems).toEqual([]);
    // opened outside Telegram, the section stays hidden
    await page.goto(`${web.base}/c/${communityId}?lang=en`, { waitUntil: "networkidle0" });
    expect(await page.$eval("#me", (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.close();
  });
});
