-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "adjustedToDateFen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "paidToDateFen" INTEGER NOT NULL DEFAULT 0;

-- Backfill: each entry's running sums of its chain's payouts and adjustments, up to and including it
UPDATE "LedgerEntry" SET "paidToDateFen" = t."paid", "adjustedToDateFen" = t."adjusted"
FROM (
  SELECT "id",
    SUM(CASE WHEN "kind" = 'PAYOUT' THEN "amountFen" ELSE 0 END) OVER w AS "paid",
    SUM(CASE WHEN "kind" = 'ADJUSTMENT' THEN "amountFen" ELSE 0 END) OVER w AS "adjusted"
  FROM "LedgerEntry"
  WINDOW w AS (PARTITION BY "communityId", "recommenderId" ORDER BY "seq" ROWS UNBOUNDED PRECEDING)
) t
WHERE t."id" = "LedgerEntry"."id";
