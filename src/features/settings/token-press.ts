// The read-token buttons of /settings. Issue: the token goes to the pressing
// organizer's private chat only (the menu in a group links there instead; a
// forged press in a group is refused). Revoke: confirmed first, then every
// live token of the community stops working at once.
import type { BotContext } from "../../bot/context";
import type { CommunityRecord } from "../../db/communities";
import type { MemberRecord } from "../../db/members";
import { escapeHtml, truncate } from "../../domain/html";
import { documentBaseUrl } from "../open-data/dfc-documents";
import type { MenuPage } from "./menu";
import { issueCommunityReadToken, revokeCommunityReadTokens } from "./read-tokens";

export async function tokenPress(
  ctx: BotContext,
  community: CommunityRecord,
  member: MemberRecord,
  action: "tok" | "rvk",
  value: string,
  show: (c: CommunityRecord, page: MenuPage) => Promise<void>,
): Promise<void> {
  const input = { communityId: community.id, member, updateId: ctx.update.update_id };
  if (action === "rvk") {
    if (value !== "y") {
      await ctx.answerCallbackQuery();
      return show(community, "rvk");
    }
    const result = await revokeCommunityReadTokens(ctx.services, input);
    if (result.kind === "not-allowed") return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
    await ctx.answerCallbackQuery({ text: ctx.t("settings-token-revoked", { count: result.kind === "revoked" ? result.count : 0 }) });
    return show(community, "menu");
  }
  if (ctx.chat?.type !== "private") return void (await ctx.answerCallbackQuery({ text: ctx.t("settings-token-private-only"), show_alert: true }));
  const result = await issueCommunityReadToken(ctx.services, input);
  if (result.kind === "not-allowed") return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
  if (result.kind === "already") return void (await ctx.answerCallbackQuery({ text: ctx.t("settings-token-already"), show_alert: true }));
  await ctx.answerCallbackQuery();
  const base = documentBaseUrl(ctx.services.config);
  await ctx.reply(
    ctx.t("settings-token-issued", {
      community: escapeHtml(truncate(community.title, 80)),
      token: result.token,
      url: escapeHtml(`${base}/dfc/${community.id}/sale-sessions/<buy>/orders`),
    }),
    { parse_mode: "HTML" },
  );
  await show(community, "menu");
}
