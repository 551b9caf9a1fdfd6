-- DropIndex
DROP INDEX "Order_referrerId_idx";

-- CreateIndex
CREATE INDEX "Order_referrerId_groupBuyId_idx" ON "Order"("referrerId", "groupBuyId");
