// The public open-books page as HTML: server-rendered, readable without
// JavaScript, mobile first. Every text a member wrote (names, stories,
// labels) goes through escaping: html`` and htmlTranslate escape every value
// that is not our own markup. The statement and the month's books are the
// very texts the group reads (their Telegram HTML is plain HTML too).
import { breakdownRows } from "../domain/cost-breakdown";
import { escapeHtml, html, raw, type SafeHtml } from "../domain/html";
import { formatMoney, type Locale } from "../domain/money";
import { parseTags, tagLabelKey } from "../domain/tags";
import type { PublicBuy, PublicProduct } from "../db/public-page";
import { htmlTranslate, type Translate } from "../views/env";
import { formatDeadline } from "../views/dates";
import { moneyChartSize } from "../views/money-chart";
import { slicesByKind } from "../views/money-chart-slices";
import { statementText } from "../features/books/statement-view";
import { periodBooksText } from "../features/period-books/views";
import type { ClosedBuy, PageProduct, PublicPageData } from "../features/open-data/public-page";
import { feedbackSection, qaSection } from "./voices-view";
import { assetUrls } from "./assets";

export type PageEnv = { t: Translate; locale: Locale; now: Date };

/**
 * Sections under a product (its Q&A, the members' feedback): each returns its
 * own escaped HTML, or "" for a product with nothing to show.
 */
export type ProductSection = (product: PageProduct, env: PageEnv) => SafeHtml | "";
export const productSections: ProductSection[] = [qaSection, feedbackSection];

export const chartPath = (communityId: number, revisionId: number, locale: Locale) => `/c/${communityId}/charts/product-${revisionId}.png?lang=${locale}`;

export function publicPageHtml(page: PublicPageData, pageEnv: PageEnv): string {
  const env = { ...pageEnv, t: remembered(pageEnv.t) };
  const t = htmlTranslate(env.t);
  const c = page.community;
  const other: Locale = env.locale === "zh" ? "en" : "zh";
  const body = html`<header>
<h1>${raw(t("web-heading", { community: c.title }))}</h1>
<p class="muted">${raw(t("web-intro"))}</p>
<nav><a href="#products">${raw(t("web-nav-products"))}</a><a href="#buys">${raw(t("web-nav-buys"))}</a><a href="#books">${raw(t("web-nav-books"))}</a><a href="?lang=${other}" hreflang="${other}" lang="${other}">${raw(t("web-lang-switch"))}</a></nav>
</header>
<section id="me" hidden data-me="/c/${c.id}/me?lang=${env.locale}"></section>
<main>
<h2 id="products">${raw(t("web-products"))}</h2>
${raw(page.products.length === 0 ? html`<p class="muted">${raw(t("web-products-none"))}</p>`.markup : page.products.map((p) => productHtml(c.id, p, env)).join("\n"))}
<h2 id="buys">${raw(t("web-buys-current"))}</h2>
${raw(page.current.length === 0 ? html`<p class="muted">${raw(t("web-buys-current-none"))}</p>`.markup : html`<ul>${raw(page.current.map((b) => currentBuyHtml(b, c.timezone, env)).join(""))}</ul>`.markup)}
<h2>${raw(t("web-buys-past"))}</h2>
${raw(page.past.length === 0 ? html`<p class="muted">${raw(t("web-buys-past-none"))}</p>`.markup : page.past.map((b) => closedBuyHtml(b, env)).join("\n"))}
<h2 id="books">${raw(t("web-books"))}</h2>
${raw(page.periods.map((b) => html`<div class="card text">${raw(periodBooksText(env.t, env.locale, c.title, c.currency, b))}</div>`.markup).join("\n"))}
</main>
<footer>${raw(t("web-footer"))}</footer>`;
  return document(env.t("web-title", { community: c.title }), env.locale, body.markup);
}

/**
 * The translation remembered for one rendering: a page says the same words
 * (kinds, column heads, tags) for each of hundreds of products, and each
 * i18n lookup negotiates the language anew.
 */
