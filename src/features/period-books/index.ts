import { Composer, InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import type { BotContext } from "../../bot/context";
import { createCallbackData, idField } from "../../bot/callback-data";
import type { CommunityRecord } from "../../db/communities";
import { CommunityChoices } from "../../db/community-choices";
import { fitLines, truncate } from "../../domain/html";
import { parsePeriod, periodFromKey, periodKey, type Period } from "../../domain/period";
import { htmlTranslate, localeOf } from "../../views/env";
import { communitiesOf } from "../products/member-communities";
import { deliverPrivately } from "../referrals/shared";
import { myBooks, periodBooks } from "./use-cases";
import { myBooksText, periodBooksCsv, periodBooksText } from "./views";
import { publicPageButton } from "../open-data/page-button";

const periodField = z.string().regex(/^\d{4}-\d{2}$/);
/** the period books as CSV, for organizers (checked again on press) */
const booksCsv = createCallbackData("pbcsv", { c: idField, p: periodField }, { chats: ["group", "private"], audience: "organizer" });
/** a member of several communities picks the one for /books (b) or /my_books (m) */
const pickCommunity = createCallbackData("pbpick", { c: idField, k: z.enum(["b", "m"]), p: periodField });

type Kind = "b" | "m";

/** The community a member command reads: the group's, or in private the member's only one, the one they chose last, or a picker. */
async function communityFor(ctx: BotContext, kind: Kind, period: Period): Promise<CommunityRecord | undefined> {
  if (ctx.community) return ctx.community;
  if (!ctx.member || ctx.chat?.type !== "private") return undefined;
  const mine = await communitiesOf(ctx.services, ctx.member);
  if (mine.length === 0) return void (await ctx.reply(ctx.t("pbooks-no-community")));
  if (mine.length === 1) return mine[0];
  const chosen = await new CommunityChoices(ctx.services.db).remembered(ctx.member.id);
  const remembered = mine.find((c) => c.id === chosen);
  if (remembered) return remembered;
  const keyboard = InlineKeyboard.from(mine.slice(0, 100).map((c) => [InlineKeyboard.text(truncate(c.title, 60), pickCommunity.pack({ c: c.id, k: kind, p: periodKey(period) }))]));
  await ctx.reply(ctx.t("pbooks-which-community"), { reply_markup: keyboard });
  return undefined;
}

async function sendBooks(ctx: BotContext, community: CommunityRecord, period: Period): Promise<void> {
  const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
  const books = await periodBooks(ctx.services.db, community.id, community.timezone, period);
  const text = fitLines(periodBooksText(ctx.t.bind(ctx), locale, community.title, community.currency, books), (count) => ctx.t("text-more-lines", { count }));
  const organizer = ctx.member ? await ctx.services.organizers.isOrganizer(community.id, ctx.member) : false;
  let keyboard = organizer && books.buyCount > 0 ? new InlineKeyboard().text(ctx.t("pbooks-csv-button"), booksCsv.pack({ c: community.id, p: periodKey(period) })) : undefined;
  const page = await publicPageButton(ctx.services, community.id, ctx.chat?.type, { t: ctx.t.bind(ctx), locale });
  if (page) keyboard = keyboard ? keyboard.row().add(page) : new InlineKeyboard().add(page);
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}

async function sendMyBooks(ctx: BotContext, community: CommunityRecord, period: Period): Promise<void> {
  const locale = await localeOf(ctx, ctx.services.config.defaultLocale);
  const mine = await myBooks(ctx.services.db, community.id, community.timezone, ctx.member!.id, period);
  await ctx.reply(fitLines(myBooksText(ctx.t.bind(ctx), locale, community.title, community.currency, mine), (count) => ctx.t("text-more-lines", { count })), { parse_mode: "HTML" });
}

/**
 * `/books <period>` for a community: its books for the month, public to its
 * members (no personal data). Returns false when `arg` names no period (a buy
 * number, "check"…: another /books takes those).
 */
export async function periodBooksReply(ctx: BotContext, communityId: number | undefined, arg: string): Promise<boolean> {
  const zone = ctx.community?.timezone ?? "Asia/Shanghai";
  const parsed = parsePeriod(arg, ctx.services.clock.now(), zone);
  if (parsed === "not-period") return false;
  if (parsed === "bad") {
    await ctx.reply(ctx.t("pbooks-bad-period"));
    return true;
  }
  const community = communityId !== undefined ? await ctx.services.communities.byId(communityId) : await communityFor(ctx, "b", parsed);
  if (community) await sendBooks(ctx, community, periodInZone(ctx, arg, community) ?? parsed);
  return true;
}

/** "this month" read again in the community's own zone, once it is known. */
function periodInZone(ctx: BotContext, arg: string, community: CommunityRecord): Period | undefined {
  const p = parsePeriod(arg, ctx.services.clock.now(), community.timezone, "this");
  return typeof p === "object" ? p : undefined;
}

/** /books month|last|2026-11, /my_books [period], and the CSV button. */
export function periodBooksFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("books", async (ctx, next) => {
    if (!(await periodBooksReply(ctx, undefined, ctx.match))) await next();
  });

  composer.command("my_books", async (ctx) => {
    if (!ctx.member) return;
    if (ctx.chat.type !== "private") return void (await ctx.reply(ctx.t("mybooks-private-only")));
    const parsed = parsePeriod(ctx.match, ctx.services.clock.now(), "Asia/Shanghai", "this");
    if (typeof parsed !== "object") return void (await ctx.reply(ctx.t("pbooks-bad-period")));
    const community = await communityFor(ctx, "m", parsed);
    if (community) await sendMyBooks(ctx, community, periodInZone(ctx, ctx.match, community) ?? parsed);
  });

  composer.callbackQuery(pickCommunity.filter, async (ctx) => {
    const data = pickCommunity.unpack(ctx.callbackQuery.data);
    const period = data && periodFromKey(data.p);
    // callback data can be forged: the presser must belong to the community
    const community = data && ctx.member ? (await communitiesOf(ctx.services, ctx.member)).find((c) => c.id === data.c) : undefined;
    if (!data || !period || !community) return void (await ctx.answerCallbackQuery({ text: ctx.t("pbooks-not-yours"), show_alert: true }));
    await ctx.answerCallbackQuery();
    if (data.k === "b") await sendBooks(ctx, community, period);
    else await sendMyBooks(ctx, community, period);
  });

  composer.callbackQuery(booksCsv.filter, async (ctx) => {
    const data = booksCsv.unpack(ctx.callbackQuery.data);
    const period = data && periodFromKey(data.p);
    const community = data ? await ctx.services.communities.byId(data.c) : undefined;
    // organizers only, checked on the press (the button could be forged or outlive the role)
    const allowed = community && ctx.member && period && (await ctx.services.organizers.isOrganizer(community.id, ctx.member));
    if (!allowed || !community || !period) return void (await ctx.answerCallbackQuery({ text: ctx.t("error-organizers-only"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const books = await periodBooks(ctx.services.db, community.id, community.timezone, period);
    const csv = periodBooksCsv(ctx.t.bind(ctx), community.currency, books);
    await deliverPrivately(ctx, {
      document: new InputFile(csv, `books-${community.id}-${periodKey(period)}.csv`),
      caption: htmlTranslate((key, vars) => ctx.t(key, vars))("pbooks-csv-caption", { community: truncate(community.title, 80), period: periodKey(period) }),
    });
  });

  return composer;
}
