import { csvLine, fenToDecimal, UTF8_BOM } from "../../domain/csv";
import { formatMinute } from "../../domain/dates";
import { orderRef } from "../../domain/order-ref";
import type { LedgerEntryRecord } from "../../db/ledger";
import type { Translate } from "../../views/env";

type Name = { firstName: string; lastName: string | null };
const nameOf = (m: Name | null | undefined) => (m ? [m.firstName, m.lastName].filter(Boolean).join(" ") : "");

/**
 * A ledger entry as the export reads it: with names (never internal ids) and,
 * for an order's entry, the order's snapshot, from which an auditor recomputes
 * the commission (domain/commission orderCommissionFen) from the row alone.
 */
export type CsvEntry = LedgerEntryRecord & {
  payoutMethod?: string | null;
  payoutReference?: string | null;
  recommender: Name;
  createdBy: Name | null;
  groupBuy: { selfReferralEarns: boolean } | null;
  order: {
    groupBuyId: number; position: number; quantity: number; unitPriceFen: number; amountFen: number;
    commissionKind: "PERCENT_BP" | "FIXED_PER_UNIT"; commissionValue: number; selfReferral: boolean; member: Name;
  } | null;
};

/**
 * The ledger as CSV, streamed a page of entries at a time: UTF-8 with a BOM
 * (spreadsheets read Chinese names), the header in the organizer's language
 * (`referrals-csv-header`), one CRLF row per entry. The rule is written as the
 * order snapshotted it: its kind (PERCENT_BP: basis points of the order amount;
 * FIXED_PER_UNIT: fen per unit) and value.
 */
export async function* ledgerCsv(entries: AsyncIterable<CsvEntry>, currency: string, timezone: string, t: Translate, pageSize = 500): AsyncGenerator<Uint8Array> {
  yield Buffer.from(UTF8_BOM + csvLine(t("referrals-csv-header").split(",")), "utf8");
  const yes = t("gba-csv-yes");
  const no = t("gba-csv-no");
  let rows: string[] = [];
  for await (const e of entries) {
    const o = e.order;
    rows.push(
      csvLine([
        e.seq,
        e.createdAt.toISOString(),
        formatMinute(e.createdAt, timezone),
        nameOf(e.recommender),
        e.kind,
        fenToDecimal(e.amountFen),
        fenToDecimal(e.balanceFen),
        currency,
        o ? orderRef(o.groupBuyId, o.position) : "",
        o ? nameOf(o.member) : "",
        o ? o.quantity : "",
        o ? fenToDecimal(o.unitPriceFen) : "",
        o ? fenToDecimal(o.amountFen) : "",
        o ? o.commissionKind : "",
        o ? o.commissionValue : "",
        o ? (o.selfReferral ? yes : no) : "",
        o && e.groupBuy ? (e.groupBuy.selfReferralEarns ? yes : no) : "",
        nameOf(e.createdBy),
        e.payoutMethod ?? "",
        e.payoutReference ?? "",
        e.memo ?? "",
      ]),
    );
    if (rows.length >= pageSize) {
      yield Buffer.from(rows.join(""), "utf8");
      rows = [];
    }
  }
  if (rows.length > 0) yield Buffer.from(rows.join(""), "utf8");
}
