import { csvLine, fenToDecimal, UTF8_BOM } from "../../domain/csv";
import { formatMinute } from "../../domain/dates";
import type { LedgerEntryRecord } from "../../db/ledger";

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

/** A ledger entry with the recommender's name, as the export reads it. */
export type CsvEntry = LedgerEntryRecord & { recommender: { firstName: string; lastName: string | null } };

/** The ledger as CSV: UTF-8 with a BOM (spreadsheets read Chinese names), a header, one row per entry, CRLF. */
export async function ledgerCsv(entries: AsyncIterable<CsvEntry>, currency: string, timezone: string): Promise<Buffer> {
  const rows = [csvLine(LEDGER_CSV_COLUMNS)];
  for await (const e of entries) {
    rows.push(
      csvLine([
        e.id,
        e.createdAt.toISOString(),
        formatMinute(e.createdAt, timezone),
        e.communityId,
        e.recommenderId,
        [e.recommender.firstName, e.recommender.lastName].filter(Boolean).join(" "),
        e.seq,
        e.kind,
        fenToDecimal(e.amountFen),
        fenToDecimal(e.balanceFen),
        currency,
        e.orderId,
        e.groupBuyId,
        e.createdById,
        e.memo,
        e.idempotencyKey,
      ]),
    );
  }
  return Buffer.from(UTF8_BOM + rows.join(""), "utf8");
}
