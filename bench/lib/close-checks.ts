import { openDatabase } from "../../src/db/client";
import { auditLedger } from "../../src/db/ledger-audit";
import { orderCommissionFen } from "../../src/domain/commission";
import { parseAmount } from "../../src/domain/money";
import type { SeededBuy } from "../../test/helpers/big-buy";

export type Check = { name: string; ok: boolean; detail?: string };

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      (record = []), (field = ""), i++;
    } else field += c;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

const fen = (decimal: string) => {
  const parsed = parseAmount(decimal);
  return parsed.ok ? parsed.fen : NaN;
};

/** What the export must hold: a BOM, the header, one row per order whose totals match the buy's. */
export function checkCsv(bytes: Buffer | undefined, seeded: SeededBuy, header: string): Check[] {
  if (!bytes) return [{ name: "the export arrived as a document", ok: false }];
  const text = bytes.toString("utf8");
  const bom = text.startsWith("\uFEFF");
  const [head, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  const positions = new Set(rows.map((r) => r[0]));
  const qty = rows.reduce((s, r) => s + Number(r[3]), 0);
  const amount = rows.reduce((s, r) => s + fen(r[5] ?? ""), 0);
  return [
    { name: "CSV starts with a UTF-8 BOM", ok: bom },
    { name: "CSV header + one row per order", ok: head?.join(",") === header && rows.length === seeded.orders && positions.size === seeded.orders, detail: `${rows.length}/${seeded.orders} rows` },
    { name: "CSV totals match the buy", ok: qty === seeded.totalQty && amount === seeded.amountFen, detail: `qty ${qty}/${seeded.totalQty}, ${amount}/${seeded.amountFen} fen` },
  ];
}

/** The close as the database tells it: state, accruals, ledger chains, notices. */
export async function checkClose(url: string, seeded: SeededBuy): Promise<Check[]> {
  const { db, close } = await openDatabase(url);
  try {
    const buy = await db.groupBuy.findUniqueOrThrow({ where: { id: seeded.buyId } });
    const orders = await db.order.findMany({ where: { groupBuyId: seeded.buyId, status: "ACTIVE" } });
    const expected = new Map(orders.map((o) => [o.id, orderCommissionFen(o, buy.selfReferralEarns)] as const).filter(([, c]) => c > 0));
    const expectedSum = [...expected.values()].reduce((s, c) => s + c, 0);
    const accruals = await db.ledgerEntry.findMany({ where: { groupBuyId: seeded.buyId, kind: "ACCRUAL" }, select: { orderId: true, amountFen: true } });
    const accrualSum = accruals.reduce((s, a) => s + a.amountFen, 0);
    const oneEach = new Set(accruals.map((a) => a.orderId)).size === accruals.length && accruals.every((a) => expected.get(a.orderId!) === a.amountFen);
    const problems = await auditLedger(db, seeded.communityId);
    const closedKeys = await db.outboxMessage.findMany({ where: { dedupKey: { startsWith: `gb${seeded.buyId}:closed:o` } }, select: { dedupKey: true, chatId: true } });
    const notices = closedKeys.filter((n) => /:o\d+$/.test(n.dedupKey)); // not the opener's ":opener"
    const noticed = new Set(notices.map((n) => n.chatId));
    const recommenderNotices = await db.outboxMessage.count({ where: { dedupKey: { startsWith: `ledger-accrual:${seeded.buyId}:` } } });
    const earning = new Set(orders.filter((o) => expected.has(o.id)).map((o) => o.referrerId)).size;
    return [
      { name: "buy SUCCEEDED", ok: buy.status === "SUCCEEDED" && buy.closedAt !== null, detail: buy.status },
      {
        name: "one accrual per earning order, each its commission",
        ok: oneEach && accruals.length === expected.size && accrualSum === expectedSum,
        detail: `${accruals.length}/${expected.size} accruals, ${accrualSum}/${expectedSum} fen`,
      },
      { name: "ledger audit: chains reconcile, accruals traceable", ok: problems.length === 0, detail: problems.slice(0, 3).join("; ") || undefined },
      { name: "one notice per member in the outbox", ok: notices.length === seeded.orders && noticed.size === seeded.orders, detail: `${notices.length}/${seeded.orders}` },
      { name: "one accrual notice per earning recommender", ok: recommenderNotices === earning, detail: `${recommenderNotices}/${earning}` },
    ];
  } finally {
    await close();
  }
}
