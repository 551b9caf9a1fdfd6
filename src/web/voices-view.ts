// The sections under each product on the public page: its published Q&A and
// what members said of it (the ratings' average, published comments). Every
// member's text and name is escaped (html`` and htmlTranslate escape values).
import { html, raw, type SafeHtml } from "../domain/html";
import { formatAverage } from "../domain/ratings";
import type { PageProduct } from "../features/open-data/public-page";
import { htmlTranslate, type Translate } from "../views/env";

type Env = { t: Translate };

export function qaSection(p: PageProduct, env: Env): SafeHtml | "" {
  const qa = p.voices?.qa ?? [];
  if (qa.length === 0) return "";
  const t = htmlTranslate(env.t);
  const items = qa.map(
    (q) => html`<dt>${raw(t("web-qa-question", { name: q.askerName }))} ${q.question}</dt><dd>${raw(t("web-qa-answer", { name: q.recommenderName }))} ${q.answer}</dd>`.markup,
  );
  return html`<section class="qa"><h4>${raw(t("web-qa-title"))}</h4><dl>${raw(items.join(""))}</dl></section>`;
}

export function feedbackSection(p: PageProduct, env: Env): SafeHtml | "" {
  const rating = p.voices?.rating;
  const comments = p.voices?.comments ?? [];
  if (!rating && comments.length === 0) return "";
  const t = htmlTranslate(env.t);
  const stars = rating ? html`<p>${raw(t("web-rating", { average: formatAverage(rating.averageTenths), count: rating.count }))}</p>`.markup : "";
  const said = comments.map((c) => html`<li>${c.comment} <span class="muted">— ${c.name}</span></li>`.markup).join("");
  return html`<section class="feedback"><h4>${raw(t("web-feedback-title"))}</h4>${raw(stars)}${raw(said ? html`<ul>${raw(said)}</ul>`.markup : "")}</section>`;
}
