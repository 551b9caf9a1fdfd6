-- AlterTable
ALTER TABLE "Community" ADD COLUMN     "paidBroadcast" BOOLEAN NOT NULL DEFAULT false;
