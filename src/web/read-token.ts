// The token check of the DFC orders routes: `Authorization: Bearer <token>`,
// a live read token of the community (src/db/read-tokens.ts keeps only its
// hash). A route calls it first and answers its 401 when it fails:
//   const denied = await requireReadToken(db, communityId, req);
//   if (denied) return denied;
import type { Db } from "../db/client";
import { verifyReadToken } from "../db/read-tokens";
import { bearerToken, type WebAnswer, type WebRequest } from "./http";

/** 401 for an absent, unknown, revoked or other community's token; undefined when the token is good. */
export async function requireReadToken(db: Db, communityId: number, req: WebRequest): Promise<WebAnswer | undefined> {
  const header = req.headers.authorization;
  const tokenId = await verifyReadToken(db, communityId, bearerToken(typeof header === "string" ? header : undefined));
  if (tokenId !== undefined) return undefined;
  return {
    status: 401,
    type: "application/json; charset=utf-8",
    cacheControl: "no-store",
    headers: { "WWW-Authenticate": 'Bearer realm="letscoop", error="invalid_token"' },
    body: JSON.stringify({ error: "a valid read token of this community is needed: Authorization: Bearer <token>" }),
  };
}
