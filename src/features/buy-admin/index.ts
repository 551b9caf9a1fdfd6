import { Composer, type CommandContext } from "grammy";
import { orderRef } from "../../domain/order-ref";
import type { BotContext } from "../../bot/context";
import { refuse } from "../../bot/refuse";
import { isBlockedError } from "../../bot/telegram-errors";
import { displayName } from "../../db/members";
import { escapeHtml, truncate } from "../../domain/html";
import type { GroupBuyModule } from "../group-buy/module";
import { organizedBuy, organizedCommunityIds, organizesHere, orderOfOrganizedBuy, type OrganizedBuy } from "../group-buy/use-cases/organizer-access";
import { closeBuy } from "../group-buy/use-cases/close-buy";
import { askToClosePaid, closedText, closePaidButton } from "./close-confirm";
import { extendDeadline } from "../group-buy/use-cases/extend-deadline";
import { cancelBuy } from "../group-buy/use-cases/cancel-buy";
import { markOrder, type MarkOutcome } from "../group-buy/use-cases/mark-order";
import { registerCloseProgress } from "./close-progress";
import { replyBuyRefusal } from "../group-buy/refusals";
import { ordersCsvFile } from "./export";
import { orderListButtons } from "./order-buttons";
import { loadOrdersPage } from "./orders-page";
import { ordersGroupText, ordersPageKeyboard, ordersPageText } from "./orders-view";
import { viewEnvOf } from "../../views/env";
import { formatDeadline } from "../../views/dates";


/**
 * Organizers' commands on group buys, in the group or in private:
 * /buys, /orders, /close, /extend, /cancel_buy, /export, /paid, /picked_up,
 * and the buttons of the /orders list. Anyone else is refused clearly (in a
 * group: privately, see bot/refuse.ts). Registers the close-progress job.
 */
