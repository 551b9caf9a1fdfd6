-- CreateTable
CREATE TABLE "ReadToken" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ReadToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReadToken_tokenHash_key" ON "ReadToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ReadToken_communityId_idx" ON "ReadToken"("communityId");

-- AddForeignKey
ALTER TABLE "ReadToken" ADD CONSTRAINT "ReadToken_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadToken" ADD CONSTRAINT "ReadToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
