-- DropIndex
DROP INDEX "LedgerEntry_recommenderId_communityId_kind_amountFen_idx";

-- CreateIndex
CREATE INDEX "LedgerEntry_recommenderId_communityId_groupBuyId_idx" ON "LedgerEntry"("recommenderId", "communityId", "groupBuyId");
