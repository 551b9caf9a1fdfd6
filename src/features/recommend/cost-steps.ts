// The cost breakdown questions: lines, the price, and the detour when they
// don't add up. No price is accepted without a complete breakdown.
import { InlineKeyboard } from "grammy";
import { addToLine, balanceOf, MAX_COST_LINES, MAX_UNIT_PRICE_FEN, parseCostLines, sumFen, type CostLineProblem } from "../../domain/cost-breakdown";
import { escapeHtml, truncate } from "../../domain/html";
import { parseAmount } from "../../domain/money";
import type { DraftPayload } from "../../domain/product-draft";
import { costTableHtml } from "../products/card";
import { button, money, type Outcome, type Wizard } from "./wizard";

function problemsText(w: Wizard, problems: CostLineProblem[]): string {
  return problems
    .slice(0, 5)
    .map((p) => w.t("recommend-error-cost-line", { line: String(p.line), text: escapeHtml(truncate(p.text, 60)), problem: w.t(`cost-error-${p.error}`) }))
    .join("\n");
}

function linesSummary(w: Wizard): string {
  const lines = w.payload.costLines;
  return `${costTableHtml(lines, w.state.currency, w.state.locale)}\n${w.t("recommend-costs-sum", { sum: money(w, sumFen(lines)) })}`;
}

/** Cost lines, `label amount`, one or several per message, until Done. */
export async function costsStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  let added = false;
  for (;;) {
    const lines = w.payload.costLines;
    const keyboard = new InlineKeyboard();
    if (lines.length) keyboard.text(w.t("recommend-costs-done"), button("costs", "done")).row();
    lines.forEach((l, i) => {
      keyboard.text(`✖ ${truncate(l.label, 18)}`, button("costs", `del:${i}:${lines.length}`));
      if (i % 2 === 1) keyboard.row();
    });
    const intro = added ? w.t("recommend-costs-added") : w.t("recommend-ask-costs");
    await w.ask("costs", lines.length ? `${intro}\n\n${linesSummary(w)}` : intro, { error, keyboard });
    error = undefined;
    added = false;
    const got = await w.input("costs");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.value === "done") {
        if (lines.length > 0) return "next";
        error = w.t("recommend-error-no-lines");
      }
      const del = /^del:(\d+):(\d+)$/.exec(got.value);
      // the count guards against a button of an older list removing the wrong line
      if (del && Number(del[2]) === lines.length && Number(del[1]) < lines.length) {
        w.payload.costLines = lines.filter((_, i) => i !== Number(del[1]));
        await w.save();
      }
      continue;
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    const parsed = parseCostLines(got.text);
    if (!parsed.ok) error = problemsText(w, parsed.problems);
    else if (lines.length + parsed.lines.length > MAX_COST_LINES) error = w.t("recommend-error-too-many-lines", { max: String(MAX_COST_LINES) });
    else {
      w.payload.costLines = [...lines, ...parsed.lines];
      added = true;
      await w.save();
    }
  }
}

/** A price typed by the member; an error message or the amount. */
function checkPrice(w: Wizard, text: string): { ok: true; fen: number } | { ok: false; error: string } {
  const parsed = parseAmount(text);
  if (!parsed.ok) return { ok: false, error: w.t(`recommend-error-amount-${parsed.error}`) };
  if (parsed.fen === 0) return { ok: false, error: w.t("recommend-error-amount-zero") };
  if (parsed.fen > MAX_UNIT_PRICE_FEN) return { ok: false, error: w.t("recommend-error-amount-too-large") };
  return { ok: true, fen: parsed.fen };
}

const afterPrice = (p: DraftPayload): Outcome => (balanceOf(p.costLines, p.priceFen!).balanced ? "next" : "balance");

