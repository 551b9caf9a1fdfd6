import { InlineKeyboard, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext, Services } from "../../bot/context";
import { isBlockedError } from "../../bot/telegram-errors";
import { Ledger } from "../../db/ledger";
import type { MemberRecord } from "../../db/members";

const ledgers = new WeakMap<Services, Ledger>();

/** The ledger over this bot's database (one per services). */
export function ledgerOf(services: Services): Ledger {
  let ledger = ledgers.get(services);
  if (!ledger) ledgers.set(services, (ledger = new Ledger(services.db, services.clock)));
  return ledger;
}

type Delivery = { text: string; replyMarkup?: InlineKeyboardMarkup } | { document: InputFile; caption: string };

/**
 * Money matters go to the member privately: in a private chat as a reply; from
 * the group as a private message, with a short note in the group. When the
 * member never started the bot (403), the group note offers a button to do so.
 */
export async function deliverPrivately(ctx: BotContext, what: Delivery): Promise<boolean> {
  const userId = ctx.from!.id;
  const send = async () => {
    if ("text" in what) return ctx.api.sendMessage(userId, what.text, { parse_mode: "HTML", reply_markup: what.replyMarkup, link_preview_options: { is_disabled: true } });
    // "sending a file…" while the export is written and uploaded
    await ctx.api.sendChatAction(userId, "upload_document");
    return ctx.api.sendDocument(userId, what.document, { caption: what.caption, parse_mode: "HTML" });
  };
  if (ctx.chat?.type === "private") {
    await send();
    return true;
  }
  try {
    await send();
  } catch (error) {
    if (!isBlockedError(error)) throw error;
    await ctx.reply(ctx.t("referrals-private-blocked"), {
      reply_markup: new InlineKeyboard().url(ctx.t("referrals-open-bot"), `https://t.me/${ctx.me.username}`),
      reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined,
    });
    return false;
  }
  await ctx.reply(ctx.t("referrals-sent-privately"), {
    reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined,
  });
  return true;
}

/**
 * The member a command names: the author of the message the command replies
 * to, or the first of `text`'s arguments as @username or Telegram id (a bare
 * number only when more than `argsAfterTarget` arguments follow it). Also
 * returns the other arguments. (A command run after a community pick has no
 * message of its own: only its stored arguments count.)
 */
export async function commandTarget(ctx: BotContext, text: string, argsAfterTarget = 0): Promise<{ target?: MemberRecord; rest: string[] }> {
  const { members } = ctx.services;
  const args = text.trim().split(/\s+/).filter(Boolean);
  const replied = ctx.message?.reply_to_message?.from;
  if (replied && !replied.is_bot && replied.id !== ctx.from?.id) return { target: await members.fromTelegram(replied), rest: args };
  const first = args[0];
  if (first && /^@\w{4,32}$/.test(first)) return { target: await members.byUsername(first), rest: args.slice(1) };
  if (first && /^\d{1,15}$/.test(first) && args.length > argsAfterTarget) return { target: await members.byTelegramId(Number(first)), rest: args.slice(1) };
  return { rest: args };
}
