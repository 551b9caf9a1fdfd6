import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../../bot/context";
import type { Tx } from "../../db/client";
import { createCallbackData, idField } from "../../bot/callback-data";
import { memberLocale } from "../../bot/i18n";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { escapeHtml, truncate } from "../../domain/html";
import { checkPayout, payoutKey } from "../../domain/ledger-rules";
import { formatMoney, parseAmount, type Locale } from "../../domain/money";
import type { CommunityRecord } from "../../db/communities";
import type { LedgerEntryRecord } from "../../db/ledger";
import { displayName, type MemberRecord } from "../../db/members";
import { deletePayoutNote, payoutNote, savePayoutNote, type PayoutNote } from "../../db/payout-notes";
import { withNote, type CommunityChoice, type Scope } from "../community-choice";
import { commandTarget, deliverPrivately, ledgerOf } from "./shared";
import { htmlTranslate, localeOf, translator } from "../../views/env";

/** An amount must fit the confirmation's callback data (¥21,474,836.47). */
const MAX_CALLBACK_FEN = 2 ** 31 - 1;

/** From an organizer's earnings view: prepare a payout of the whole balance. */
// (in private: an organizer's earnings view and the confirmation are sent there)
const organizers = { chats: ["private"], audience: "organizer" } as const;
export const askPayout = createCallbackData("lpayask", { c: idField, r: idField }, organizers);
// n: the /payout update whose method and reference wait in payout-notes (0: none given)
const noteField = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const confirmPayout = createCallbackData("lpay", { c: idField, r: idField, a: idField, n: noteField }, organizers);

/** `/payout @lily 15 微信转账 20261201-1`: after the amount, how it was paid and the transfer's reference (optional). */
const noteSchema = z.object({
  method: z.string().min(1).max(32).regex(/^[^\p{Cc}]+$/u),
  reference: z.string().min(1).max(64).regex(/^[^\p{Cc}]+$/u).nullable(),
});

/** The amount and, after it, the optional method and reference; undefined when what follows the amount is too long. */
function parsePayoutArgs(rest: string[]): { amount: ReturnType<typeof parseAmount>; note?: { method: string; reference: string | null } } | undefined {
  const [amountText = "", method, ...reference] = rest;
  const amount = parseAmount(amountText);
  if (method === undefined) return { amount };
  const note = noteSchema.safeParse({ method, reference: reference.length > 0 ? reference.join(" ") : null });
  return note.success ? { amount, note: note.data } : undefined;
}
const cancelPayout = createCallbackData("lpayno", { x: z.literal("0") }, organizers);

async function confirmation(ctx: BotContext, scope: Scope, target: MemberRecord, amountFen: number, balanceFen: number, note?: { id: number; note: PayoutNote }) {
  const { community } = scope;
  const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
  const money = (fen: number) => formatMoney(fen, community.currency, locale);
  const html = htmlTranslate((key, vars) => ctx.t(key, vars));
  const ask = html("referrals-payout-confirm", {
    amount: money(amountFen),
    name: displayName(target),
    community: truncate(community.title, 80),
    balance: money(balanceFen),
    after: money(balanceFen - amountFen),
  });
  const how = note ? `\n${html("referrals-payout-confirm-how", { method: note.note.method, reference: note.note.reference ?? "—" })}` : "";
  const text = withNote(scope, ask + how);
  const replyMarkup = new InlineKeyboard()
    .text(ctx.t("referrals-payout-confirm-button"), confirmPayout.pack({ c: community.id, r: target.id, a: amountFen, n: note?.id ?? 0 }))
    .text(ctx.t("referrals-payout-cancel-button"), cancelPayout.pack({ x: "0" }));
  return { text, replyMarkup };
}

/** Callback data can be forged: re-check that the sender organizes the community. */
async function organizerOf(ctx: BotContext, communityId: number): Promise<CommunityRecord | undefined> {
  if (!ctx.member) return undefined;
  const community = await ctx.services.communities.byId(communityId);
  if (!community || !(await ctx.services.organizers.isOrganizer(community.id, ctx.member))) return undefined;
  return community;
}

/**
 * Payouts: `/payout @member <amount>` (or replying to them) by an organizer
 * prepares a payout, a confirmation button (sent privately) records it. The
 * confirmation message keys the entry, so a re-delivered press pays once; the
 * ledger's seq makes two organizers paying the same balance at once impossible.
 */
