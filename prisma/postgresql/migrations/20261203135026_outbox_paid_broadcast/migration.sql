-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "paidBroadcast" BOOLEAN NOT NULL DEFAULT false;
