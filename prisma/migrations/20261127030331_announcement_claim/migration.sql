-- AlterTable
ALTER TABLE "GroupBuy" ADD COLUMN "announcementClaimedAt" DATETIME;