export function payoutComposer(choice: CommunityChoice): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const payoutCommand = choice.define("payout", async (ctx, scope, args) => {
    const { community } = scope;
    const { target, rest } = await commandTarget(ctx, args, 1);
    const parsed = parsePayoutArgs(rest);
    if (!parsed) return void (await ctx.reply(ctx.t("referrals-payout-note-bad")));
    const { amount } = parsed;
    if (!target || !amount.ok || amount.fen > MAX_CALLBACK_FEN) return void (await ctx.reply(ctx.t("referrals-payout-usage")));
    const balanceFen = await ledgerOf(ctx.services).balanceOf(community.id, target.id);
    const refused = checkPayout(balanceFen, amount.fen);
    if (refused) {
      // a balance is the recommender's business: from a group, the answer goes privately too
      const money = formatMoney(balanceFen, community.currency, await localeOf(ctx, ctx.services.config.defaultLocale));
      return void (await deliverPrivately(ctx, { text: withNote(scope, ctx.t(`referrals-payout-${refused}`, { balance: money, name: escapeHtml(displayName(target)) })) }));
    }
    let note: { id: number; note: PayoutNote } | undefined;
    if (parsed.note) {
      note = { id: ctx.update.update_id, note: { communityId: community.id, recommenderId: target.id, ...parsed.note } };
      await savePayoutNote(ctx.services.db, note.id, note.note);
    }
    await deliverPrivately(ctx, await confirmation(ctx, scope, target, amount.fen, balanceFen, note));
  });
  composer.command("payout", (ctx) => payoutCommand(ctx, ctx.match));

  composer.callbackQuery(askPayout.filter, async (ctx) => {
    const data = askPayout.unpack(ctx.callbackQuery.data);
    const community = data && (await organizerOf(ctx, data.c));
    const target = data && (await ctx.services.members.byId(data.r));
    if (!data || !community || !target) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
    const balanceFen = await ledgerOf(ctx.services).balanceOf(community.id, target.id);
    if (balanceFen <= 0) return void (await ctx.answerCallbackQuery({ text: ctx.t("referrals-payout-nothing"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await deliverPrivately(ctx, await confirmation(ctx, { community }, target, balanceFen, balanceFen));
  });

  composer.callbackQuery(confirmPayout.filter, async (ctx) => {
    const data = confirmPayout.unpack(ctx.callbackQuery.data);
    const message = ctx.callbackQuery.message;
    const community = data && (await organizerOf(ctx, data.c));
    const target = data && (await ctx.services.members.byId(data.r));
    if (!data || !message || !community || !target || !ctx.member) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
    }
    const { services } = ctx;
    const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
    const money = (fen: number) => formatMoney(fen, community.currency, locale);
    const note = data.n === 0 ? undefined : await payoutNote(services.db, data.n, community.id, target.id);
    const result = await ledgerOf(services).payout(
      {
        communityId: community.id,
        recommenderId: target.id,
        amountFen: data.a,
        createdById: ctx.member.id,
        idempotencyKey: payoutKey(ctx.member.id, message.message_id),
        payoutMethod: note?.method,
        payoutReference: note?.reference ?? undefined,
      },
      (tx, entry) => notifyRecommender(ctx, tx, community, target, entry),
    );
    const html = htmlTranslate((key, vars) => ctx.t(key, vars));
    const name = displayName(target);
    if (!result.ok) {
      await ctx.answerCallbackQuery({ text: ctx.t("referrals-payout-refused-alert"), show_alert: true });
      await ignoringHarmless(() =>
        ctx.editMessageText(html("referrals-payout-refused", { amount: money(data.a), name, balance: money(result.balanceFen) }), { parse_mode: "HTML" }),
      );
      return;
    }
    if (data.n !== 0) await deletePayoutNote(services.db, data.n);
    if (result.replayed) return void (await ctx.answerCallbackQuery({ text: ctx.t("referrals-payout-already") }));
    await ctx.answerCallbackQuery({ text: ctx.t("referrals-payout-recorded") });
    ctx.log.info("payout recorded", { community_id: community.id, recommender_id: target.id, amount_fen: data.a, entry_id: result.entry.id });
    await ignoringHarmless(() =>
      ctx.editMessageText(
        html("referrals-payout-done", { amount: money(data.a), name, balance: money(result.entry.balanceFen), seq: String(result.entry.seq) }),
        { parse_mode: "HTML" },
      ),
    );
  });

  composer.callbackQuery(cancelPayout.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ignoringHarmless(() => ctx.editMessageText(ctx.t("referrals-payout-cancelled")));
  });

  return composer;
}

/** Tells the recommender, in the payout's own transaction (outbox). */
async function notifyRecommender(ctx: BotContext, tx: Tx, community: CommunityRecord, target: MemberRecord, entry: LedgerEntryRecord) {
  const { services } = ctx;
  const locale: Locale = memberLocale(target, community.locale);
  const money = (fen: number) => formatMoney(fen, community.currency, locale);
  const text = htmlTranslate(translator(services.i18n, locale))("referrals-notify-payout", {
    amount: money(-entry.amountFen),
    community: truncate(community.title, 80),
    balance: money(entry.balanceFen),
  });
  await services.outbox.enqueue([{ dedupKey: `ledger-payout:${entry.id}`, chatId: target.telegramId, text }], tx);
}
