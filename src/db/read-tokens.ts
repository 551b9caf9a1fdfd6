// A community's read tokens for the DFC orders routes. The token is shown
// once, when issued; only its SHA-256 (hex) is kept, so a copy of the
// database gives no token away. Revoked tokens stay, with the time.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "./client";

/** The hex SHA-256 a token is kept as. */
export function readTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token (32 random bytes, base64url): returned once, its hash stored. */
export async function issueReadToken(db: Tx, communityId: number, createdById: number): Promise<{ id: number; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const row = await db.readToken.create({ data: { communityId, createdById, tokenHash: readTokenHash(token) }, select: { id: true } });
  return { id: row.id, token };
}

/** The token's id when it is a live token of this community (absent, unknown, revoked or another community's: undefined). */
export async function verifyReadToken(db: Tx, communityId: number, token: string | undefined): Promise<number | undefined> {
  // a token is 43 characters of base64url; anything else is not looked up
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  // looked up by hash (unique): the comparison is the database's equality on a digest, not on the secret
  const row = await db.readToken.findUnique({ where: { tokenHash: readTokenHash(token) }, select: { id: true, communityId: true, revokedAt: true } });
  return row && row.communityId === communityId && row.revokedAt === null ? row.id : undefined;
}

/** Revokes one token, or every live token of the community; how many were revoked. */
export async function revokeReadTokens(db: Tx, communityId: number, now: Date, tokenId?: number): Promise<number> {
  const { count } = await db.readToken.updateMany({ where: { communityId, revokedAt: null, ...(tokenId !== undefined ? { id: tokenId } : {}) }, data: { revokedAt: now } });
  return count;
}

/** The community's live tokens (ids and when issued; never the token). */
export async function liveReadTokens(db: Tx, communityId: number): Promise<{ id: number; createdAt: Date }[]> {
  return db.readToken.findMany({ where: { communityId, revokedAt: null }, select: { id: true, createdAt: true }, orderBy: { id: "asc" } });
}

