// A buy's price breakdown (PriceBreakdown), fixed when it opens. Buys opened
// before breakdowns were kept have none: theirs is their revision's lines.
import { z } from "zod";
import type { Tx } from "./client";
import { COST_KINDS, type KindedLine } from "../domain/cost-kinds";
import type { BuyBreakdown } from "../domain/statement";

const linesSchema = z.array(z.object({ label: z.string(), kind: z.enum(COST_KINDS), amountFen: z.number().int().min(0) }));
/** The line that absorbed a price or rule different from the product's: its amount before and after. */
export const adjustedSchema = z.object({ label: z.string(), kind: z.enum(COST_KINDS), beforeFen: z.number().int(), afterFen: z.number().int() }).array();
export type Adjustment = z.output<typeof adjustedSchema>[number];

export type NewBreakdown = { priceFen: number; currency: string; lines: KindedLine[]; adjusted?: Adjustment[] };

/** Writes a breakdown whose lines add up to its price; returns its id. */
export async function createBreakdown(tx: Tx, input: NewBreakdown): Promise<number> {
  const sum = input.lines.reduce((s, l) => s + l.amountFen, 0);
  if (sum !== input.priceFen) throw new Error(`breakdown lines add up to ${sum}, not the price ${input.priceFen}`);
  const row = await tx.priceBreakdown.create({
    data: {
      priceFen: input.priceFen,
      currency: input.currency,
      lines: JSON.stringify(input.lines.map((l) => ({ label: l.label, kind: l.kind, amountFen: l.amountFen }))),
      adjusted: input.adjusted && input.adjusted.length > 0 ? JSON.stringify(input.adjusted) : null,
    },
    select: { id: true },
  });
  return row.id;
}

/** A stored breakdown row's lines and adjustments, read back. */
export function parseBreakdownRow(row: { lines: string; adjusted: string | null }): { lines: KindedLine[]; adjusted: Adjustment[] } {
  return { lines: linesSchema.parse(JSON.parse(row.lines)), adjusted: row.adjusted ? adjustedSchema.parse(JSON.parse(row.adjusted)) : [] };
}

export type StoredBreakdown = BuyBreakdown & { currency: string; adjusted: Adjustment[] };

/** The breakdown a buy was opened with, or (older buys) its revision's lines at the buy's price. */
export async function breakdownOfBuy(db: Tx, groupBuyId: number): Promise<StoredBreakdown | undefined> {
  return (await breakdownsOfBuys(db, [groupBuyId])).get(groupBuyId);
}

/** breakdownOfBuy for many buys in one read (a month's books: a hundred buys, one query, not a hundred). */
export async function breakdownsOfBuys(db: Tx, groupBuyIds: readonly number[]): Promise<Map<number, StoredBreakdown>> {
  if (groupBuyIds.length === 0) return new Map();
  const buys = await db.groupBuy.findMany({
    where: { id: { in: [...groupBuyIds] } },
    select: {
      id: true,
      unitPriceFen: true,
      currency: true,
      breakdown: true,
      revision: { select: { costLines: { orderBy: { position: "asc" }, select: { label: true, amountFen: true, kind: true } } } },
    },
  });
  return new Map(buys.map((buy) => [buy.id, storedBreakdown(buy)]));
}

function storedBreakdown(buy: {
  unitPriceFen: number;
  currency: string;
  breakdown: { priceFen: number; currency: string; lines: string; adjusted: string | null } | null;
  revision: { costLines: StoredBreakdown["lines"] };
}): StoredBreakdown {
  if (buy.breakdown) {
    return {
      priceFen: buy.breakdown.priceFen,
      currency: buy.breakdown.currency,
      lines: linesSchema.parse(JSON.parse(buy.breakdown.lines)),
      adjusted: buy.breakdown.adjusted ? adjustedSchema.parse(JSON.parse(buy.breakdown.adjusted)) : [],
      derived: false,
    };
  }
  return { priceFen: buy.unitPriceFen, currency: buy.currency, lines: buy.revision.costLines, adjusted: [], derived: true };
}
