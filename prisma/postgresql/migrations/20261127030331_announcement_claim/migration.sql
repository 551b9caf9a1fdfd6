-- AlterTable
ALTER TABLE "GroupBuy" ADD COLUMN     "announcementClaimedAt" TIMESTAMP(3);
