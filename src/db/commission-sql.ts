import { Prisma } from "../generated/prisma/client";

/**
 * An order's commission by its snapshot (domain/commission.ts orderCommissionFen)
 * in SQL, for order `o` of buy `g`: the same on SQLite and PostgreSQL. Integer
 * arithmetic in BIGINT (a percentage's product can pass 2^31), and integer
 * division truncates, which is the rule's floor for amounts ≥ 0; capped at the
 * order's amount; a self-referral earns only where the buy says so. The audit
 * checks stored accruals with it, and a close accrues with it; tests compare it
 * with orderCommissionFen order by order.
 */
const RAW_COMMISSION = `CASE WHEN o."commissionKind" = 'PERCENT_BP' THEN CAST(o."amountFen" AS BIGINT) * o."commissionValue" / 10000 ELSE CAST(o."commissionValue" AS BIGINT) * o."quantity" END`;
export const COMMISSION_SQL = Prisma.raw(
  `(CASE WHEN o."selfReferral" AND NOT g."selfReferralEarns" THEN 0 WHEN ${RAW_COMMISSION} < o."amountFen" THEN ${RAW_COMMISSION} ELSE o."amountFen" END)`,
);
