import { fenToDecimal } from "../../domain/ledger-rules";
import { formatDateTime } from "./views";

export const LEDGER_CSV_COLUMNS = [
  "entry_id",
  "created_at_utc",
  "created_at_local",
  "community_id",
  "recommender_id",
  "recommender_name",
  "seq",
  "kind",
  "amount",
  "balance",
  "currency",
  "order_id",
  "group_buy_id",
  "created_by_id",
  "memo",
  "idempotency_key",
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break.
 * Text from members that a spreadsheet would run as a formula gets a leading
 * apostrophe.
 */
export function csvCell(value: string | number | null | undefined, text = false): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type CsvEntry = {
  id: number;
  createdAt: Date;
  communityId: number;
  recommenderId: number;
  seq: number;
  kind: string;
  amountFen: number;
  balanceFen: number;
  orderId: number | null;
  groupBuyId: number | null;
  createdById: number | null;
  memo: string | null;
  idempotencyKey: string;
  recommender: { firstName: string; lastName: string | null };
};

/** The ledger as CSV: UTF-8 with a BOM (spreadsheets read Chinese names), a header, one row per entry, CRLF. */
export async function ledgerCsv(entries: AsyncIterable<CsvEntry>, currency: string, timezone: string): Promise<Buffer> {
  const rows = [LEDGER_CSV_COLUMNS.join(",")];
  for await (const e of entries) {
    rows.push(
      [
        csvCell(e.id),
        csvCell(e.createdAt.toISOString()),
        csvCell(formatDateTime(e.createdAt, timezone)),
        csvCell(e.communityId),
        csvCell(e.recommenderId),
        csvCell([e.recommender.firstName, e.recommender.lastName].filter(Boolean).join(" "), true),
        csvCell(e.seq),
        csvCell(e.kind),
        csvCell(fenToDecimal(e.amountFen)),
        csvCell(fenToDecimal(e.balanceFen)),
        csvCell(currency),
        csvCell(e.orderId),
        csvCell(e.groupBuyId),
        csvCell(e.createdById),
        csvCell(e.memo, true),
        csvCell(e.idempotencyKey),
      ].join(","),
    );
  }
  return Buffer.from(`\uFEFF${rows.join("\r\n")}\r\n`, "utf8");
}
