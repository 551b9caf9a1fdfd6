import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { displayName, type MemberRecord } from "../../db/members";
import { memberPickupCode, pendingPickups, verifiableBuys } from "../../db/pickups";
import { deepLinkUrl, encodeDeepLink } from "../../domain/deep-link";
import { truncate } from "../../domain/html";
import { qrPng } from "../../services/photos";
import type { OutgoingMessage } from "../../services/outbox";
import { htmlTranslate, translator, viewEnvOf } from "../../views/env";
import type { GroupBuyModule } from "../group-buy/module";
import { recipientLocale } from "../group-buy/notices";
import { replyBuyRefusal } from "../group-buy/refusals";
import { organizedBuy, type OrganizedBuy } from "../group-buy/use-cases/organizer-access";
import { cbMyPickupCode, cbPickupMark, cbPickupPage } from "./callbacks";
import { pickupSessions } from "./session";
import { mayVerify } from "./use-cases/pickup-access";
import { setPickupHelper } from "./use-cases/pickup-helpers";
import { verifyPickup, type PickupOutcome } from "./use-cases/verify-pickup";
import { myCodeCaption, outcomeText, PICKUP_PAGE_SIZE, pickupChoiceKeyboard, pickupListKeyboard, pickupListText, plainText } from "./views";

export { myPickupCodeButtons } from "./views";

/** The order's buy, to say the answer in its words (unit, money, time zone). */
async function answerText(m: GroupBuyModule, ctx: BotContext, outcome: PickupOutcome, sessionBuyId?: number): Promise<string> {
  const buy = "order" in outcome ? await m.buys.details(outcome.order.groupBuyId) : undefined;
  return outcomeText(outcome, buy ?? undefined, await viewEnvOf(ctx), sessionBuyId);
}

/**
 * A QR of a pickup link opened (`/start pk<code>`): a helper or organizer
 * scanning a member's code with the phone's camera verifies it; the member
 * opening their own is told it is theirs to show. Rate-limited like typing.
 */
export async function pickupFromLink(m: GroupBuyModule, ctx: BotContext, code: string): Promise<void> {
  if (!ctx.member) return;
  const outcome = await verifyPickup(m, { actor: ctx.member, updateId: ctx.update.update_id, by: { code } });
  await ctx.reply(await answerText(m, ctx, outcome), { parse_mode: "HTML" });
}

/**
 * Pickup by code (核销): `/pickup [buy]` in private (the list of who is still
 * to come, its buttons, and the codes typed while in that buy's session),
 * `/pickup_helper <buy> [off]` in the group as a reply to a member, and a
 * member's 🎫 button for their own code. Scans arrive as /start links
 * (start/dispatcher.ts → pickupFromLink).
 */
