-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupKey" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "replyMarkup" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'SEND',
    "messageId" INTEGER,
    "photo" TEXT,
    "paidBroadcast" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_OutboxMessage" ("attempts", "chatId", "createdAt", "dedupKey", "id", "kind", "lastError", "messageId", "notBefore", "photo", "replyMarkup", "sentAt", "status", "text") SELECT "attempts", "chatId", "createdAt", "dedupKey", "id", "kind", "lastError", "messageId", "notBefore", "photo", "replyMarkup", "sentAt", "status", "text" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupKey_key" ON "OutboxMessage"("dedupKey");
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
