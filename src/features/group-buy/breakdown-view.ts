// A buy's breakdown in one compact line per the announcement and the open
// dialog's summary: "🧾 每袋 ¥22.00 = 生产者 ¥15.00 + 包装 ¥2.00 + …", and a
// note for each line moved when the buy's price or rule differed.
import { COST_KINDS, totalsByKind, type CostKind, type KindedLine } from "../../domain/cost-kinds";
import type { Adjustment } from "../../domain/buy-breakdown";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import type { Translate } from "../../views/env";

type Env = { t: Translate; locale: Locale };

/** The price as the sum of its kinds (lines of no kind yet: the sum of their labels, as before kinds). */
export function breakdownSumLine(lines: readonly KindedLine[], priceFen: number, currency: string, unit: string, env: Env): string {
  const fmt = (fen: number) => formatMoney(fen, currency, env.locale);
  const kinded = lines.some((l) => l.kind !== "OTHER");
  const parts = kinded
    ? COST_KINDS.filter((k) => lines.some((l) => l.kind === k)).map((k: CostKind) => `${env.t(`cost-kind-${k}`)} ${fmt(totalsByKind(lines)[k])}`)
    : lines.map((l) => `${escapeHtml(truncate(l.label, 24))} ${fmt(l.amountFen)}`);
  const sum = truncate(parts.join(" + "), 400).replace(/&[a-z]*…$/, "…");
  return env.t("gb-breakdown", { unit: escapeHtml(unit), price: fmt(priceFen), parts: sum });
}

/** "↔️ 合作社服务费 ¥2.50 → ¥1.00" for each moved line. */
export function adjustedLines(adjusted: readonly Adjustment[], currency: string, env: Env): string[] {
  const fmt = (fen: number) => formatMoney(fen, currency, env.locale);
  return adjusted.map((a) => env.t("gb-breakdown-adjusted", { label: escapeHtml(truncate(a.label, 30)), before: fmt(a.beforeFen), after: fmt(a.afterFen) }));
}
