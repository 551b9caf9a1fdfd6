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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Community_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Community" ("active", "createdAt", "currency", "id", "locale", "reminderOffsetsMin", "selfReferralEarns", "telegramChatId", "timezone", "title", "updatedAt") SELECT "active", "createdAt", "currency", "id", "locale", "reminderOffsetsMin", "selfReferralEarns", "telegramChatId", "timezone", "title", "updatedAt" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_telegramChatId_key" ON "Community"("telegramChatId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Communities from before approvals existed were all registered by the bot: they stay approved.
UPDATE "Community" SET "status" = 'APPROVED';
