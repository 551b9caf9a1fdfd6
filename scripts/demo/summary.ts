// The final state, read back from the database: the orders, their totals and
// the recommender's ledger — what the co-op's books say after the story.
import type { Db } from "../../src/db/client";
import { formatMoney } from "../../src/domain/money";
import { orderRef } from "../../src/domain/order-ref";
import { width, type Transcript } from "./transcript";

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
  const b = t.n.books;
  const money = (fen: number) => formatMoney(fen, "CNY", "en");
  const orders = await db.order.findMany({ orderBy: [{ groupBuyId: "asc" }, { position: "asc" }], include: { member: true, referrer: true } });
  const active = orders.filter((o) => o.status === "ACTIVE");
  t.heading(b.title);
  t.line(t.style(b.orders, "bold"));
  const rows = [
    b.ordersHeader,
    ...orders.map((o) => [
      orderRef(o.groupBuyId, o.position),
      o.member.firstName,
      String(o.quantity),
      money(o.amountFen),
      b.status[o.status],
      (o.attribution === "LINK" ? b.viaLink : b.viaProduct)(o.referrer.firstName),
    ]),
  ];
  for (const [i, line] of table(rows, [0, 2, 3]).entries()) t.line(`   ${i === 0 ? t.style(line, "dim") : line}`);
  const qty = active.reduce((s, o) => s + o.quantity, 0);
  const total = active.reduce((s, o) => s + o.amountFen, 0);
  t.line(`   ${t.style(b.totals(active.length, qty, money(total)), "bold")}`);
  t.line(`   ${t.style(b.credit, "dim")}`);
  t.line();
  t.line(t.style(b.ledger, "bold"));
  const entries = await db.ledgerEntry.findMany({ orderBy: { id: "asc" }, include: { recommender: true, order: { select: { groupBuyId: true, position: true } } } });
  const ledger = [
    b.ledgerHeader,
    ...entries.map((e) => [String(e.seq), e.recommender.firstName, b.kind[e.kind], money(e.amountFen), money(e.balanceFen), e.order ? b.forOrder(orderRef(e.order.groupBuyId, e.order.position)) : ""]),
  ];
  for (const [i, line] of table(ledger, [0, 3, 4]).entries()) t.line(`   ${i === 0 ? t.style(line, "dim") : line}`);
}
