import type { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context";
import { ignoringHarmless } from "../../bot/telegram-errors";
import { BuyViews, type BuyView } from "../../db/buy-views";
import { MAX_QUANTITY } from "../../domain/group-buy-rules";
import type { QuantityChange } from "../../db/orders";
import { viewEnvOf } from "../../views/env";
import type { GroupBuyModule } from "./module";
import { buyKeyboard, pickerText, privateBuyText, quantityKeyboard } from "./views";

// A member's private view of a buy: the message with the buy, their order and
// its buttons. The latest one per member and buy is stored (db/buy-views.ts),
// so it is kept current when the order changes from the group, and so a
// number typed in private is about that buy.

export type PrivateViewDeps = Pick<GroupBuyModule, "buys" | "orders" | "secret" | "services">;

/** One BuyViews per database: it remembers who has views (BuyViews.mayHave). */
const viewStores = new WeakMap<object, BuyViews>();
function viewsOf(m: PrivateViewDeps): BuyViews {
  let views = viewStores.get(m.services.db);
  if (!views) viewStores.set(m.services.db, (views = new BuyViews(m.services.db)));
  return views;
}

const options = (keyboard: InlineKeyboard) => ({ parse_mode: "HTML" as const, reply_markup: keyboard, link_preview_options: { is_disabled: true } });

/** The view as this member should see it now; `picker`: with the quantity buttons (while the buy is open). */
async function render(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number, picker: boolean): Promise<{ text: string; keyboard: InlineKeyboard } | undefined> {
  const buy = await m.buys.details(groupBuyId);
  if (!buy) return undefined;
  const order = ctx.member ? await m.orders.ofMemberInBuy(buy.id, ctx.member.id) : null;
  const env = await viewEnvOf(ctx);
  if (picker && buy.status === "OPEN") {
    const current = order?.status === "ACTIVE" ? order.quantity : 0;
    return { text: pickerText(buy, order, env), keyboard: quantityKeyboard(buy, current, env) };
  }
  return { text: privateBuyText(buy, order, env), keyboard: buyKeyboard(buy, env, m.secret) };
}

function remember(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number, chatId: number, messageId: number): Promise<void> {
  if (!ctx.member) return Promise.resolve();
  return viewsOf(m).remember({ groupBuyId, memberId: ctx.member.id, chatId, messageId }, m.services.clock.now());
}

/** Sends the view (a link, the group's 🔢) and makes it the member's current view of the buy. */
export async function sendView(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number, picker = false): Promise<void> {
  const view = await render(m, ctx, groupBuyId, picker);
  if (!view) {
    await ctx.reply(ctx.t("gb-toast-not-found"));
    return;
  }
  const sent = await ctx.reply(view.text, options(view.keyboard));
  await remember(m, ctx, groupBuyId, sent.chat.id, sent.message_id);
}

/** Re-renders the private message a button was tapped on (with or without the picker); it becomes the current view. */
export async function editTappedView(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number, picker = false): Promise<void> {
  const message = ctx.callbackQuery?.message;
  const view = await render(m, ctx, groupBuyId, picker);
  if (!view || !message) return;
  await ignoringHarmless(() => ctx.editMessageText(view.text, options(view.keyboard)));
  await remember(m, ctx, groupBuyId, message.chat.id, message.message_id);
}

/**
 * Brings the member's stored view up to date after their order changed
 * elsewhere (the group's buttons, a typed number). Never fails the update:
 * the view may be gone or the chat blocked.
 */
export async function refreshStoredView(m: PrivateViewDeps, ctx: BotContext, groupBuyId: number, stored?: BuyView): Promise<void> {
  if (!ctx.member) return;
  try {
    const views = viewsOf(m);
    const view = stored ?? ((await views.mayHave(groupBuyId, ctx.member.id)) ? await views.of(groupBuyId, ctx.member.id) : undefined);
    if (!view) return;
    const fresh = await render(m, ctx, groupBuyId, false);
    if (!fresh) return;
    await ignoringHarmless(() => ctx.api.editMessageText(view.chatId, view.messageId, fresh.text, options(fresh.keyboard)));
  } catch (error) {
    ctx.log.warn("could not bring a private buy view up to date", { group_buy_id: groupBuyId, error: String(error) });
  }
}

/** The buy this member last viewed in private, if any. */
export function currentView(m: PrivateViewDeps, memberId: number): Promise<BuyView | undefined> {
  return viewsOf(m).latestOf(memberId);
}

export type TypedQuantity = { change: QuantityChange } | { error: "negative" | "not-whole" | "too-large" };

/**
 * A quantity typed in private: "3", "3袋", "3 bags", "＋2" (adds), "0"
 * (cancels); "-1", "1.5" or a huge number are errors. Undefined for text
 * that is not number-like, which other features may want.
 */
export function parseTypedQuantity(text: string): TypedQuantity | undefined {
  const s = text.normalize("NFKC").trim();
  const m = /^([+\-−]?)\s*(\d+)([.,]\d+)?\s*[×x*]?\s*\p{L}{0,8}\.?$/u.exec(s);
  if (!m) return undefined;
  const [, sign, digits, fraction] = m;
  if (sign === "-" || sign === "−") return { error: "negative" };
  if (fraction) return { error: "not-whole" };
  if (digits!.length > 7 || Number(digits) > MAX_QUANTITY) return { error: "too-large" };
  const n = Number(digits);
  return { change: sign === "+" ? { kind: "add", delta: n } : { kind: "set", quantity: n } };
}