export function pickupFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const sessions = pickupSessions(m.services.db);
  const now = () => m.services.clock.now();
  const privateChats = composer.chatType("private");

  /** A page of who is still to come, if this person may hand out the buy (it starts their session); else why not. */
  async function listPage(ctx: BotContext, buyId: number, page: number) {
    const buy = await m.buys.details(buyId);
    if (!buy) return { error: ctx.t("gba-not-found", { id: String(buyId) }) };
    if (!(await mayVerify(m, m.services.db, buy, ctx.member!))) return { error: ctx.t("pickup-not-allowed") };
    if (buy.status !== "SUCCEEDED") return { error: ctx.t("pickup-not-ahead", { id: String(buy.id), status: ctx.t(`gba-status-${buy.status}`) }) };
    let data = await pendingPickups(m.services.db, buy.id, page * PICKUP_PAGE_SIZE, PICKUP_PAGE_SIZE);
    if (data.rows.length === 0 && page > 0) data = await pendingPickups(m.services.db, buy.id, (page = 0), PICKUP_PAGE_SIZE);
    await sessions.start(ctx.chat!.id, buy.id, now());
    const env = await viewEnvOf(ctx);
    const p = { buy, page, ...data };
    return { text: pickupListText(p, env), keyboard: pickupListKeyboard(p, env) };
  }

  async function replyList(ctx: BotContext, buyId: number) {
    const shown = await listPage(ctx, buyId, 0);
    if ("error" in shown) return ctx.reply(shown.error!);
    await ctx.reply(shown.text, { parse_mode: "HTML", reply_markup: shown.keyboard });
  }

  /** Shows the list in the pressed message; the refusal, if any, for the button's answer. */
  async function editList(ctx: BotContext, buyId: number, page: number): Promise<string | undefined> {
    const shown = await listPage(ctx, buyId, page);
    if ("error" in shown) return shown.error;
    await ignoringHarmless(() => ctx.editMessageText(shown.text, { parse_mode: "HTML", reply_markup: shown.keyboard }));
  }

  privateChats.command("pickup", async (ctx) => {
    if (!ctx.member) return;
    const token = ctx.match.trim();
    const id = /^#?(\d{1,9})$/.exec(token);
    if (id) return replyList(ctx, Number(id[1]));
    if (token) return ctx.reply(ctx.t("pickup-usage"));
    const communityIds = await m.services.organizers.communityIdsOf(ctx.member);
    const buys = await verifiableBuys(m.services.db, communityIds, ctx.member.id);
    if (buys.length === 0) return ctx.reply(ctx.t("pickup-nothing"));
    if (buys.length === 1) return replyList(ctx, buys[0]!.id);
    await ctx.reply(ctx.t("pickup-choose"), { reply_markup: pickupChoiceKeyboard(buys, await viewEnvOf(ctx)) });
  });

  // A code typed in a pickup session (no dialog took the text first).
  privateChats.on("message:text", async (ctx, next) => {
    if (!ctx.member || ctx.message.text.startsWith("/")) return next();
    const buyId = await sessions.current(ctx.chat.id, now());
    if (buyId === undefined) return next();
    const outcome = await verifyPickup(m, { actor: ctx.member, updateId: ctx.update.update_id, by: { code: ctx.message.text }, forBuyId: buyId });
    await ctx.reply(await answerText(m, ctx, outcome, buyId), { parse_mode: "HTML" });
  });

  composer.callbackQuery(cbPickupPage.filter, async (ctx) => {
    const data = cbPickupPage.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const refused = await editList(ctx, data.id, data.page);
    await ctx.answerCallbackQuery(refused ? { text: refused, show_alert: true } : undefined);
  });

  composer.callbackQuery(cbPickupMark.filter, async (ctx) => {
    const data = cbPickupMark.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const outcome = await verifyPickup(m, { actor: ctx.member, updateId: ctx.update.update_id, by: { orderId: data.id } });
    await ctx.answerCallbackQuery({ text: truncate(plainText(await answerText(m, ctx, outcome)), 200) });
    if (outcome.kind === "picked" || outcome.kind === "already") await editList(ctx, outcome.order.groupBuyId, data.page);
  });

  // A member's own code again (they lost the notice): the QR and the code.
  composer.callbackQuery(cbMyPickupCode.filter, async (ctx) => {
    const data = cbMyPickupCode.unpack(ctx.callbackQuery.data);
    if (!data || !ctx.member) return ctx.answerCallbackQuery();
    const mine = await memberPickupCode(m.services.db, data.id, ctx.member.id);
    const buy = mine && (await m.buys.details(data.id));
    if (!mine || !buy) return ctx.answerCallbackQuery({ text: ctx.t("pickup-no-code") });
    if (mine.pickedUp) return ctx.answerCallbackQuery({ text: ctx.t("pickup-my-code-used") });
    await ctx.answerCallbackQuery();
    await ctx.replyWithChatAction("upload_photo");
    const png = await qrPng(deepLinkUrl(ctx.me.username, encodeDeepLink({ kind: "pickup", code: mine.code })));
    await ctx.replyWithPhoto(new InputFile(png, "pickup.png"), { caption: myCodeCaption(buy, mine.code, mine.quantity, await viewEnvOf(ctx)), parse_mode: "HTML" });
  });

  /** The helper's private word that they may verify this buy (or no longer). */
  const helperNotice = (organized: OrganizedBuy, grantedBy: string, on: boolean, updateId: number) => (helper: MemberRecord): OutgoingMessage => {
    const { buy } = organized;
    const t = htmlTranslate(translator(m.services.i18n, recipientLocale(helper, buy.community.locale)));
    return {
      dedupKey: `gb${buy.id}:helper:m${helper.id}:u${updateId}`,
      chatId: helper.telegramId,
      text: t(on ? "pickup-helper-notice" : "pickup-helper-notice-off", { id: String(buy.id), name: truncate(buy.productName, 60), by: truncate(grantedBy, 40) }),
    };
  };

  composer.command("pickup_helper", async (ctx) => {
    if (ctx.chat.type === "private") return ctx.reply(ctx.t("pickup-helper-in-group"));
    if (!ctx.member) return;
    const [token, flag, ...extra] = ctx.match.trim().split(/\s+/);
    const id = /^#?(\d{1,9})$/.exec(token ?? "");
    const target = ctx.message?.reply_to_message?.from;
    if (!id || extra.length > 0 || (flag !== undefined && !/^(on|off)$/i.test(flag)) || !target || target.is_bot) return ctx.reply(ctx.t("pickup-helper-usage"));
    const found = await organizedBuy(m, { groupBuyId: Number(id[1]), actor: ctx.member, inCommunityId: ctx.community?.id });
    if (!found.ok) return replyBuyRefusal(ctx, found, id[1]!);
    const helper = await m.services.members.fromTelegram(target);
    const on = flag?.toLowerCase() !== "off";
    const { organized } = found;
    const updateId = ctx.update.update_id;
    const result = await setPickupHelper(m, { organized, helper, on, updateId, notice: helperNotice(organized, displayName(ctx.member), on, updateId) });
    const vars = { id: String(organized.buy.id), name: truncate(displayName(helper), 40) };
    if (!result.ok) return ctx.reply(ctx.t("pickup-not-ahead", { id: vars.id, status: ctx.t(`gba-status-${organized.buy.status}`) }));
    await ctx.reply(ctx.t(on ? (result.changed ? "pickup-helper-granted" : "pickup-helper-already") : result.changed ? "pickup-helper-revoked" : "pickup-helper-was-not", vars));
    if (result.changed) await m.services.outbox.sendSoon();
  });

  return composer;
}
