import { Prisma } from "../generated/prisma/client";
import type { CommissionKind } from "../domain/commission";
import type { Db } from "./client";

// /export's read: a buy's orders with the names the CSV shows, a batch at a
// time, as one joined raw query per batch. Prisma's findMany with the two
// members costs a query per relation and its interpreter's time per row and
// field: more than the CSV's own writing for a 10,000-order buy.

/** What a CSV line of an order shows. */
export type ExportOrder = {
  id: number; position: number; quantity: number; unitPriceFen: number; amountFen: number; status: string;
  commissionKind: CommissionKind; commissionValue: number; attribution: string; selfReferral: boolean;
  paymentStatus: string; pickupStatus: string; paidAt: Date | null; pickedUpAt: Date | null; createdAt: Date;
  member: { firstName: string; lastName: string | null; username: string | null };
  referrer: { firstName: string; lastName: string | null };
};

type Row = Record<string, unknown>;

/** Raw results differ by database: SQLite gives booleans as 0/1; dates may come as text. */
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string | number));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function exportOrderOf(r: Row): ExportOrder {
  return {
    id: Number(r.id), position: Number(r.position), quantity: Number(r.quantity), unitPriceFen: Number(r.unitPriceFen), amountFen: Number(r.amountFen),
    status: String(r.status), commissionKind: r.commissionKind as CommissionKind, commissionValue: Number(r.commissionValue),
    attribution: String(r.attribution), selfReferral: r.selfReferral === true || Number(r.selfReferral) === 1,
    paymentStatus: String(r.paymentStatus), pickupStatus: String(r.pickupStatus),
    paidAt: date(r.paidAt), pickedUpAt: date(r.pickedUpAt), createdAt: date(r.createdAt)!,
    member: { firstName: String(r.memberFirstName), lastName: str(r.memberLastName), username: str(r.memberUsername) },
    referrer: { firstName: String(r.referrerFirstName), lastName: str(r.referrerLastName) },
  };
}

/** Every order of a buy in batches (keyset by id), so exports don't hold them all at once. */
export async function* exportBatches(db: Db, groupBuyId: number, batchSize = 500): AsyncGenerator<ExportOrder[]> {
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<Row[]>(Prisma.sql`
      SELECT o."id", o."position", o."quantity", o."unitPriceFen", o."amountFen", o."status", o."commissionKind", o."commissionValue",
             o."attribution", o."selfReferral", o."paymentStatus", o."pickupStatus", o."paidAt", o."pickedUpAt", o."createdAt",
             m."firstName" AS "memberFirstName", m."lastName" AS "memberLastName", m."username" AS "memberUsername",
             r."firstName" AS "referrerFirstName", r."lastName" AS "referrerLastName"
      FROM "Order" o JOIN "Member" m ON m."id" = o."memberId" JOIN "Member" r ON r."id" = o."referrerId"
      WHERE o."groupBuyId" = ${groupBuyId} AND o."id" > ${after}
      ORDER BY o."id" ASC
      LIMIT ${batchSize}`);
    if (rows.length === 0) return;
    const batch = rows.map(exportOrderOf);
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (batch.length < batchSize) return;
  }
}
