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
    "votingEnabled" BOOLEAN NOT NULL DEFAULT false,
    "votingHours" INTEGER NOT NULL DEFAULT 48,
    "autoApproveSupport" INTEGER,
    "autoApproveMaxObject" INTEGER NOT NULL DEFAULT 0,
    "publicPage" BOOLEAN NOT NULL DEFAULT false,
    "paidBroadcast" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Community_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Community" ("active", "adminsOrganize", "autoApproveMaxObject", "autoApproveSupport", "createdAt", "currency", "decidedAt", "decidedById", "id", "locale", "patronageShareBp", "publicPage", "reminderOffsetsMin", "selfReferralEarns", "status", "telegramChatId", "timezone", "title", "updatedAt", "votingEnabled", "votingHours") SELECT "active", "adminsOrganize", "autoApproveMaxObject", "autoApproveSupport", "createdAt", "currency", "decidedAt", "decidedById", "id", "locale", "patronageShareBp", "publicPage", "reminderOffsetsMin", "selfReferralEarns", "status", "telegramChatId", "timezone", "title", "updatedAt", "votingEnabled", "votingHours" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_telegramChatId_key" ON "Community"("telegramChatId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
