import { InlineKeyboard } from "grammy";
import type { BotContext, ConversationContext } from "../../bot/context";
import { Dialog, dialogConversation, type Convo, type DialogRules } from "../../bot/dialog";
import type { OpenableProduct } from "../../db/group-buys";
import { escapeHtml, truncate } from "../../domain/html";
import { formatMoney, MAX_AMOUNT_FEN, parseAmount, type Locale } from "../../domain/money";
import { parseDeadline } from "../../domain/deadline";
import { basisPointsToPercent, checkBuySettings, parseCommission, parseQuantity, type CommissionRule } from "../../domain/group-buy-rules";
import { cbDialog, cbOpen } from "./callbacks";
import { absorb, defaultRule, planBreakdown } from "../../domain/buy-breakdown";
import { createBreakdown } from "../../db/breakdowns";
import { breakdownSumLine } from "./breakdown-view";
import { askAbsorbing } from "./open-absorb";

import type { GroupBuyModule } from "./module";
import { donePerUpdate, oncePerUpdate } from "../../db/processed-updates";
import { crashPoint } from "../../bot/crash-point";
import { formatDeadline } from "../../views/dates";
import { localeOf, translator } from "../../views/env";

export const OPEN_DIALOG = "gb-open";
/** The open dialog, registered (group-buy/index.ts). */
export const openDialogConversation = (m: GroupBuyModule) => dialogConversation(openDialog(m), { id: OPEN_DIALOG });
export const MAX_PICKUP_LENGTH = 500;

type OpenInfo = (OpenableProduct & { ok: true; timezone: string; selfReferralEarns: boolean; communityLocale: Locale }) | { ok: false };

/** The product if this member may open a buy for it: organizers of its community, or its recommender. */
export async function openableFor(m: GroupBuyModule, member: { id: number; telegramId: number }, productId?: number): Promise<OpenableProduct[]> {
  const communityIds = await m.services.organizers.communityIdsOf(member);
  return m.buys.openableProducts({ communityIds, recommenderId: member.id, productId });
}

async function loadInfo(m: GroupBuyModule, octx: BotContext, productId: number): Promise<OpenInfo> {
  if (!octx.member) return { ok: false };
  const [product] = await openableFor(m, octx.member, productId);
  if (!product) return { ok: false };
  const community = await m.services.communities.byId(product.communityId);
  if (!community) return { ok: false };
  return { ok: true, ...product, timezone: community.timezone, selfReferralEarns: community.selfReferralEarns, communityLocale: community.locale };
}

type Settings = {
  productId: number;
  unitPriceFen: number;
  minTotalQty: number;
  stockCap: number | null;
  perMemberCap: number | null;
  deadlineIso: string;
  pickupDetails: string;
  commission: CommissionRule;
  /** the line (index into the plan's lines) that takes a price or rule different from the product's */
  absorbIndex: number | null;
  commissionLabel: string;
};

const OPEN_ONCE = "open-buy";
type Made = { ok: true; id: number; community: string } | { ok: false; books?: true };
/** waitMs: the group's budget is spent; its post goes out in the background in about this long */
type Created = { ok: true; id: number; posted: boolean; community: string; waitMs?: number } | { ok: false; reason: "not-allowed" | "deadline-past" | "books-changed" };

/** A post the group can take within this long is waited for; a longer wait is told and posted in the background. */
const POST_WAIT_MS = 2_000;

/**
 * Creates the buy once per update: the confirming tap, re-delivered or
 * replayed (the dialog's state was not saved before a crash), finds the buy
 * it made and only posts its announcement if that is still missing.
 */
