import { InputFile } from "grammy";
import type { BuyDetails } from "../../db/group-buys";
import type { Orders } from "../../db/orders";
import { displayName } from "../../db/members";
import { csvLine, fenToDecimal, UTF8_BOM } from "../../domain/csv";
import { formatMinute } from "../../domain/dates";
import { orderCommissionFen } from "../../domain/commission";
import { orderRef } from "../../domain/order-ref";
import type { Translate } from "../../views/env";

// /export: a buy's orders as CSV for a spreadsheet. Rows are read and written
// in batches, so memory stays flat however many orders a buy has.

/**
 * `2026-12-01 20:00` in the zone. Times are shown to the minute, and today's
 * zones shift by whole minutes, so one export formats each minute once: orders
 * placed in the same minute share it (Intl's formatting is the costly part).
 */
function localTimes(timeZone: string): (at: Date | null) => string {
  const minutes = new Map<number, string>();
  return (at) => {
    if (!at) return "";
    const minute = Math.floor(at.getTime() / 60_000);
    let text = minutes.get(minute);
    if (text === undefined) {
      text = formatMinute(at, timeZone);
      if (minutes.size >= 10_000) minutes.clear(); // a bound, for a buy open for months
      minutes.set(minute, text);
    }
    return text;
  };
}

/** A state's word in the export's language, looked up once per export (a handful of distinct values). */
function stateWords(t: Translate): (key: string) => string {
  const words = new Map<string, string>();
  return (key) => {
    let word = words.get(key);
    if (word === undefined) words.set(key, (word = t(key)));
    return word;
  };
}

/**
 * UTF-8 with a BOM (Excel then shows Chinese), a header line, then one CRLF
 * line per order; states are words in the organizer's language, like the header.
 * An order that no longer counts (cancelled, refunded, void) shows 0 as its
 * quantity and amount, and what it was under "original quantity": summing the
 * quantity and amount columns gives the buy's totals. The last columns carry the
 * commission rule as snapshotted (PERCENT_BP: basis points of the amount;
 * FIXED_PER_UNIT: fen per unit) and the order's commission.
 */
export async function* ordersCsv(orders: Orders, buy: BuyDetails, t: Translate, batchSize = 500): AsyncGenerator<Uint8Array> {
  const header = t("gba-csv-header").split(",");
  yield Buffer.from(UTF8_BOM + csvLine(header), "utf8");
  const localTime = localTimes(buy.community.timezone);
  const word = stateWords(t);
  for await (const batch of orders.batchesForBuy(buy.id, batchSize)) {
    const lines = batch.map((o) => {
      const counts = o.status === "ACTIVE";
      return csvLine([
        orderRef(buy.id, o.position),
        displayName(o.member),
        o.member.username ?? "", // without "@": spreadsheets read a leading @ as a formula
        counts ? o.quantity : 0,
        fenToDecimal(o.unitPriceFen),
        fenToDecimal(counts ? o.amountFen : 0),
        buy.currency,
        word(`gba-csv-order-${o.status}`),
        counts ? "" : o.quantity,
        displayName(o.referrer),
        word(`gba-csv-attribution-${o.attribution}`),
        word(o.selfReferral ? "gba-csv-yes" : "gba-csv-no"),
        word(`gba-payment-${o.paymentStatus}`),
        localTime(o.paidAt),
        word(`gba-pickup-${o.pickupStatus}`),
        localTime(o.pickedUpAt),
        localTime(o.createdAt),
        // the rule as the order snapshotted it, and what it earns (0 once the order no longer counts)
        o.commissionKind,
        o.commissionValue,
        fenToDecimal(counts ? orderCommissionFen(o, buy.selfReferralEarns) : 0),
      ]);
    });
    yield Buffer.from(lines.join(""), "utf8");
  }
}

/** A file Telegram can upload; the supplier makes a fresh stream if the upload is retried. */
export function ordersCsvFile(orders: Orders, buy: BuyDetails, t: Translate): InputFile {
  return new InputFile(() => ordersCsv(orders, buy, t), `groupbuy-${buy.id}.csv`);
}
