// One reference for an order everywhere (orders, exports, ledger, notices):
// the buy's number and the order's place in its roster, "#2-7".

export function orderRef(groupBuyId: number, position: number): string {
  return `#${groupBuyId}-${position}`;
}

/** "#2-7" or "2-7" → { groupBuyId: 2, position: 7 } */
export function parseOrderRef(text: string): { groupBuyId: number; position: number } | undefined {
  const m = /^#?(\d{1,9})-(\d{1,9})$/.exec(text.trim());
  if (!m) return undefined;
  return { groupBuyId: Number(m[1]), position: Number(m[2]) };
}
