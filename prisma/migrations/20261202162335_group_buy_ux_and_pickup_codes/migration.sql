-- AlterTable
ALTER TABLE "GroupBuy" ADD COLUMN "progressChatId" BIGINT;
ALTER TABLE "GroupBuy" ADD COLUMN "progressDoneAt" DATETIME;
ALTER TABLE "GroupBuy" ADD COLUMN "progressMessageId" INTEGER;

-- CreateTable
CREATE TABLE "PickupHelper" (
    "groupBuyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "grantedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupBuyId", "memberId"),
    CONSTRAINT "PickupHelper_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PickupHelper_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PickupHelper_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PickupAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BuyView" (
    "groupBuyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "messageId" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("groupBuyId", "memberId"),
    CONSTRAINT "BuyView_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BuyView_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupBuyId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "unitPriceFen" INTEGER NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "revisionId" INTEGER NOT NULL,
    "commissionKind" TEXT NOT NULL,
    "commissionValue" INTEGER NOT NULL,
    "referrerId" INTEGER NOT NULL,
    "attribution" TEXT NOT NULL,
    "selfReferral" BOOLEAN NOT NULL DEFAULT false,
    "paymentStatus" TEXT NOT NULL DEFAULT 'UNPAID',
    "pickupStatus" TEXT NOT NULL DEFAULT 'PENDING',
    "paidAt" DATETIME,
    "pickedUpAt" DATETIME,
    "pickedUpById" INTEGER,
    "pickupCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_pickedUpById_fkey" FOREIGN KEY ("pickedUpById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Order_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ProductRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("amountFen", "attribution", "commissionKind", "commissionValue", "createdAt", "groupBuyId", "id", "memberId", "paidAt", "paymentStatus", "pickedUpAt", "pickupStatus", "position", "quantity", "referrerId", "revisionId", "selfReferral", "status", "unitPriceFen", "updatedAt") SELECT "amountFen", "attribution", "commissionKind", "commissionValue", "createdAt", "groupBuyId", "id", "memberId", "paidAt", "paymentStatus", "pickedUpAt", "pickupStatus", "position", "quantity", "referrerId", "revisionId", "selfReferral", "status", "unitPriceFen", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_pickupCode_key" ON "Order"("pickupCode");
CREATE INDEX "Order_groupBuyId_position_idx" ON "Order"("groupBuyId", "position");
CREATE INDEX "Order_memberId_idx" ON "Order"("memberId");
CREATE INDEX "Order_referrerId_idx" ON "Order"("referrerId");
CREATE UNIQUE INDEX "Order_groupBuyId_memberId_key" ON "Order"("groupBuyId", "memberId");
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupKey" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "replyMarkup" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'SEND',
    "messageId" INTEGER,
    "photo" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_OutboxMessage" ("attempts", "chatId", "createdAt", "dedupKey", "id", "lastError", "notBefore", "replyMarkup", "sentAt", "status", "text") SELECT "attempts", "chatId", "createdAt", "dedupKey", "id", "lastError", "notBefore", "replyMarkup", "sentAt", "status", "text" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupKey_key" ON "OutboxMessage"("dedupKey");
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PickupAttempt_memberId_at_idx" ON "PickupAttempt"("memberId", "at");
