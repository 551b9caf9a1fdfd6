-- AlterTable
ALTER TABLE "Community" ADD COLUMN     "autoApproveMaxObject" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "autoApproveSupport" INTEGER,
ADD COLUMN     "publicPage" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "votingEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "votingHours" INTEGER NOT NULL DEFAULT 48;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "feedbackPromptedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "cardClaimedAt" TIMESTAMP(3),
ADD COLUMN     "qaPostedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SettingChange" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "oldValue" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "updateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettingChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevisionPoll" (
    "id" SERIAL NOT NULL,
    "revisionId" INTEGER NOT NULL,
    "communityId" INTEGER NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "cardMessageId" INTEGER,
    "pollMessageId" INTEGER,
    "telegramPollId" TEXT,
    "closedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RevisionPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollVote" (
    "pollId" INTEGER NOT NULL,
    "telegramUserId" BIGINT NOT NULL,
    "memberId" INTEGER,
    "option" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PollVote_pkey" PRIMARY KEY ("pollId","telegramUserId")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" SERIAL NOT NULL,
    "productId" INTEGER NOT NULL,
    "askerId" INTEGER NOT NULL,
    "recommenderId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "askerPublishes" BOOLEAN NOT NULL DEFAULT false,
    "answerPublishes" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3),
    "updateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "promptedAt" TIMESTAMP(3),
    "rating" INTEGER,
    "comment" TEXT,
    "publishes" BOOLEAN NOT NULL DEFAULT false,
    "ratedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "SettingChange" ADD CONSTRAINT "SettingChange_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettingChange" ADD CONSTRAINT "SettingChange_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevisionPoll" ADD CONSTRAINT "RevisionPoll_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ProductRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollVote" ADD CONSTRAINT "PollVote_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "RevisionPoll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollVote" ADD CONSTRAINT "PollVote_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_askerId_fkey" FOREIGN KEY ("askerId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_recommenderId_fkey" FOREIGN KEY ("recommenderId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;
