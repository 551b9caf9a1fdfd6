// The settlement statement as the group reads it, and reconciliation's one
// line. Display names only (recommenders on the thanks board), nothing personal.
import { truncate } from "../../domain/html";
import { formatMoney, fenToDecimal } from "../../domain/money";
import type { Discrepancy, ReconciliationResult } from "../../domain/reconciliation";
import type { Statement } from "../../domain/statement";
import type { StatementData } from "../../db/statements";
import { htmlTranslate, type ViewEnv } from "../../views/env";
import type { ChartSlice, MoneyChartInput } from "../../views/money-chart";

const MAX_COMMISSION_LINES = 40;

/** The statement of a buy (HTML); `check`: reconciliation's line, when known. */
export function statementText(data: StatementData, s: Statement, env: Pick<ViewEnv, "t" | "locale">, check?: string): string {
  const t = htmlTranslate(env.t);
  const money = (fen: number) => formatMoney(fen, data.buy.currency, env.locale);
  const lines = [
    t("books-st-title", { id: String(data.buy.id), product: truncate(data.buy.productName, 60) }),
    t("books-st-revenue", { amount: money(s.revenueFen), orders: s.orderCount, qty: s.quantity }),
    t("books-st-collected", { collected: money(s.collectedFen), outstanding: money(s.outstandingFen) }),
    "",
    t("books-st-where"),
  ];
  // the producer's share: shown when a line is the producer's (older buys' lines are all "other")
  if (s.byKind.PRODUCER !== 0) {
    for (const p of s.producers) lines.push(t("books-st-producer", { name: truncate(p.name, 40), amount: money(p.amountFen) }));
    if (s.producers.length === 0) lines.push(t("books-st-producer", { name: "", amount: money(s.byKind.PRODUCER) }));
  }
  for (const kind of ["PACKAGING", "LOGISTICS", "COOP_FEE"] as const) if (s.byKind[kind] !== 0) lines.push(t(`books-st-${kind}`, { amount: money(s.byKind[kind]) }));
  if (s.commissionsFen !== 0 || s.commissionBudgetFen !== 0) {
    lines.push(t("books-st-commissions", { amount: money(s.commissionsFen) }));
    // within Telegram's 4,096 characters however many recommenders: the rest summed in one line
    const shown = s.commissions.length > MAX_COMMISSION_LINES ? s.commissions.slice(0, MAX_COMMISSION_LINES - 1) : s.commissions;
    for (const c of shown) {
      lines.push(c.name === null ? t("books-st-commission-other", { amount: money(c.amountFen) }) : t("books-st-commission-named", { name: truncate(c.name, 40), amount: money(c.amountFen) }));
    }
    const rest = s.commissions.slice(shown.length);
    if (rest.length > 0) lines.push(t("books-st-commission-rest", { count: rest.length, amount: money(rest.reduce((sum, c) => sum + c.amountFen, 0)) }));
  }
  if (s.byKind.OTHER !== 0) lines.push(t("books-st-OTHER", { amount: money(s.byKind.OTHER) }));
  lines.push(t("books-st-residue", { amount: money(s.residueFen) }));
  lines.push(s.balanced ? t("books-st-balanced") : t("books-st-unbalanced", { parts: money(s.partsFen), revenue: money(s.revenueFen) }));
  lines.push("");
  if (s.refunds.count > 0) lines.push(t("books-st-refunds", { count: s.refunds.count, amount: money(s.refunds.amountFen) }));
  if (data.pickedUp.of > 0) lines.push(t("books-st-picked-up", { done: data.pickedUp.orders, of: data.pickedUp.of }));
  if (data.buy.status === "CANCELLED") lines.push(t("books-st-cancelled"));
  if (data.input.breakdown.derived) lines.push(t("books-st-derived"));
  if (check) lines.push(check);
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}

/** Telegram's limit for a caption, counted after entity parsing. */
export const CAPTION_LIMIT = 1024;

/** Length as Telegram counts it after parsing our HTML: tags dropped, each entity one character (UTF-16 units). */
export function captionLength(htmlText: string): number {
  return htmlText.trim().replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+|#x[\da-f]+);/gi, "x").length;
}