async function createBuy(m: GroupBuyModule, octx: BotContext, s: Settings): Promise<Created> {
  // made already: the product now has an open buy, so the checks below would refuse it
  const done = await donePerUpdate<Made>(m.services.db, octx.update.update_id, OPEN_ONCE);
  if (done) return done.ok ? announce(m, done.id, done.community) : { ok: false, reason: done.books ? "books-changed" : "deadline-past" };
  const info = await loadInfo(m, octx, s.productId);
  if (!info.ok || !octx.member) return { ok: false, reason: "not-allowed" };
  const openedById = octx.member.id;
  const made = await oncePerUpdate<Made>(m.services.db, octx.update.update_id, OPEN_ONCE, async (tx) => {
    // the dialog may have taken a while: the deadline must still be ahead
    const now = m.services.clock.now();
    if (new Date(s.deadlineIso).getTime() <= now.getTime()) return { ok: false };
    // the breakdown from the revision as read now, moved as the opener chose
    const books = absorb(planBreakdown(info.costLines, s.unitPriceFen, s.commission, s.commissionLabel), s.absorbIndex);
    // the product's lines changed while the dialog ran (a new revision approved): the chosen line no longer fits
    if (!books.ok) return { ok: false, books: true };
    const breakdownId = await createBreakdown(tx, { priceFen: s.unitPriceFen, currency: info.currency, lines: books.lines, adjusted: books.adjusted });
    const buy = await m.buys.create(
      {
        communityId: info.communityId,
        productId: info.productId,
        revisionId: info.revisionId,
        openedById,
        recommenderId: info.recommenderId,
        unitPriceFen: s.unitPriceFen,
        currency: info.currency,
        minTotalQty: s.minTotalQty,
        stockCap: s.stockCap,
        perMemberCap: s.perMemberCap,
        deadlineAt: new Date(s.deadlineIso),
        pickupDetails: s.pickupDetails,
        commissionKind: s.commission.kind,
        commissionValue: s.commission.value,
        selfReferralEarns: info.selfReferralEarns,
        breakdownId,
      },
      now,
      tx,
    );
    return { ok: true as const, id: buy.id, community: info.communityTitle };
  });
  if (!made.ok) return { ok: false, reason: made.books ? "books-changed" : "deadline-past" };
  octx.log.info("group buy opened", { group_buy_id: made.id, product_id: info.productId, community_id: info.communityId });
  crashPoint("after-buy-created");
  return announce(m, made.id, made.community);
}

/**
 * Posts the buy's announcement (unless it is there already). When the group's
 * 20 a minute are spent, the organizer is not kept waiting for it: the post
 * goes out in the background when the group has room (and if this process
 * dies first, the announcements job posts it, as any unannounced buy).
 */
async function announce(m: GroupBuyModule, id: number, community: string): Promise<Created> {
  const buy = await m.buys.byId(id);
  const group = buy ? await m.services.communities.byId(buy.communityId) : undefined;
  const waitMs = group ? m.services.pacer.waitFor(group.telegramChatId) : 0;
  if (waitMs <= POST_WAIT_MS) {
    const messageId = await m.announcements.post(id);
    return { ok: true, id, posted: messageId !== undefined, community };
  }
  void posted(m, id);
  return { ok: true, id, posted: false, community, waitMs };
}

/** The buy's post, running or done (one per buy: Announcements.post), as a message id; never failing. */
function posted(m: GroupBuyModule, id: number): Promise<number | undefined> {
  return m.announcements.post(id).catch((error: unknown) => {
    m.services.logger.warn("could not post a group buy announcement", { group_buy_id: id, error: String(error) });
    return undefined;
  });
}

/** When a post that had to wait is up (or has failed), the organizer's "open, posting soon" says so. */
function followUp(m: GroupBuyModule, octx: BotContext, id: number, sent: { chatId: number; messageId: number }, vars: Record<string, string>): void {
  void posted(m, id).then(async (messageId) => {
    const text = octx.t(messageId !== undefined ? "gb-open-done" : "gb-open-post-failed", vars);
    await octx.api.editMessageText(sent.chatId, sent.messageId, text, { parse_mode: "HTML" }).catch((error: unknown) =>
      octx.log.info("could not update the open confirmation", { group_buy_id: id, error: String(error) }),
    );
  });
}

type Answer = { text: string; button?: undefined } | { button: string; text?: undefined };
type Parse<T> = (answer: Answer) => Promise<{ value: T } | { error: string }> | { value: T } | { error: string };

/**
 * The dialog's questions: a text or one of the question's buttons. Other
 * features' buttons pass through; a new "open" starts over; /cancel ends the
 * dialog, and any other command ends it and then runs.
 */
function openRules(): DialogRules {
  return {
    buttons: cbDialog,
    command: (command, text) => (command === "cancel" && /^\/cancel(@\w+)?$/.test(text.trim()) ? "cancel" : "end"),
    endsOn: (data) => cbOpen.unpack(data) !== undefined,
    takes: ["text"],
    rest: "drop",
  };
}

