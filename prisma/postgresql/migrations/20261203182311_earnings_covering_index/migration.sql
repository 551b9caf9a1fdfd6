-- DropIndex
DROP INDEX "LedgerEntry_recommenderId_communityId_idx";

-- CreateIndex
CREATE INDEX "LedgerEntry_recommenderId_communityId_kind_amountFen_idx" ON "LedgerEntry"("recommenderId", "communityId", "kind", "amountFen");
