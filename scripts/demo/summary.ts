// The final state, read back from the database: the orders, their totals and
// the recommender's ledger — what the co-op's books say after the story.
import type { Db } from "../../src/db/client";
import { formatMoney } from "../../src/domain/money";
import type { Transcript } from "./transcript";

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Columns a terminal gives the text (CJK characters take two). */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

function table(rows: string[][], rightAligned: number[]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => width(r[col]!))));
  return rows.map((r) =>
    r.map((cell, col) => {
      const pad = " ".repeat(widths[col]! - width(cell));
      return rightAligned.includes(col) ? pad + cell : cell + pad;
    }).join("  ").trimEnd(),
  );
}

export async function printSummary(db: Db, t: Transcript): Promise<void> {
  const money = (fen: number) => formatMoney(fen, "CNY", "en");
  const orders = await db.order.findMany({ orderBy: { position: "asc" }, include: { member: true, referrer: true } });
  const active = orders.filter((o) => o.status === "ACTIVE");
  t.heading("The co-op's books at the end");
  t.line(t.style("Orders", "bold"));
  const rows = [
    ["#", "member", "qty", "amount", "status", "brought by"],
    ...orders.map((o) => [String(o.position), o.member.firstName, String(o.quantity), money(o.amountFen), o.status.toLowerCase(), `${o.referrer.firstName} (${o.attribution.toLowerCase()})`]),
  ];
  for (const [i, line] of table(rows, [0, 2, 3]).entries()) t.line(`   ${i === 0 ? t.style(line, "dim") : line}`);
  const qty = active.reduce((s, o) => s + o.quantity, 0);
  const total = active.reduce((s, o) => s + o.amountFen, 0);
  t.line(`   ${t.style(`${active.length} active orders, ${qty} units, ${money(total)}`, "bold")}`);
  t.line();
  t.line(t.style("Referral ledger", "bold"));
  const entries = await db.ledgerEntry.findMany({ orderBy: { id: "asc" }, include: { recommender: true } });
  const ledger = [
    ["seq", "recommender", "kind", "amount", "balance", "for"],
    ...entries.map((e) => [String(e.seq), e.recommender.firstName, e.kind.toLowerCase(), money(e.amountFen), money(e.balanceFen), e.orderId ? `order #${e.orderId}` : ""]),
  ];
  for (const [i, line] of table(ledger, [0, 3, 4]).entries()) t.line(`   ${i === 0 ? t.style(line, "dim") : line}`);
}
