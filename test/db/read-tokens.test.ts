import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { memberId, setupCommunity } from "../helpers/group-buy-fixtures";
import { issueReadToken, liveReadTokens, readTokenHash, revokeReadTokens, verifyReadToken } from "../../src/db/read-tokens";
import { bearerToken } from "../../src/web/http";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("a community's read tokens", () => {
  it("are kept as their SHA-256 only, verify for their community, and stop verifying once revoked", async () => {
    h = await createHarness({ organizerIds: [1000] });
    const boss = user({ id: 1000 });
    const { communityId } = await setupCommunity(h, boss);
    const { communityId: otherId } = await setupCommunity(h, boss, "Other Co-op");
    const by = await memberId(h, boss);
    const { id, token } = await issueReadToken(h.db, communityId, by);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await h.db.readToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(readTokenHash(token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await verifyReadToken(h.db, communityId, token)).toBe(id);
    expect(await verifyReadToken(h.db, otherId, token)).toBeUndefined(); // another community's
    expect(await verifyReadToken(h.db, communityId, undefined)).toBeUndefined();
    expect(await verifyReadToken(h.db, communityId, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"))).toBeUndefined();
    expect(await verifyReadToken(h.db, communityId, "not a token")).toBeUndefined();

    const second = await issueReadToken(h.db, communityId, by);
    expect((await liveReadTokens(h.db, communityId)).map((t) => t.id)).toEqual([id, second.id]);
    expect(await revokeReadTokens(h.db, communityId, h.clock.now(), id)).toBe(1);
    expect(await verifyReadToken(h.db, communityId, token)).toBeUndefined();
    expect(await verifyReadToken(h.db, communityId, second.token)).toBe(second.id);
    expect(await revokeReadTokens(h.db, communityId, h.clock.now())).toBe(1);
    expect(await verifyReadToken(h.db, communityId, second.token)).toBeUndefined();
    expect(await liveReadTokens(h.db, communityId)).toEqual([]);
  });

  it("come from an Authorization: Bearer header", () => {
    expect(bearerToken("Bearer abc_DEF-123")).toBe("abc_DEF-123");
    expect(bearerToken("bearer  abc ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken("Bearer")).toBeUndefined();
  });
});
