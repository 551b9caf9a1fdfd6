// The member's own part of the page, shown inside the Mini App once Telegram's
// initData is verified: the /my_orders list with the pickup codes still to
// use, and /my_books (this month's purchases and patronage preview). The
// same texts as in the bot; an HTML fragment the page's script puts in place.
import { html, raw } from "../domain/html";
import { formatPickupCode } from "../domain/pickup-code";
import { htmlTranslate } from "../views/env";
import { myOrdersText } from "../features/group-buy/my-orders-view";
import { myBooksText } from "../features/period-books/views";
import type { MemberPageData } from "../features/open-data/public-page";
import type { PageEnv } from "./page-view";

export function memberSectionHtml(data: MemberPageData | "not-member", env: PageEnv): string {
  const t = htmlTranslate(env.t);
  const heading = html`<h2>${raw(t("web-me-heading"))}</h2>`.markup;
  if (data === "not-member") return `${heading}<p class="card">${t("web-me-not-member")}</p>`;
  const parts = [heading];
  if (data.orders.length === 0) parts.push(html`<div class="card text">${env.t("gb-my-orders-none")}</div>`.markup);
  else parts.push(`<div class="card text">${myOrdersText(data.orders, { ...env, botUsername: "" })}</div>`);
  const codes = data.orders.filter((o) => o.pickupCode && o.status === "ACTIVE" && o.pickupStatus === "PENDING");
  if (codes.length > 0) {
    const lines = codes.map((o) => t("web-me-code", { id: String(o.groupBuyId), product: o.groupBuy.revision.name, code: formatPickupCode(o.pickupCode!) }));
    parts.push(`<div class="card text">${[t("web-me-codes"), ...lines].join("\n")}</div>`);
  }
  const c = data.community;
  parts.push(`<div class="card text">${myBooksText(env.t, env.locale, c.title, c.currency, data.books)}</div>`);
  return parts.join("\n");
}
