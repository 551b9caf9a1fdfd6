// A breakdown's lines as chart slices: one slice per kind that has money, in
// the kinds' order, labelled in the reader's language. The card, a buy's
// announcement and its statement all draw their chart from this.
import { COST_KINDS, totalsByKind, type KindedLine } from "../domain/cost-kinds";
import type { Translate } from "./env";
import type { ChartSlice } from "./money-chart";

/** Slices by kind (kinds with no money left out); the slices sum to the lines' total. */
export function slicesByKind(lines: readonly KindedLine[], t: Translate): ChartSlice[] {
  const totals = totalsByKind(lines);
  return COST_KINDS.filter((kind) => totals[kind] > 0).map((kind) => ({ key: kind, label: t(`cost-kind-${kind}`), amountFen: totals[kind] }));
}