/** Asks until `parse` accepts; `parse` returns a value or the key of an error message. */
function askUntil<T>(dialog: Dialog, step: string, prompt: string, buttons: [string, string][], parse: Parse<T>): Promise<T> {
  const { conversation, ctx } = dialog;
  return dialog.askUntil<T>({
    step,
    prompt,
    buttons,
    parse: async (a) => {
      if (a.kind === "cancel" || a.kind === "end") {
        await ctx.reply(ctx.t("gb-open-cancelled"));
        await conversation.halt(a.kind === "cancel" ? {} : { next: true });
      }
      if (a.kind === "button") return parse({ button: a.value });
      if (a.kind === "text") return parse({ text: a.text.trim() });
      return { again: true };
    },
  });
}

/** The settings dialog for a new group buy, in the opener's private chat. */
export function openDialog(m: GroupBuyModule) {
  return async function openGroupBuy(conversation: Convo, ctx: ConversationContext, productId: number): Promise<void> {
    const dialog = new Dialog(conversation, ctx, openRules());
    const info = await conversation.external((octx) => loadInfo(m, octx, productId));
    if (!info.ok) {
      await ctx.reply(ctx.t("gb-open-not-allowed"));
      return;
    }
    const locale = await localeOf(ctx, await conversation.external((octx) => octx.services.config.defaultLocale));
    const fmt = (fen: number) => formatMoney(fen, info.currency, locale);
    const unit = escapeHtml(info.unit);
    await ctx.reply(ctx.t("gb-open-intro", { name: escapeHtml(info.name), community: escapeHtml(info.communityTitle) }), { parse_mode: "HTML" });

    const unitPriceFen = await askUntil<number>(dialog, "price", ctx.t("gb-open-ask-price", { unit, price: fmt(info.priceFen) }), [[ctx.t("gb-open-use", { value: fmt(info.priceFen) }), "d"]], (a) => {
      if (a.button) return { value: info.priceFen };
      const parsed = parseAmount(a.text!);
      return parsed.ok && parsed.fen > 0 && parsed.fen <= MAX_AMOUNT_FEN ? { value: parsed.fen } : { error: ctx.t("gb-open-bad-amount") };
    });

    const quantity = (a: Answer): { value: number } | { error: string } => {
      const n = a.text === undefined ? undefined : parseQuantity(a.text);
      return n === undefined ? { error: ctx.t("gb-open-bad-number") } : { value: n };
    };
    const noLimit: [string, string][] = [[ctx.t("gb-open-no-limit"), "none"]];
    const minTotalQty = await askUntil<number>(dialog, "min", ctx.t("gb-open-ask-min", { unit }), [["1", "one"]], (a) => (a.button ? { value: 1 } : quantity(a)));
    const stockCap = await askUntil<number | null>(dialog, "stock", ctx.t("gb-open-ask-stock", { unit }), noLimit, (a) => {
      if (a.button) return { value: null };
      const r = quantity(a);
      if ("error" in r) return r;
      return checkBuySettings({ minTotalQty, stockCap: r.value, perMemberCap: null }) ? { error: ctx.t("gb-open-min-over-stock", { min: minTotalQty }) } : r;
    });
    const perMemberCap = await askUntil<number | null>(dialog, "cap", ctx.t("gb-open-ask-member-cap", { unit }), noLimit, (a) => {
      if (a.button) return { value: null };
      const r = quantity(a);
      if ("error" in r) return r;
      return checkBuySettings({ minTotalQty, stockCap, perMemberCap: r.value }) ? { error: ctx.t("gb-open-member-over-stock", { stock: stockCap ?? 0 }) } : r;
    });

    const deadlineIso = await askUntil<string>(dialog, "deadline", ctx.t("gb-open-ask-deadline", { tz: info.timezone }), [], async (a) => {
      const nowIso = await conversation.external((octx) => octx.services.clock.now().toISOString());
      const parsed = parseDeadline(a.text ?? "", new Date(nowIso), info.timezone);
      if (parsed.ok) return { value: parsed.at.toISOString() };
      const key = parsed.error === "empty" ? "unrecognized" : parsed.error;
      return { error: ctx.t(`gb-open-deadline-${key}`) };
    });

    const pickupDetails = await askUntil<string>(dialog, "pickup", ctx.t("gb-open-ask-pickup"), [], (a) => {
      const text = (a.text ?? "").trim();
      if (text.length === 0) return { error: ctx.t("gb-open-ask-pickup") };
      return text.length > MAX_PICKUP_LENGTH ? { error: ctx.t("gb-open-pickup-too-long", { max: MAX_PICKUP_LENGTH }) } : { value: text };
    });

    // the default rule is the commission lines' amount per unit, fixed
    const byLines = defaultRule(info.costLines);
    const commissionButtons: [string, string][] = byLines.value > 0 ? [[ctx.t("gb-open-commission-default", { amount: fmt(byLines.value) }), "d"]] : [];
    const commission = await askUntil<CommissionRule>(dialog, "comm", ctx.t("gb-open-ask-commission"), [...commissionButtons, ["0%", "zero"]], (a) => {
      if (a.button === "d") return { value: byLines };
      if (a.button) return { value: { kind: "PERCENT_BP", value: 0 } };
      const parsed = parseCommission(a.text!, unitPriceFen);
      if (parsed.ok) return { value: parsed.rule };
      return { error: ctx.t(parsed.error === "over-price" || parsed.error === "over-100-percent" ? "gb-open-commission-over" : "gb-open-commission-error") };
    });

    // a price or rule other than the product's: one line takes the difference
    // a line the breakdown gains is published in the group: in the group's language
    const commissionLabel = await conversation.external((octx) => translator(octx.services.i18n, info.communityLocale)("gb-open-commission-line-label"));
    const plan = planBreakdown(info.costLines, unitPriceFen, commission, commissionLabel);
    const env = { t: ctx.t.bind(ctx), locale };
    const absorbIndex = await askAbsorbing(plan, { unitPriceFen, currency: info.currency, unit: info.unit }, env, (prompt, options, parse) =>
      askUntil<number>(dialog, "absorb", prompt, options, (a) => parse(a.button)),
    );
    if (absorbIndex === "none") {
      await ctx.reply(ctx.t("gb-open-absorb-none"));
      return;
    }
    const books = absorb(plan, absorbIndex);
    const booksLine = books.ok ? breakdownSumLine(books.lines, unitPriceFen, info.currency, info.unit, env) : "";

    const nowIso = await conversation.external((octx) => octx.services.clock.now().toISOString());
    const summary = ctx.t("gb-open-summary", {
      product: escapeHtml(truncate(info.name, 80)),
      community: escapeHtml(info.communityTitle),
      price: fmt(unitPriceFen),
      unit,
      min: minTotalQty,
      stock: stockCap ?? ctx.t("gb-open-no-limit"),
      memberCap: perMemberCap ?? ctx.t("gb-open-no-limit"),
      deadline: formatDeadline(new Date(deadlineIso), info.timezone, { t: ctx.t.bind(ctx), now: new Date(nowIso), locale }),
      pickup: escapeHtml(pickupDetails),
      commission:
        commission.kind === "PERCENT_BP"
          ? ctx.t("gb-open-commission-percent", { percent: basisPointsToPercent(commission.value) })
          : ctx.t("gb-open-commission-fixed", { amount: fmt(commission.value) }),
    }) + (booksLine ? `\n${booksLine}` : "");
    const choice = await askUntil<boolean>(dialog, "confirm", summary, [[ctx.t("gb-open-confirm"), "yes"], [ctx.t("gb-open-abort"), "no"]], (a) =>
      a.button ? { value: a.button === "yes" } : { error: ctx.t("gb-open-tap-button") },
    );
    if (!choice) {
      await ctx.reply(ctx.t("gb-open-cancelled"));
      return;
    }
    const settings: Settings = { productId, unitPriceFen, minTotalQty, stockCap, perMemberCap, deadlineIso, pickupDetails, commission, absorbIndex, commissionLabel };
    const created = await conversation.external((octx) => createBuy(m, octx, settings));
    if (!created.ok) {
      const key = { "deadline-past": "gb-open-deadline-past", "books-changed": "gb-open-books-changed", "not-allowed": "gb-open-not-allowed" }[created.reason];
      await ctx.reply(ctx.t(key));
      return;
    }
    const vars = { id: String(created.id), community: escapeHtml(created.community) };
    if (created.waitMs !== undefined) {
      // open now; the post when the group has room, and this message says so then
      const seconds = String(Math.ceil(created.waitMs / 1000));
      const sent = await ctx.reply(ctx.t("gb-open-done-soon", { ...vars, seconds }), { parse_mode: "HTML" });
      await conversation.external((octx) => followUp(m, octx, created.id, { chatId: sent.chat.id, messageId: sent.message_id }, vars));
      return;
    }
    await ctx.reply(ctx.t(created.posted ? "gb-open-done" : "gb-open-post-failed", vars), { parse_mode: "HTML" });
  };
}