function remembered(t: Translate): Translate {
  const said = new Map<string, string>();
  return (key, vars) => {
    const id = vars ? `${key}\u0000${JSON.stringify(vars)}` : key;
    let text = said.get(id);
    if (text === undefined) said.set(id, (text = t(key, vars)));
    return text;
  };
}

/** A whole document around a body: our style sheets and script only (the CSP allows nothing else). */
export function document(title: string, locale: Locale, body: string): string {
  return `<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assetUrls.fonts}">
<link rel="stylesheet" href="${assetUrls.css}">
<script src="${assetUrls.me}" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}

function productHtml(communityId: number, p: PageProduct, env: PageEnv): string {
  const t = htmlTranslate(env.t);
  const money = (fen: number) => formatMoney(fen, p.currency, env.locale);
  const tags = parseTags(p.tags);
  const rows = breakdownRows(p.lines, p.currency, env.locale);
  const extras = productSections.map((section) => section(p, env)).filter((s) => s !== "");
  return html`<article class="card" id="product-${p.productId}">
<h3>${p.name}</h3>
<p>${raw(t("web-price", { price: money(p.priceFen), unit: p.unit }))}<br><span class="muted">${raw(t("web-producer", { name: p.producer.name, location: p.producer.location }))}</span></p>
${raw(tags.length > 0 ? html`<ul class="tags">${raw(tags.map((tag) => html`<li>${env.t(tagLabelKey(tag))}</li>`.markup).join(""))}</ul>`.markup : "")}
<p class="story">${p.story}</p>
${raw(
  rows.length === 0
    ? ""
    : html`<table><caption class="muted">${raw(t("web-costs", { price: money(p.priceFen), unit: p.unit }))}</caption>
<thead><tr><th>${raw(t("web-cost-line"))}</th><th>${raw(t("web-cost-kind"))}</th><th class="n">${raw(t("web-cost-amount"))}</th><th class="n">${raw(t("web-cost-share"))}</th></tr></thead>
<tbody>${raw(rows.map((r, i) => html`<tr><td>${r.label}</td><td>${env.t(`cost-kind-${p.lines[i]!.kind}`)}</td><td class="n">${r.amount}</td><td class="n">${r.share}</td></tr>`.markup).join(""))}</tbody></table>
<img class="chart" src="${chartPath(communityId, p.revisionId, env.locale)}" alt="${env.t("web-chart-alt", { product: p.name })}" loading="lazy" width="800" height="${chartHeight(p)}">`.markup,
)}
${raw(extras.map((e) => e.markup).join("\n"))}
</article>`.markup;
}

/** The chart's height as money-chart.ts draws it, so the page doesn't jump as it loads. */
function chartHeight(p: PublicProduct): number {
  return moneyChartSize({ slices: slicesByKind(p.lines, (key) => key) }).height;
}

function currentBuyHtml(b: PublicBuy, timezone: string, env: PageEnv): string {
  const t = htmlTranslate(env.t);
  const line = t("web-buy-line", {
    id: String(b.id),
    product: b.name,
    price: formatMoney(b.unitPriceFen, b.currency, env.locale),
    unit: b.unit,
    qty: b.totalQty,
    min: b.minTotalQty,
    orders: b.orderCount,
    deadline: formatDeadline(b.deadlineAt, timezone, env),
  });
  return html`<li id="buy-${b.id}">${raw(line)}</li>`.markup;
}

function closedBuyHtml(c: ClosedBuy, env: PageEnv): string {
  const t = htmlTranslate(env.t);
  const summary = t("web-buy-closed", { id: String(c.buy.id), product: c.buy.name, status: env.t(`web-buy-status-${c.buy.status}`) });
  const content = c.statement ? statementText(c.statement.data, c.statement.settled, env) : t("web-buy-no-statement");
  return html`<details class="card" id="buy-${c.buy.id}"><summary>${raw(summary)}</summary><div class="text">${raw(content)}</div></details>`.markup;
}