export function buyAdminFeature(m: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  registerCloseProgress(m, m.api);

  /** True for an organizer of this group's community (in a group) or of any community (in private); else says so. */
  async function organizerHere(ctx: BotContext): Promise<boolean> {
    if (!ctx.member) return false;
    const ok = await organizesHere(m, ctx.member, ctx.community?.id);
    if (!ok) await refuse(ctx, ctx.t("error-organizers-only"));
    return ok;
  }

  /** The buy named by `token`, if this organizer may act on it here; otherwise says why. */
  async function buyArg(ctx: BotContext, token: string | undefined, usage: string): Promise<OrganizedBuy | undefined> {
    const match = /^#?(\d{1,9})$/.exec(token ?? "");
    if (!match) {
      await ctx.reply(ctx.t(usage));
      return undefined;
    }
    const id = match[1]!;
    const found = await organizedBuy(m, { groupBuyId: Number(id), actor: ctx.member!, inCommunityId: ctx.community?.id });
    if (found.ok) return found.organized;
    await replyBuyRefusal(ctx, found, id);
    return undefined;
  }

  /** `/cmd <buy> rest…` for organizers: the buy (checked) and the rest of the text. */
  function organizerCommand(command: string, usage: string, handler: (ctx: CommandContext<BotContext>, organized: OrganizedBuy, rest: string) => Promise<unknown>) {
    composer.command(command, async (ctx) => {
      if (!(await organizerHere(ctx))) return;
      const [token, ...rest] = ctx.match.trim().split(/\s+/);
      const organized = await buyArg(ctx, token, usage);
      if (organized) await handler(ctx, organized, rest.join(" ").trim());
    });
  }

  composer.command("buys", async (ctx) => {
    if (!(await organizerHere(ctx))) return;
    const ids = await organizedCommunityIds(m, ctx.member!, ctx.community?.id);
    const list = await m.buys.listForCommunities(ids);
    if (list.length === 0) return ctx.reply(ctx.t("gba-none"));
    const env = await viewEnvOf(ctx);
    const communities = new Map<number, { timezone: string; title: string }>();
    const lines: string[] = [];
    for (const buy of list) {
      if (!communities.has(buy.communityId)) {
        const c = await m.services.communities.byId(buy.communityId);
        communities.set(buy.communityId, { timezone: c?.timezone ?? m.services.config.timezone, title: c?.title ?? "" });
      }
      const community = communities.get(buy.communityId)!;
      // an organizer of several communities sees them all in private: each line says whose
      const whose = ids.length > 1 ? ` · ${escapeHtml(truncate(community.title, 30))}` : "";
      lines.push(
        ctx.t("gba-buys-line", {
          id: String(buy.id),
          name: escapeHtml(truncate(buy.productName, 40)),
          status: ctx.t(`gba-status-${buy.status}`),
          qty: buy.totalQty,
          min: buy.minTotalQty,
          deadline: formatDeadline(buy.deadlineAt, community.timezone, env),
        }) + whose,
      );
    }
    await ctx.reply([ctx.t("gba-buys-header"), "", ...lines].join("\n"), { parse_mode: "HTML" });
  });

  organizerCommand("close", "gba-usage-close", async (ctx, organized) => {
    // paid broadcasts cost Stars: the organizer sees the estimate and confirms first
    if (organized.buy.community.paidBroadcast && organized.buy.status === "OPEN" && (await askToClosePaid(m, ctx, organized))) return;
    const result = await closeBuy(m, { organized });
    await ctx.reply(await closedText(m, ctx, organized, result));
  });

  organizerCommand("extend", "gba-usage-extend", async (ctx, organized, rest) => {
    const { buy } = organized;
    if (!rest) return ctx.reply(ctx.t("gba-usage-extend"));
    const result = await extendDeadline(m, { organized, text: rest, updateId: ctx.update.update_id });
    if (!result.ok) {
      if (result.reason === "unreadable") {
        const key = result.error === "empty" ? "unrecognized" : result.error;
        return ctx.reply(`${ctx.t(`gb-open-deadline-${key}`)}\n${escapeHtml(ctx.t("gba-usage-extend"))}`, { parse_mode: "HTML" });
      }
      if (result.reason === "moved") return ctx.reply(ctx.t("gba-extend-moved", { id: String(buy.id) }));
      const now = (await m.buys.byId(buy.id))?.status ?? buy.status;
      return ctx.reply(ctx.t("gba-not-open", { id: String(buy.id), status: ctx.t(`gba-status-${now}`) }));
    }
    const env = await viewEnvOf(ctx);
    const when = (at: Date) => formatDeadline(at, buy.community.timezone, env);
    await ctx.reply(ctx.t("gba-extended", { id: String(buy.id), old: when(result.previous), deadline: when(result.deadlineAt) }));
  });

  organizerCommand("cancel_buy", "gba-usage-cancel", async (ctx, organized, rest) => {
    const { buy } = organized;
    if (!rest) return ctx.reply(ctx.t("gba-usage-cancel"));
    const result = await cancelBuy(m, { organized, reason: truncate(rest, 300) });
    if (!result.ok) return ctx.reply(ctx.t("gba-not-cancellable", { id: String(buy.id), status: ctx.t(`gba-status-${buy.status}`) }));
    ctx.log.info("group buy cancelled by an organizer", { group_buy_id: buy.id, previous: result.previous });
    await ctx.reply(ctx.t("gba-cancelled", { id: String(buy.id), orders: result.orders }));
  });

  /** Sends something to the organizer in private; false when they never started the bot (or blocked it). */
  async function toOrganizerPrivately(ctx: BotContext, send: (chatId: number) => Promise<unknown>): Promise<boolean> {
    try {
      await send(ctx.from!.id);
      return true;
    } catch (error) {
      if (isBlockedError(error)) return false;
      throw error;
    }
  }

  organizerCommand("orders", "gba-usage-orders", async (ctx, { buy }) => {
    const env = await viewEnvOf(ctx);
    const loaded = (await loadOrdersPage(m, buy.id, 0))!;
    const detailed = (chatId: number) =>
      ctx.api.sendMessage(chatId, ordersPageText(loaded.buy, loaded.page, env), { parse_mode: "HTML", reply_markup: ordersPageKeyboard(loaded.buy, loaded.page, env) });
    if (ctx.chat.type === "private") return detailed(ctx.chat.id);
    // In the group: names and quantities only; amounts and payments go to the organizer privately.
    const all = await m.orders.forBuy(buy.id, { activeOnly: true });
    await ctx.reply(ordersGroupText(buy, all, env), { parse_mode: "HTML" });
    const sent = await toOrganizerPrivately(ctx, detailed);
    await ctx.reply(ctx.t(sent ? "gba-orders-sent-private" : "gba-orders-start-private"));
  });

  organizerCommand("export", "gba-usage-export", async (ctx, { buy }) => {
    const env = await viewEnvOf(ctx);
    const caption = ctx.t("gba-export-caption", { id: String(buy.id), name: escapeHtml(truncate(buy.productName, 60)) });
    const sent = await toOrganizerPrivately(ctx, async (chatId) => {
      // "sending a file…" in the organizer's chat while the CSV is written and uploaded
      await ctx.api.sendChatAction(chatId, "upload_document");
      await ctx.api.sendDocument(chatId, ordersCsvFile(m.orders, buy, env.t), { caption, parse_mode: "HTML" });
    });
    ctx.log.info("orders exported", { group_buy_id: buy.id, sent });
    if (ctx.chat.type !== "private") await ctx.reply(ctx.t(sent ? "gba-export-sent" : "gba-orders-start-private", { id: String(buy.id) }));
  });

  for (const [command, mark] of [["paid", "PAID"], ["picked_up", "PICKED_UP"]] as const) {
    organizerCommand(command, "gba-usage-mark", async (ctx, organized, rest) => {
      const { buy } = organized;
      if (!rest) return ctx.reply(ctx.t("gba-usage-mark", { command }));
      // several numbers / @usernames at once, or one display name (which may contain spaces)
      const tokens = rest.split(/[\s,，]+/).filter(Boolean);
      const targets = tokens.every((t) => /^#?\d{1,9}(-\d{1,9})?$|^@\w{1,32}$/.test(t)) ? tokens : [rest];
      const outcomes: Record<MarkOutcome, string[]> = { marked: [], already: [], failed: [] };
      for (const who of targets) {
        const order = await m.orders.find(buy.id, who);
        if (!order) return ctx.reply(ctx.t("gba-member-unknown", { who: truncate(who, 40), id: String(buy.id) }));
        const label = `${orderRef(order.groupBuyId, order.position)} ${truncate(displayName(order.member), 24)}`;
        outcomes[await markOrder(m, { organized: orderOfOrganizedBuy(organized, order), mark })].push(label);
      }
      const lines = [];
      if (outcomes.marked.length) lines.push(ctx.t(`gba-marked-${mark}`, { names: outcomes.marked.join(", ") }));
      if (outcomes.already.length) lines.push(ctx.t(`gba-already-${mark}`, { names: outcomes.already.join(", ") }));
      if (outcomes.failed.length) lines.push(ctx.t("gba-mark-failed", { names: outcomes.failed.join(", ") }));
      await ctx.reply(lines.join("\n"));
    });
  }

  composer.use(orderListButtons(m));
  composer.use(closePaidButton(m));

  return composer;
}
