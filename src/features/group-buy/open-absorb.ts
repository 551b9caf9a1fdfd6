// The open dialog's question when the buy's price or commission rule differs
// from the product's breakdown: which line takes the difference. One button
// per line that may (not the commission lines: the rule sets them), showing
// the move; a line that would go below zero is refused and the question asked again.
import { absorb, type Plan } from "../../domain/buy-breakdown";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, type Locale } from "../../domain/money";
import type { Translate } from "../../views/env";
import { breakdownSumLine } from "./breakdown-view";

type Parse = (button: string | undefined) => { value: number } | { error: string };
type Ask = (prompt: string, options: [string, string][], parse: Parse) => Promise<number>;

/** The absorbing line's index into the plan's lines; null when nothing differs; "none" when no line may take it. */
export async function askAbsorbing(
  plan: Plan,
  buy: { unitPriceFen: number; currency: string; unit: string },
  env: { t: Translate; locale: Locale },
  ask: Ask,
): Promise<number | null | "none"> {
  if (plan.differenceFen === 0) return null;
  if (plan.candidates.length === 0) return "none";
  const fmt = (fen: number) => (fen < 0 ? `−${formatMoney(-fen, buy.currency, env.locale)}` : formatMoney(fen, buy.currency, env.locale));
  const options: [string, string][] = plan.candidates.map((i) => {
    const l = plan.lines[i]!;
    return [env.t("gb-open-absorb-option", { label: truncate(l.label, 24), before: fmt(l.amountFen), after: fmt(l.amountFen + plan.differenceFen) }), `l${i}`];
  });
  const difference = (plan.differenceFen > 0 ? "+" : "−") + fmt(Math.abs(plan.differenceFen));
  const prompt = env.t("gb-open-ask-absorb", { difference, breakdown: breakdownSumLine(plan.lines, buy.unitPriceFen, buy.currency, buy.unit, env) });
  return ask(prompt, options, (button) => {
    const i = Number(/^l(\d+)$/.exec(button ?? "")?.[1] ?? -1);
    const tried = absorb(plan, i);
    if (tried.ok) return { value: i };
    if (tried.reason === "negative") return { error: env.t("gb-open-absorb-negative", { label: escapeHtml(plan.lines[i]!.label), after: fmt(tried.afterFen!) }) };
    return { error: env.t("gb-open-tap-button") };
  });
}
