-- Payout idempotency keys named the organizer's Telegram chat id (payout:<chat id>:<message id>);
-- they name the organizer's member id instead (payout:m<member id>:<message id>). The confirmation
-- is always in the confirming organizer's own private chat, so createdById is that chat's member.
UPDATE "LedgerEntry"
SET "idempotencyKey" = 'payout:m' || "createdById" || ':' || substr("idempotencyKey", 8 + instr(substr("idempotencyKey", 8), ':'))
WHERE "kind" = 'PAYOUT' AND "createdById" IS NOT NULL AND "idempotencyKey" LIKE 'payout:%' AND "idempotencyKey" NOT LIKE 'payout:m%';
