// The DFC read tokens /settings issues and revokes. A token is shown once, in
// the organizer's private chat, and only its hash is kept (db/read-tokens.ts).
// It is sent straight after the commit, never through the outbox (which keeps
// what it sends in the database): if that send is lost, the organizer issues
// another. Each issue and revoke is a logged setting change whose values are
// how many tokens are live, never a token.
import type { Services } from "../../bot/context";
import { inTransaction } from "../../db/client";
import { logSettingChange, settingChangeLogged } from "../../db/community-settings";
import type { MemberRecord } from "../../db/members";
import { markUpdateHandled } from "../../db/processed-updates";
import { issueReadToken, liveReadTokens, revokeReadTokens } from "../../db/read-tokens";
import { READ_TOKENS_LOG_KEY } from "../../domain/community-settings";

type TokenServices = Pick<Services, "db" | "clock" | "organizers" | "logger">;
export type TokenInput = { communityId: number; member: Pick<MemberRecord, "id" | "telegramId">; updateId: number };

export type IssueResult = { kind: "issued"; token: string } | { kind: "already" } | { kind: "not-allowed" };
export type RevokeResult = { kind: "revoked"; count: number } | { kind: "already" } | { kind: "not-allowed" };

export async function issueCommunityReadToken(services: TokenServices, input: TokenInput): Promise<IssueResult> {
  if (!(await services.organizers.isOrganizer(input.communityId, input.member))) return { kind: "not-allowed" };
  const updateKey = `u${input.updateId}`;
  const result = await inTransaction(services.db, async (tx): Promise<IssueResult> => {
    // a re-delivered press: its token was made, and is not shown again
    if (await settingChangeLogged(tx, updateKey)) return { kind: "already" };
    const live = (await liveReadTokens(tx, input.communityId)).length;
    const { token } = await issueReadToken(tx, input.communityId, input.member.id);
    await logSettingChange(tx, { communityId: input.communityId, memberId: input.member.id, key: READ_TOKENS_LOG_KEY, oldValue: String(live), newValue: String(live + 1), updateKey, at: services.clock.now() });
    await markUpdateHandled(tx, input.updateId);
    return { kind: "issued", token };
  });
  if (result.kind === "issued") services.logger.info("DFC read token issued", { community_id: input.communityId, by_member_id: input.member.id });
  return result;
}

export async function revokeCommunityReadTokens(services: TokenServices, input: TokenInput): Promise<RevokeResult> {
  if (!(await services.organizers.isOrganizer(input.communityId, input.member))) return { kind: "not-allowed" };
  const updateKey = `u${input.updateId}`;
  const result = await inTransaction(services.db, async (tx): Promise<RevokeResult> => {
    if (await settingChangeLogged(tx, updateKey)) return { kind: "already" };
    const count = await revokeReadTokens(tx, input.communityId, services.clock.now());
    if (count > 0) await logSettingChange(tx, { communityId: input.communityId, memberId: input.member.id, key: READ_TOKENS_LOG_KEY, oldValue: String(count), newValue: "0", updateKey, at: services.clock.now() });
    await markUpdateHandled(tx, input.updateId);
    return { kind: "revoked", count };
  });
  if (result.kind === "revoked" && result.count > 0) services.logger.info("DFC read tokens revoked", { community_id: input.communityId, by_member_id: input.member.id, count: result.count });
  return result;
}

/** How many tokens the menu says are live. */
export async function liveTokenCount(services: Pick<Services, "db">, communityId: number): Promise<number> {
  return (await liveReadTokens(services.db, communityId)).length;
}
