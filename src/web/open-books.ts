// The routes of the public open-books page: the page, its products' charts
// and the member's own part (POST with Telegram's initData). A community
// whose page is off answers exactly as an unknown one: 404.
import type { I18n } from "@grammyjs/i18n";
import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Logger } from "../logger";
import { approvedRevisionOf, publicCommunity } from "../db/public-page";
import { isLocale } from "../domain/locale";
import type { Locale } from "../domain/money";
import { checkInitData } from "../domain/web-app-init-data";
import { translator } from "../views/env";
import { renderMoneyChart } from "../views/money-chart";
import { slicesByKind } from "../views/money-chart-slices";
import { readMemberPage, readPublicPage } from "../features/open-data/public-page";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { etagOf, HTML, PRIVATE_CACHE, type Route, type WebAnswer, type WebRequest } from "./http";
import { document, publicPageHtml } from "./page-view";
import { memberSectionHtml } from "./member-view";

export type WebDeps = {
  db: Db;
  i18n: Pick<I18n, "t">;
  clock: Clock;
  config: Pick<Config, "botToken" | "defaultLocale">;
  logger: Logger;
  /** how long a rendered page is served again before it is read anew (browsers keep it a minute too); 0: never */
  pageCacheMs?: number;
};

export const PAGE_CACHE_MS = 15_000;
const CHARTS_KEPT = 500;

type Cached = { at: number; answer: Promise<WebAnswer>; /** the last finished rendering */ ready?: WebAnswer; refreshing: boolean };

export function openBooksRoutes(deps: WebDeps): Route[] {
  const pageCacheMs = deps.pageCacheMs ?? PAGE_CACHE_MS;
  const pages = new Map<string, Cached>();
  const charts = new Map<string, Promise<Buffer | undefined>>();
  const notFound = () => errorAnswer(deps, 404);

  // Rendered once per community and language every few seconds, however many
  // read it at once; while a new rendering is under way, readers get the one
  // before (stale by a few seconds at most), so no request waits for a render.
  const page = async (req: WebRequest, [id]: string[]): Promise<WebAnswer> => {
    const lang = requestedLocale(req);
    if (pageCacheMs <= 0) return renderPage(deps, Number(id), lang);
    const key = `${id}:${lang ?? ""}`;
    const now = deps.clock.now().getTime();
    const hit = pages.get(key);
    if (hit && now - hit.at < pageCacheMs) return hit.ready ?? hit.answer;
    if (hit?.ready && hit.refreshing) return hit.ready;
    const answer = renderPage(deps, Number(id), lang);
    if (pages.size > 1000) pages.clear();
    const entry: Cached = { at: now, answer, ready: hit?.ready, refreshing: true };
    pages.set(key, entry);
    answer.then(
      // a 404 is not kept: a page just turned on shows at once
      (done) => (done.status === 200 ? Object.assign(entry, { ready: done, refreshing: false, at: deps.clock.now().getTime() }) : pages.delete(key)),
      () => pages.delete(key),
    );
    return entry.ready ?? answer;
  };

  const chart = async (req: WebRequest, [id, revision]: string[]): Promise<WebAnswer> => {
    const communityPage = await readCommunityLocale(deps, Number(id), requestedLocale(req));
    if (!communityPage) return notFound();
    const key = `${id}:${revision}:${communityPage}`;
    let png = charts.get(key);
    if (!png) {
      png = renderChart(deps, Number(id), Number(revision), communityPage);
      if (charts.size >= CHARTS_KEPT) charts.delete(charts.keys().next().value!);
      charts.set(key, png);
      png.catch(() => charts.delete(key));
    }
    const body = await png;
    if (!body) charts.delete(key);
    return body ? { status: 200, type: "image/png", body, cacheControl: "public, max-age=3600" } : notFound();
  };

  const me = async (req: WebRequest, [id]: string[]): Promise<WebAnswer> => {
    const form = new URLSearchParams(await req.text(8_192));
    const header = req.headers["x-telegram-init-data"];
    const initData = form.get("initData") ?? (typeof header === "string" ? header : undefined);
    const now = deps.clock.now();
    const check = checkInitData(initData, deps.config.botToken, now);
    const locale = requestedLocale(req) ?? deps.config.defaultLocale;
    const t = translator(deps.i18n, locale);
    if (!check.ok) return { status: 401, type: HTML, cacheControl: PRIVATE_CACHE, body: `<p class="card">${t("web-unauthorized")}</p>` };
    const data = await readMemberPage(deps.db, Number(id), check.user.id, now);
    if (!data) return notFound();
    return { status: 200, type: HTML, cacheControl: PRIVATE_CACHE, body: memberSectionHtml(data, { t, locale, now }) };
  };

  return [
    { method: "GET", path: /^\/c\/(\d{1,9})\/?$/, handle: page, limited: true },
    { method: "GET", path: /^\/c\/(\d{1,9})\/charts\/product-(\d{1,9})\.png$/, handle: chart },
    { method: "POST", path: /^\/c\/(\d{1,9})\/me$/, handle: me, limited: true },
  ];
}

function requestedLocale(req: WebRequest): Locale | undefined {
  const lang = req.query.get("lang");
  return lang && isLocale(lang) ? lang : undefined;
}

async function renderPage(deps: WebDeps, communityId: number, lang: Locale | undefined): Promise<WebAnswer> {
  const now = deps.clock.now();
  const data = await readPublicPage(deps.db, communityId, now);
  if (!data) return errorAnswer(deps, 404);
  const locale = lang ?? data.community.locale;
  // encoded once: every reader of the cached page gets these bytes
  const body = Buffer.from(publicPageHtml(data, { t: translator(deps.i18n, locale), locale, now }), "utf8");
  return { status: 200, type: HTML, body, etag: etagOf(body), gzip: await gzipped(body), headers: { "Content-Language": locale === "zh" ? "zh-CN" : "en"} };
}

const gzipped = promisify(gzip);

/** The chart's language: the one asked for, else the community's; undefined when its page is off. */
async function readCommunityLocale(deps: WebDeps, communityId: number, lang: Locale | undefined): Promise<Locale | undefined> {
  const community = await publicCommunity(deps.db, communityId);
  return community ? (lang ?? community.locale) : undefined;
}

async function renderChart(deps: WebDeps, communityId: number, revisionId: number, locale: Locale): Promise<Buffer | undefined> {
  const product = await approvedRevisionOf(deps.db, communityId, revisionId);
  if (!product || !product.lines.some((l) => l.amountFen > 0)) return undefined;
  const t = translator(deps.i18n, locale);
  return renderMoneyChart({ title: t("chart-title-product", { product: product.name }), slices: slicesByKind(product.lines, t), currency: product.currency, locale });
}

/** An error as a small page in the default language (the same for an unknown community and one whose page is off). */
export function errorAnswer(deps: Pick<WebDeps, "i18n" | "config">, status: number): WebAnswer {
  const t = translator(deps.i18n, deps.config.defaultLocale);
  const key = status === 404 ? "web-not-found" : status === 429 ? "web-too-many" : undefined;
  const text = key ? t(key) : String(status);
  return { status, type: HTML, body: document(text, deps.config.defaultLocale, `<main><h1>${status}</h1><p>${text}</p></main>`) };
}