/** The caption when the statement is longer than one: title, revenue, the check, and where the rest is. */
export function statementShortCaption(data: StatementData, s: Statement, env: Pick<ViewEnv, "t" | "locale">): string {
  const t = htmlTranslate(env.t);
  const money = (fen: number) => formatMoney(fen, data.buy.currency, env.locale);
  return [
    t("books-st-title", { id: String(data.buy.id), product: truncate(data.buy.productName, 60) }),
    t("books-st-revenue", { amount: money(s.revenueFen), orders: s.orderCount, qty: s.quantity }),
    s.balanced ? t("books-st-balanced") : t("books-st-unbalanced", { parts: money(s.partsFen), revenue: money(s.revenueFen) }),
    t("books-st-full-below"),
  ].join("\n");
}

/**
 * The statement's chart: where the revenue went, by the statement's parts
 * (producers, packaging, logistics, co-op fee, commissions, other, residue),
 * which sum to the revenue. A negative residue (the ledger accrued more than
 * the lines budgeted) can't be a slice: the text shows it.
 */
export function statementChart(data: StatementData, s: Statement, env: Pick<ViewEnv, "t" | "locale">): MoneyChartInput {
  const slices: ChartSlice[] = [];
  const add = (key: string, label: string, amountFen: number) => {
    if (amountFen > 0) slices.push({ key, label, amountFen });
  };
  if (s.byKind.PRODUCER !== 0) {
    const kind = env.t("cost-kind-PRODUCER");
    if (s.producers.length === 0) add("PRODUCER", kind, s.byKind.PRODUCER);
    s.producers.forEach((p, i) => add(i === 0 ? "PRODUCER" : `producer-${i}`, p.name ? `${kind} ${p.name}` : kind, p.amountFen));
  }
  for (const kind of ["PACKAGING", "LOGISTICS", "COOP_FEE"] as const) add(kind, env.t(`cost-kind-${kind}`), s.byKind[kind]);
  add("COMMISSION", env.t("cost-kind-COMMISSION"), s.commissionsFen);
  add("OTHER", env.t("cost-kind-OTHER"), s.byKind.OTHER);
  add("residue", env.t("books-chart-residue"), s.residueFen);
  return {
    title: env.t("books-chart-title", { id: String(data.buy.id), product: truncate(data.buy.productName, 60) }),
    slices,
    currency: data.buy.currency,
    locale: env.locale,
  };
}

/** One discrepancy in words, naming the buy, the order (#2-7) and the ledger entry. */
export function discrepancyText(d: Discrepancy, env: Pick<ViewEnv, "t">): string {
  const yuan = (fen: number) => `¥${fenToDecimal(fen)}`;
  const t = htmlTranslate(env.t);
  const entry = "entryId" in d && d.entryId !== null ? ` [#${d.entryId}]` : "";
  switch (d.kind) {
    case "accrual":
      return t("books-problem-accrual", { buy: String(d.buyId), order: `#${d.buyId}-${d.orderPosition}`, ledger: yuan(d.ledgerFen), expected: yuan(d.expectedFen) }) + entry;
    case "reversal":
      return t("books-problem-reversal", { buy: String(d.buyId), order: `#${d.buyId}-${d.orderPosition}`, ledger: yuan(d.ledgerFen), expected: yuan(d.expectedFen) }) + entry;
    case "stray-entry":
      return t("books-problem-entry", { entry: String(d.entryId), buy: String(d.buyId), what: yuan(d.amountFen) });
    case "unbalanced":
      return t("books-problem-unbalanced", { buy: String(d.buyId), parts: yuan(d.partsFen), revenue: yuan(d.revenueFen) });
  }
}

/** Reconciliation in one line: holds ✓, or the first discrepancy; when it last ran. */
export function reconciliationLine(result: ReconciliationResult | undefined, env: Pick<ViewEnv, "t" | "locale">): string {
  const t = htmlTranslate(env.t);
  if (!result) return t("books-check-never");
  const when = new Date(result.checkedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  const first = result.discrepancies[0];
  if (!first) return t("books-check-ok", { buys: result.buys, when });
  const more = result.count > 1 ? ` (+${result.count - 1})` : "";
  return env.t("books-check-bad", { problem: discrepancyText(first, env) + more, when });
}
