-- CreateIndex
CREATE INDEX "Order_groupBuyId_position_idx" ON "Order"("groupBuyId", "position");
