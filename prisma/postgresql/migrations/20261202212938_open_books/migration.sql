-- CreateEnum
CREATE TYPE "CostKind" AS ENUM ('PRODUCER', 'PACKAGING', 'LOGISTICS', 'COOP_FEE', 'COMMISSION', 'OTHER');

-- AlterTable
ALTER TABLE "Community" ADD COLUMN     "patronageShareBp" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CostLine" ADD COLUMN     "kind" "CostKind" NOT NULL DEFAULT 'OTHER';

-- AlterTable
ALTER TABLE "GroupBuy" ADD COLUMN     "breakdownId" INTEGER,
ADD COLUMN     "chartMessageId" INTEGER,
ADD COLUMN     "statementClaimedAt" TIMESTAMP(3),
ADD COLUMN     "statementDirty" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statementHash" TEXT,
ADD COLUMN     "statementMessageId" INTEGER;

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "payoutMethod" TEXT,
ADD COLUMN     "payoutReference" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "breakdownId" INTEGER;

-- CreateTable
CREATE TABLE "PriceBreakdown" (
    "id" SERIAL NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "adjusted" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceBreakdown_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GroupBuy_statementDirty_idx" ON "GroupBuy"("statementDirty");

-- CreateIndex
CREATE INDEX "GroupBuy_communityId_closedAt_idx" ON "GroupBuy"("communityId", "closedAt");

-- AddForeignKey
ALTER TABLE "GroupBuy" ADD CONSTRAINT "GroupBuy_breakdownId_fkey" FOREIGN KEY ("breakdownId") REFERENCES "PriceBreakdown"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_breakdownId_fkey" FOREIGN KEY ("breakdownId") REFERENCES "PriceBreakdown"("id") ON DELETE SET NULL ON UPDATE CASCADE;
