// What each line of a cost breakdown pays for. The statement groups a buy's
// revenue by kind; the card groups the lines by it. Lines entered before
// kinds existed are OTHER until their recommender sets them.
import type { Fen } from "./money";

export const COST_KINDS = ["PRODUCER", "PACKAGING", "LOGISTICS", "COOP_FEE", "COMMISSION", "OTHER"] as const;
export type CostKind = (typeof COST_KINDS)[number];

export function isCostKind(value: unknown): value is CostKind {
  return typeof value === "string" && (COST_KINDS as readonly string[]).includes(value);
}

/** A line of a breakdown with its kind. */
export type KindedLine = { label: string; amountFen: Fen; kind: CostKind };

// Keywords in a line's label, zh and en, checked in this order (the first
// kind with a keyword in the label wins): "推介佣金" is a commission, not a fee.
const KEYWORDS: [CostKind, RegExp][] = [
  ["COMMISSION", /佣金|推介|提成|返佣|commission|referr|recommender/i],
  ["COOP_FEE", /合作社|社费|服务费|平台|手续费|管理费|co-?op|fee|margin/i],
  ["PACKAGING", /包装|包材|纸箱|罐|瓶|袋子|盒|packag|box|jar|bottle|wrap/i],
  ["LOGISTICS", /物流|运费|快递|运输|配送|邮费|冷链|shipping|freight|deliver|logistic|transport|courier|postage/i],
  ["PRODUCER", /原料|材料|茶叶|人工|工钱|工资|种植|采摘|加工|制作|农户|生产|茶农|果农|成本价|收购|material|labou?r|farm|grow|harvest|produc|ingredient|raw|wage/i],
];

/** The kind a label suggests (the recommender confirms it), OTHER when none does. */
export function guessKind(label: string): CostKind {
  const text = label.normalize("NFKC");
  for (const [kind, re] of KEYWORDS) if (re.test(text)) return kind;
  return "OTHER";
}

/** Sum of the lines of each kind, every kind present (0 when it has none). */
export function totalsByKind(lines: readonly { kind: CostKind; amountFen: Fen }[]): Record<CostKind, Fen> {
  const totals = Object.fromEntries(COST_KINDS.map((k) => [k, 0])) as Record<CostKind, Fen>;
  for (const l of lines) totals[l.kind] += l.amountFen;
  return totals;
}

/** The commission lines' amount per unit: the default fixed commission rule of a buy. */
export function commissionPerUnitFen(lines: readonly { kind: CostKind; amountFen: Fen }[]): Fen {
  return totalsByKind(lines).COMMISSION;
}
