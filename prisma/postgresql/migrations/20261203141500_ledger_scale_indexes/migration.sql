-- CreateIndex
CREATE INDEX "LedgerEntry_recommenderId_communityId_idx" ON "LedgerEntry"("recommenderId", "communityId");

-- CreateIndex
CREATE INDEX "LedgerEntry_communityId_id_idx" ON "LedgerEntry"("communityId", "id");

-- CreateIndex
CREATE INDEX "LedgerEntry_groupBuyId_kind_idx" ON "LedgerEntry"("groupBuyId", "kind");
