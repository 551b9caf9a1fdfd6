-- CreateEnum
CREATE TYPE "CommunityStatus" AS ENUM ('PENDING', 'APPROVED', 'IGNORED');

-- AlterTable
ALTER TABLE "Community" ADD COLUMN     "adminsOrganize" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" INTEGER,
ADD COLUMN     "status" "CommunityStatus" NOT NULL DEFAULT 'PENDING',
ALTER COLUMN "active" SET DEFAULT false;

-- AddForeignKey
ALTER TABLE "Community" ADD CONSTRAINT "Community_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Communities from before approvals existed were all registered by the bot: they stay approved.
UPDATE "Community" SET "status" = 'APPROVED';