export function priceStep(w: Wizard): Promise<Outcome> {
  const sum = sumFen(w.payload.costLines);
  const current = w.payload.priceFen;
  const keyboard = new InlineKeyboard();
  if (sum > 0) keyboard.text(w.t("recommend-price-use-sum", { sum: money(w, sum) }), button("price", "sum")).row();
  if (current !== undefined && current !== sum) keyboard.text(w.t("recommend-price-keep", { price: money(w, current) }), button("price", "keep"));
  const prompt = w.t("recommend-ask-price", { unit: escapeHtml(w.payload.unit ?? ""), sum: money(w, sum) });
  return w.askUntil("price", prompt, keyboard, (got) => {
    if (got.kind === "button") {
      if (got.value === "sum" && sum > 0) w.payload.priceFen = sum;
      else if (got.value !== "keep" || current === undefined) return { again: true };
      return { value: afterPrice(w.payload) };
    }
    if (got.kind !== "text") return { error: w.t("recommend-error-need-text") };
    const price = checkPrice(w, got.text);
    if (!price.ok) return { error: price.error };
    w.payload.priceFen = price.fen;
    return { value: afterPrice(w.payload) };
  });
}

const DIFFERENCE_LABELS = ["margin", "fee", "commission"] as const;

/** The lines don't add up to the price: say by how much, and let the member fix it. */
export async function balanceStep(w: Wizard): Promise<Outcome> {
  let error: string | undefined;
  let changed = false;
  for (;;) {
    if (changed) await w.save();
    changed = false;
    const price = w.payload.priceFen!;
    const b = balanceOf(w.payload.costLines, price);
    if (b.balanced) {
      await w.say(w.t("recommend-balance-ok", { price: money(w, price) }));
      return "next";
    }
    const keyboard = new InlineKeyboard();
    if (b.differenceFen > 0) {
      for (const kind of DIFFERENCE_LABELS) {
        keyboard.text(w.t(`recommend-balance-add-${kind}`, { amount: money(w, b.differenceFen) }), button("balance", `add:${kind}`)).row();
      }
    }
    keyboard.text(w.t("recommend-balance-edit-lines"), button("balance", "lines")).text(w.t("recommend-balance-edit-price"), button("balance", "price"));
    const vars = { sum: money(w, b.sumFen), price: money(w, price), difference: money(w, Math.abs(b.differenceFen)) };
    const status = w.t(b.differenceFen > 0 ? "recommend-balance-short" : "recommend-balance-over", vars);
    await w.ask("balance", `${linesSummary(w)}\n\n${status}\n\n${w.t("recommend-balance-how")}`, { error, keyboard });
    error = undefined;
    const got = await w.input("balance");
    if (got.kind === "cancel" || got.kind === "back") return got.kind;
    if (got.kind === "repeat") continue;
    if (got.kind === "button") {
      if (got.value === "lines") return "costs";
      if (got.value === "price") return "price";
      const kind = DIFFERENCE_LABELS.find((k) => got.value === `add:${k}`);
      if (kind && b.differenceFen > 0) {
        if (w.payload.costLines.length >= MAX_COST_LINES && !w.payload.costLines.some((l) => l.label === w.t(`recommend-balance-label-${kind}`))) {
          error = w.t("recommend-error-too-many-lines", { max: String(MAX_COST_LINES) });
        } else {
          w.payload.costLines = addToLine(w.payload.costLines, w.t(`recommend-balance-label-${kind}`), b.differenceFen);
          changed = true;
        }
      }
      continue;
    }
    if (got.kind !== "text") {
      error = w.t("recommend-error-need-text");
      continue;
    }
    // a bare amount is a new price; `label amount` is another line
    if (parseAmount(got.text).ok) {
      const newPrice = checkPrice(w, got.text);
      if (newPrice.ok) {
        w.payload.priceFen = newPrice.fen;
        changed = true;
      } else error = newPrice.error;
      continue;
    }
    const parsed = parseCostLines(got.text);
    if (!parsed.ok) error = problemsText(w, parsed.problems);
    else if (w.payload.costLines.length + parsed.lines.length > MAX_COST_LINES) error = w.t("recommend-error-too-many-lines", { max: String(MAX_COST_LINES) });
    else {
      w.payload.costLines = [...w.payload.costLines, ...parsed.lines];
      changed = true;
    }
  }
}
