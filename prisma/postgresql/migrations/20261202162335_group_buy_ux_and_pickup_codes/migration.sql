-- AlterTable
ALTER TABLE "GroupBuy" ADD COLUMN     "progressChatId" BIGINT,
ADD COLUMN     "progressDoneAt" TIMESTAMP(3),
ADD COLUMN     "progressMessageId" INTEGER;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "pickedUpById" INTEGER,
ADD COLUMN     "pickupCode" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'SEND',
ADD COLUMN     "messageId" INTEGER,
ADD COLUMN     "photo" TEXT;

-- CreateTable
CREATE TABLE "PickupHelper" (
    "groupBuyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "grantedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PickupHelper_pkey" PRIMARY KEY ("groupBuyId","memberId")
);

-- CreateTable
CREATE TABLE "PickupAttempt" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PickupAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuyView" (
    "groupBuyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "messageId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BuyView_pkey" PRIMARY KEY ("groupBuyId","memberId")
);

-- CreateIndex
CREATE INDEX "PickupAttempt_memberId_at_idx" ON "PickupAttempt"("memberId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Order_pickupCode_key" ON "Order"("pickupCode");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_pickedUpById_fkey" FOREIGN KEY ("pickedUpById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupHelper" ADD CONSTRAINT "PickupHelper_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupHelper" ADD CONSTRAINT "PickupHelper_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PickupHelper" ADD CONSTRAINT "PickupHelper_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyView" ADD CONSTRAINT "BuyView_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyView" ADD CONSTRAINT "BuyView_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
