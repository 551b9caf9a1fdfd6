// A product's open books: lines of `label amount` that add up to the unit
// price exactly. Amounts are integer fen; shares are tenths of a percent
// that always add up to 100.0 %.
import { formatMoney, parseAmount, type AmountError, type Fen, type Locale } from "./money";
import type { CostKind } from "./cost-kinds";

/** A line of the breakdown; `kind` is absent until the recommender confirms it (cost-kinds.ts). */
export type CostLine = { label: string; amountFen: Fen; kind?: CostKind };

export const MAX_COST_LINES = 20;
export const MAX_LABEL_LENGTH = 40;
/** ¥100,000 for one unit of a co-op product: anything above is a typo. */
export const MAX_UNIT_PRICE_FEN: Fen = 10_000_000;

export type CostLineError = AmountError | "missing-amount" | "missing-label" | "label-too-long";
export type CostLineProblem = { line: number; text: string; error: CostLineError };
export type ParsedCostLines = { ok: true; lines: CostLine[] } | { ok: false; problems: CostLineProblem[] };

// label, optional separator, then an amount at the very end (with an optional
// currency sign before it and an optional 元/块/yuan after it). A minus sign
// counts only when attached to the number: "Packaging - 1.50" is a dash.
const LINE = /^(.*?)[\s:=,，]*([-−]?(?:(?:¥|\$|CNY|RMB)\s*)?\d[\d,.]*\s*(?:元|块|yuan|CNY|RMB)?)$/i;

/** Parses one `label amount` line: `原料 12.50`, `原料：12.5元`, `Packaging 1,234.50`, `labour 3`, `原料 １２.５`. */
export function parseCostLine(input: string): { ok: true; line: CostLine } | { ok: false; error: CostLineError } {
  const text = input.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (text === "") return { ok: false, error: "empty" };
  const m = LINE.exec(text);
  if (!m) return { ok: false, error: "missing-amount" };
  const label = cleanLabel(m[1]!);
  const amount = parseAmount(m[2]!);
  if (!amount.ok) return { ok: false, error: amount.error };
  if (label === "") return { ok: false, error: "missing-label" };
  if (label.length > MAX_LABEL_LENGTH) return { ok: false, error: "label-too-long" };
  if (amount.fen > MAX_UNIT_PRICE_FEN) return { ok: false, error: "too-large" };
  return { ok: true, line: { label, amountFen: amount.fen } };
}

function cleanLabel(raw: string): string {
  return raw
    .replace(/^\s*(?:[-*•·]\s*|\d{1,2}[.)]\s+|\d{1,2}、\s*)/, "") // list bullets and numbering pasted from elsewhere
    .replace(/[\s:=：,，\-–—]+$/, "")
    .trim();
}

/** Several lines in one message (newlines or semicolons); all must be valid. */
export function parseCostLines(input: string): ParsedCostLines {
  const rows = input
    .split(/\r?\n|;|；/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (rows.length === 0) return { ok: false, problems: [{ line: 1, text: "", error: "empty" }] };
  const lines: CostLine[] = [];
  const problems: CostLineProblem[] = [];
  rows.forEach((text, i) => {
    const parsed = parseCostLine(text);
    if (parsed.ok) lines.push(parsed.line);
    else problems.push({ line: i + 1, text, error: parsed.error });
  });
  return problems.length ? { ok: false, problems } : { ok: true, lines };
}

export function sumFen(lines: readonly CostLine[]): Fen {
  return lines.reduce((sum, l) => sum + l.amountFen, 0);
}

export type Balance = {
  sumFen: Fen;
  priceFen: Fen;
  /** price − sum: positive when part of the price is not accounted for */
  differenceFen: Fen;
  balanced: boolean;
};

export function balanceOf(lines: readonly CostLine[], priceFen: Fen): Balance {
  const sum = sumFen(lines);
  return { sumFen: sum, priceFen, differenceFen: priceFen - sum, balanced: sum === priceFen };
}

/**
 * Each amount's share of the total in tenths of a percent (permille), by the
 * largest-remainder method, so the shares add up to exactly 1000 (100.0 %).
 * Ties go to the larger amount, then to the earlier line. A zero total gives zeros.
 */
export function sharesPermille(amounts: readonly Fen[], total: Fen = amounts.reduce((a, b) => a + b, 0)): number[] {
  if (total <= 0) return amounts.map(() => 0);
  const floors = amounts.map((a) => Math.floor((a * 1000) / total));
  const remainders = amounts.map((a) => (a * 1000) % total);
  let left = 1000 - floors.reduce((a, b) => a + b, 0);
  const order = amounts
    .map((_, i) => i)
    .sort((i, j) => remainders[j]! - remainders[i]! || amounts[j]! - amounts[i]! || i - j);
  for (const i of order) {
    if (left <= 0) break;
    if (remainders[i]! === 0) continue;
    floors[i]!++;
    left--;
  }
  return floors;
}

/** 417 → "41.7%" */
export function formatPermille(permille: number): string {
  return `${Math.trunc(permille / 10)}.${Math.abs(permille % 10)}%`;
}

export type BreakdownRow = { label: string; amount: string; share: string };

/** Rows to show: each line's formatted amount and share of the lines' sum. */
export function breakdownRows(lines: readonly CostLine[], currency: string, locale: Locale): BreakdownRow[] {
  const shares = sharesPermille(lines.map((l) => l.amountFen));
  return lines.map((l, i) => ({ label: l.label, amount: formatMoney(l.amountFen, currency, locale), share: formatPermille(shares[i]!) }));
}

/**
 * Adds `amountFen` under `label`: to the line of that label if there is one,
 * else as a new line at the end.
 */
export function addToLine(lines: readonly CostLine[], label: string, amountFen: Fen): CostLine[] {
  const i = lines.findIndex((l) => l.label === label);
  if (i < 0) return [...lines, { label, amountFen }];
  return lines.map((l, j) => (j === i ? { label, amountFen: l.amountFen + amountFen } : l));
}
