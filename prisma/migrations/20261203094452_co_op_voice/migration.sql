-- AlterTable
ALTER TABLE "Member" ADD COLUMN "feedbackPromptedAt" DATETIME;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "cardClaimedAt" DATETIME;
ALTER TABLE "Product" ADD COLUMN "qaPostedAt" DATETIME;

-- CreateTable
CREATE TABLE "SettingChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "oldValue" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "updateKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SettingChange_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SettingChange_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RevisionPoll" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revisionId" INTEGER NOT NULL,
    "communityId" INTEGER NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "claimedAt" DATETIME,
    "cardMessageId" INTEGER,
    "pollMessageId" INTEGER,
    "telegramPollId" TEXT,
    "closedAt" DATETIME,
    "outcome" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RevisionPoll_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ProductRevision" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollVote" (
    "pollId" INTEGER NOT NULL,
    "telegramUserId" BIGINT NOT NULL,
    "memberId" INTEGER,
    "option" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("pollId", "telegramUserId"),
    CONSTRAINT "PollVote_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "RevisionPoll" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PollVote_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Question" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "productId" INTEGER NOT NULL,
    "askerId" INTEGER NOT NULL,
    "recommenderId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "askerPublishes" BOOLEAN NOT NULL DEFAULT false,
    "answerPublishes" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" DATETIME,
    "updateKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Question_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Question_askerId_fkey" FOREIGN KEY ("askerId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Question_recommenderId_fkey" FOREIGN KEY ("recommenderId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "promptedAt" DATETIME,
    "rating" INTEGER,
    "comment" TEXT,
    "publishes" BOOLEAN NOT NULL DEFAULT false,
    "ratedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Feedback_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "votingEnabled" BOOLEAN NOT NULL DEFAULT false,
    "votingHours" INTEGER NOT NULL DEFAULT 48,
    "autoApproveSupport" INTEGER,
    "autoApproveMaxObject" INTEGER NOT NULL DEFAULT 0,
    "publicPage" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Community_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Community" ("active", "adminsOrganize", "createdAt", "currency", "decidedAt", "decidedById", "id", "locale", "patronageShareBp", "reminderOffsetsMin", "selfReferralEarns", "status", "telegramChatId", "timezone", "title", "updatedAt") SELECT "active", "adminsOrganize", "createdAt", "currency", "decidedAt", "decidedById", "id", "locale", "patronageShareBp", "reminderOffsetsMin", "selfReferralEarns", "status", "telegramChatId", "timezone", "title", "updatedAt" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_telegramChatId_key" ON "Community"("telegramChatId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SettingChange_updateKey_key" ON "SettingChange"("updateKey");

-- CreateIndex
CREATE INDEX "SettingChange_communityId_createdAt_idx" ON "SettingChange"("communityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RevisionPoll_revisionId_key" ON "RevisionPoll"("revisionId");

-- CreateIndex
CREATE UNIQUE INDEX "RevisionPoll_telegramPollId_key" ON "RevisionPoll"("telegramPollId");

-- CreateIndex
CREATE INDEX "RevisionPoll_closedAt_closesAt_idx" ON "RevisionPoll"("closedAt", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "Question_updateKey_key" ON "Question"("updateKey");

-- CreateIndex
CREATE INDEX "Question_productId_publishedAt_idx" ON "Question"("productId", "publishedAt");

-- CreateIndex
CREATE INDEX "Question_recommenderId_answeredAt_idx" ON "Question"("recommenderId", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_orderId_key" ON "Feedback"("orderId");

-- CreateIndex
CREATE INDEX "Feedback_promptedAt_dueAt_idx" ON "Feedback"("promptedAt", "dueAt");

-- CreateIndex
CREATE INDEX "Feedback_productId_ratedAt_idx" ON "Feedback"("productId", "ratedAt");

-- CreateIndex
CREATE INDEX "Feedback_memberId_idx" ON "Feedback"("memberId");
