-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LedgerEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "recommenderId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "balanceFen" INTEGER NOT NULL,
    "paidToDateFen" INTEGER NOT NULL DEFAULT 0,
    "adjustedToDateFen" INTEGER NOT NULL DEFAULT 0,
    "orderId" INTEGER,
    "groupBuyId" INTEGER,
    "createdById" INTEGER,
    "memo" TEXT,
    "payoutMethod" TEXT,
    "payoutReference" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LedgerEntry_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_recommenderId_fkey" FOREIGN KEY ("recommenderId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LedgerEntry_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LedgerEntry" ("amountFen", "balanceFen", "communityId", "createdAt", "createdById", "groupBuyId", "id", "idempotencyKey", "kind", "memo", "orderId", "payoutMethod", "payoutReference", "recommenderId", "seq") SELECT "amountFen", "balanceFen", "communityId", "createdAt", "createdById", "groupBuyId", "id", "idempotencyKey", "kind", "memo", "orderId", "payoutMethod", "payoutReference", "recommenderId", "seq" FROM "LedgerEntry";
DROP TABLE "LedgerEntry";
ALTER TABLE "new_LedgerEntry" RENAME TO "LedgerEntry";
CREATE UNIQUE INDEX "LedgerEntry_idempotencyKey_key" ON "LedgerEntry"("idempotencyKey");
CREATE INDEX "LedgerEntry_communityId_createdAt_idx" ON "LedgerEntry"("communityId", "createdAt");
CREATE INDEX "LedgerEntry_orderId_idx" ON "LedgerEntry"("orderId");
CREATE INDEX "LedgerEntry_recommenderId_communityId_kind_amountFen_idx" ON "LedgerEntry"("recommenderId", "communityId", "kind", "amountFen");
CREATE INDEX "LedgerEntry_communityId_id_idx" ON "LedgerEntry"("communityId", "id");
CREATE INDEX "LedgerEntry_groupBuyId_kind_idx" ON "LedgerEntry"("groupBuyId", "kind");
CREATE UNIQUE INDEX "LedgerEntry_communityId_recommenderId_seq_key" ON "LedgerEntry"("communityId", "recommenderId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
