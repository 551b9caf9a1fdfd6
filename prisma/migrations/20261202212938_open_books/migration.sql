-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN "payoutMethod" TEXT;
ALTER TABLE "LedgerEntry" ADD COLUMN "payoutReference" TEXT;

-- CreateTable
CREATE TABLE "PriceBreakdown" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "priceFen" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "adjusted" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Community" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "telegramChatId" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh',
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "selfReferralEarns" BOOLEAN NOT NULL DEFAULT false,
    "reminderOffsetsMin" TEXT NOT NULL DEFAULT '1440,60',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedAt" DATETIME,
    "decidedById" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "adminsOrganize" BOOLEAN NOT NULL DEFAULT false,
    "patronageShareBp" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Community_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Community" ("active", "adminsOrganize", "createdAt", "currency", "decidedAt", "decidedById", "id", "locale", "reminderOffsetsMin", "selfReferralEarns", "status", "telegramChatId", "timezone", "title", "updatedAt") SELECT "active", "adminsOrganize", "createdAt", "currency", "decidedAt", "decidedById", "id", "locale", "reminderOffsetsMin", "selfReferralEarns", "status", "telegramChatId", "timezone", "title", "updatedAt" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_telegramChatId_key" ON "Community"("telegramChatId");
CREATE TABLE "new_CostLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revisionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'OTHER',
    CONSTRAINT "CostLine_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ProductRevision" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CostLine" ("amountFen", "id", "label", "position", "revisionId") SELECT "amountFen", "id", "label", "position", "revisionId" FROM "CostLine";
DROP TABLE "CostLine";
ALTER TABLE "new_CostLine" RENAME TO "CostLine";
CREATE UNIQUE INDEX "CostLine_revisionId_position_key" ON "CostLine"("revisionId", "position");
CREATE TABLE "new_GroupBuy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "revisionId" INTEGER NOT NULL,
    "openedById" INTEGER NOT NULL,
    "recommenderId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "unitPriceFen" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "minTotalQty" INTEGER NOT NULL DEFAULT 1,
    "stockCap" INTEGER,
    "perMemberCap" INTEGER,
    "totalQty" INTEGER NOT NULL DEFAULT 0,
    "orderCount" INTEGER NOT NULL DEFAULT 0,
    "deadlineAt" DATETIME NOT NULL,
    "pickupDetails" TEXT NOT NULL,
    "commissionKind" TEXT NOT NULL DEFAULT 'PERCENT_BP',
    "commissionValue" INTEGER NOT NULL DEFAULT 0,
    "selfReferralEarns" BOOLEAN NOT NULL DEFAULT false,
    "closedAt" DATETIME,
    "closedById" INTEGER,
    "cancelReason" TEXT,
    "announcementMessageId" INTEGER,
    "announcementHash" TEXT,
    "announcementDirty" BOOLEAN NOT NULL DEFAULT false,
    "announcementEditedAt" DATETIME,
    "announcementClaimedAt" DATETIME,
    "progressChatId" BIGINT,
    "progressMessageId" INTEGER,
    "progressDoneAt" DATETIME,
    "breakdownId" INTEGER,
    "chartMessageId" INTEGER,
    "statementMessageId" INTEGER,
    "statementHash" TEXT,
    "statementDirty" BOOLEAN NOT NULL DEFAULT false,
    "statementClaimedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GroupBuy_breakdownId_fkey" FOREIGN KEY ("breakdownId") REFERENCES "PriceBreakdown" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "GroupBuy_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupBuy_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupBuy_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ProductRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupBuy_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupBuy_recommenderId_fkey" FOREIGN KEY ("recommenderId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_GroupBuy" ("announcementClaimedAt", "announcementDirty", "announcementEditedAt", "announcementHash", "announcementMessageId", "cancelReason", "closedAt", "closedById", "commissionKind", "commissionValue", "communityId", "createdAt", "currency", "deadlineAt", "id", "minTotalQty", "openedById", "orderCount", "perMemberCap", "pickupDetails", "productId", "progressChatId", "progressDoneAt", "progressMessageId", "recommenderId", "revisionId", "selfReferralEarns", "status", "stockCap", "totalQty", "unitPriceFen", "updatedAt") SELECT "announcementClaimedAt", "announcementDirty", "announcementEditedAt", "announcementHash", "announcementMessageId", "cancelReason", "closedAt", "closedById", "commissionKind", "commissionValue", "communityId", "createdAt", "currency", "deadlineAt", "id", "minTotalQty", "openedById", "orderCount", "perMemberCap", "pickupDetails", "productId", "progressChatId", "progressDoneAt", "progressMessageId", "recommenderId", "revisionId", "selfReferralEarns", "status", "stockCap", "totalQty", "unitPriceFen", "updatedAt" FROM "GroupBuy";
DROP TABLE "GroupBuy";
ALTER TABLE "new_GroupBuy" RENAME TO "GroupBuy";
CREATE INDEX "GroupBuy_status_deadlineAt_idx" ON "GroupBuy"("status", "deadlineAt");
CREATE INDEX "GroupBuy_communityId_status_idx" ON "GroupBuy"("communityId", "status");
CREATE INDEX "GroupBuy_announcementDirty_idx" ON "GroupBuy"("announcementDirty");
CREATE INDEX "GroupBuy_statementDirty_idx" ON "GroupBuy"("statementDirty");
CREATE INDEX "GroupBuy_communityId_closedAt_idx" ON "GroupBuy"("communityId", "closedAt");
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
    "breakdownId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_groupBuyId_fkey" FOREIGN KEY ("groupBuyId") REFERENCES "GroupBuy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_pickedUpById_fkey" FOREIGN KEY ("pickedUpById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Order_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ProductRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_breakdownId_fkey" FOREIGN KEY ("breakdownId") REFERENCES "PriceBreakdown" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("amountFen", "attribution", "commissionKind", "commissionValue", "createdAt", "groupBuyId", "id", "memberId", "paidAt", "paymentStatus", "pickedUpAt", "pickedUpById", "pickupCode", "pickupStatus", "position", "quantity", "referrerId", "revisionId", "selfReferral", "status", "unitPriceFen", "updatedAt") SELECT "amountFen", "attribution", "commissionKind", "commissionValue", "createdAt", "groupBuyId", "id", "memberId", "paidAt", "paymentStatus", "pickedUpAt", "pickedUpById", "pickupCode", "pickupStatus", "position", "quantity", "referrerId", "revisionId", "selfReferral", "status", "unitPriceFen", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_pickupCode_key" ON "Order"("pickupCode");
CREATE INDEX "Order_groupBuyId_position_idx" ON "Order"("groupBuyId", "position");
CREATE INDEX "Order_memberId_idx" ON "Order"("memberId");
CREATE INDEX "Order_referrerId_idx" ON "Order"("referrerId");
CREATE UNIQUE INDEX "Order_groupBuyId_memberId_key" ON "Order"("groupBuyId", "memberId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
