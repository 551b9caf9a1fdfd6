import { Bot, type Api, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { autoRetry } from "@grammyjs/auto-retry";
import { conversations } from "@grammyjs/conversations";
import type { BotContext, ConversationContext, Deps, Services } from "./context";
import { createI18n } from "./i18n";
import { retryNetworkErrors } from "./network-retry";
import { answeredQueriesStayAnswered } from "./telegram-errors";
import { featureTagged } from "./middlewares/feature-tag";
import { apologize } from "./middlewares/error-boundary";
import { attachServices } from "./middlewares/attach-services";
import { identifyMemberAndCommunity } from "./middlewares/identify-member-and-community";
import { skipDuplicateUpdates } from "./middlewares/skip-duplicate-updates";
import { CallbackAnswers, callbackGuard } from "./middlewares/callback-guard";
import { MemberDirectory } from "../db/members";
import { CommunityDirectory } from "../db/communities";
import { Organizers } from "../db/organizers";
import { ProcessedUpdates } from "../db/processed-updates";
import { storedStateAdapter, type StoredStateAdapter } from "../db/stored-state";
import { armCrashPoint, crashPoint } from "./crash-point";
import { Outbox } from "../services/outbox";
import { Scheduler } from "../services/scheduler";
import { SendPacer } from "../services/send-pacer";
import { startFeature } from "../features/start";
import { languageFeature } from "../features/language";
import { communityFeature, communityGate } from "../features/community";
import { GroupAdmins } from "../services/group-admins";
import { referralLedgerListener, referralsFeature } from "../features/referrals";
import { recommendFallbackFeature, recommendFeature } from "../features/recommend";
import { reviewFeature } from "../features/review";
import { feedbackFeature, registerFeedbackPrompts } from "../features/feedback";
import { productsFeature, registerCardPosting } from "../features/products";
import { buyButtonsFeature, createGroupBuyModule, groupBuyFeature, typedQuantityFallback, typedQuantityFeature } from "../features/group-buy";
import { buyAdminFeature } from "../features/buy-admin";
import { openDataFeature } from "../features/open-data";
import { pickupFeature } from "../features/pickup";
import { booksFeature, createBooksModule } from "../features/books";
import { CommunityChoice } from "../features/community-choice";
import { periodBooksFeature } from "../features/period-books";
import { createVotesModule, votesFeature } from "../features/votes";
import { settingsFeature } from "../features/settings";
import { questionsFeature, registerQaPosts } from "../features/questions";
import { OrganizerMenus } from "./organizer-menus";

/**
 * Bump when any conversation's code changes in a way that would make a stored
 * replay log invalid; stored conversations of an older version are dropped.
 */
export const CONVERSATIONS_VERSION = 2;

/**
 * Notifications go out in passes of at most this long, so that 10,000 notices
 * (six minutes at Telegram's pace) don't hold up other buys' deadlines,
 * reminders and announcement edits: they run between passes.
 */
const OUTBOX_PASS_MS = 10_000;

export type CreateBotOptions = {
  /** skip getMe at start (tests and benchmarks know the bot) */
  botInfo?: UserFromGetMe;
  /** extra API transformers (tests); they reach conversations too */
  transformers?: Transformer[];
  /** the pacer for notifications and announcements (tests give one on a virtual clock) */
  pacer?: SendPacer;
};

export function createServices(deps: Deps, api: Api, pacer = new SendPacer()): Services {
  const members = new MemberDirectory(deps.db);
  const processedUpdates = new ProcessedUpdates(deps.db);
  const outbox = new Outbox(deps.db, api, deps.clock, deps.logger, (chatId) => members.markBlocked(chatId, deps.clock.now()), pacer);
  const scheduler = new Scheduler(deps.db, deps.clock, deps.logger);
  scheduler.register({ name: "outbox", run: (signal) => outbox.drainPass(signal, OUTBOX_PASS_MS) });
  scheduler.register({
    name: "prune-processed-updates",
    intervalMs: 3600_000,
    run: async () => void (await processedUpdates.prune(new Date(deps.clock.now().getTime() - 7 * 24 * 3600_000))),
  });

  const i18n = createI18n<BotContext>(deps.config.defaultLocale, async (telegramId) => (await members.byTelegramId(telegramId))?.locale);
  const communities = new CommunityDirectory(deps.db);
  const organizers = new Organizers(deps.db, deps.config.organizerIds, new GroupAdmins(api, deps.logger));
  const organizerMenus = new OrganizerMenus(api, { ...deps, organizers, communities, members, i18n: i18n as never, defaultLocale: deps.config.defaultLocale });
  // after a start: every organizer's menus brought up to date, a pass at a time, in the background
  scheduler.register({ name: "organizer-menus", run: (signal) => organizerMenus.syncPass(signal) });
  return {
    ...deps,
    i18n,
    members,
    communities,
    organizers,
    processedUpdates,
    outbox,
    pacer,
    scheduler,
    organizerMenus,
    buyListeners: [],
  };
}

/**
 * Conversations run in private chats only, one per member, stored under the
 * chat's id. Other chats have none: nothing is read or written for them. (The
 * plugin's "key" storage turns an undefined key into the string "undefined",
 * so every group update would read, and could write, one shared row.)
 * The plugin writes the state when the update is done with; the update's
 * handled mark goes in the same transaction (an answer saved but not marked
 * would, re-delivered, be taken as the answer to the next question).
 */
function privateChatStorage<S>(adapter: StoredStateAdapter<S>): { read(ctx: BotContext): Promise<S | undefined>; write(ctx: BotContext, state: S): Promise<void>; delete(ctx: BotContext): Promise<void> } {
  const key = (ctx: BotContext) => (ctx.chat?.type === "private" ? String(ctx.chat.id) : undefined);
  return {
    read: async (ctx) => {
      const k = key(ctx);
      return k === undefined ? undefined : adapter.read(k);
    },
    write: async (ctx, state) => {
      const k = key(ctx);
      if (k === undefined) return;
      await adapter.commit(k, state, ctx.update.update_id);
      crashPoint("after-conversation-write");
    },
    delete: async (ctx) => {
      const k = key(ctx);
      if (k === undefined) return;
      await adapter.commit(k, undefined, ctx.update.update_id);
      crashPoint("after-conversation-write");
    },
  };
}

/** Builds the bot with everything wired; starting it is the caller's job. */
export function createBot(deps: Deps, options: CreateBotOptions = {}): { bot: Bot<BotContext>; services: Services } {
  armCrashPoint(deps.config.crashAt);
  const bot = new Bot<BotContext>(deps.config.botToken, {
    client: { apiRoot: deps.config.apiRoot },
    botInfo: options.botInfo,
  });
  // 429s wait as Telegram asks and 5xx are retried (bounded); network errors get a few quick tries.
  const retry = autoRetry({ maxRetryAttempts: 6, maxDelaySeconds: 120, rethrowInternalServerErrors: false, rethrowHttpErrors: true });
  const pacer = options.pacer ?? new SendPacer();
  const answers = new CallbackAnswers();
  // (the last installed runs first) the pacer's inside the retries: it sees every try that reaches Telegram;
  // the callback guard's watch on answers sees every attempt
  const transformers = [...(options.transformers ?? []), answeredQueriesStayAnswered(), pacer.transformer(), retry, retryNetworkErrors(), answers.transformer()];
  for (const t of transformers) bot.api.config.use(t);
  const services = createServices(deps, bot.api, pacer);
  services.buyListeners.push(referralLedgerListener(services));

  bot.use(attachServices(services));
  bot.use(skipDuplicateUpdates());

  const guarded = bot.errorBoundary(apologize);
  guarded.use(identifyMemberAndCommunity());
  guarded.use(services.i18n);
  // Every callback query passes here first: only a real button of its message, for this presser, goes on.
  guarded.use(callbackGuard(answers));
  // a group that is not an active community goes no further (it waits for an operator)
  guarded.use(featureTagged("community", communityGate()));
  // Group buys: their scheduler jobs are registered here too (deadlines, reminders, announcement edits).
  const groupBuys = createGroupBuyModule(services, bot.api, () => bot.botInfo.username);
  // settlement statements: posted at a close and kept current by a scheduler job; the nightly reconciliation
  createBooksModule(services, bot.api, () => bot.botInfo.username);
  // members' votes on recommendations: poll answers (no chat) go no further; the poll jobs
  createVotesModule(services, bot.api, () => bot.botInfo.username);
  guarded.use(featureTagged("votes", votesFeature()));
  // approved products' cards: posted by the approval, or by this job if that post never happened
  registerCardPosting(services, bot.api, () => bot.botInfo.username);
  // feedback prompts a day after a pickup (one a member a day)
  registerFeedbackPrompts(services);
  // the group's "新问答" posts (at most one per product an hour)
  registerQaPosts(services, () => bot.botInfo.username);
  // Taps on a buy's buttons first: by far the commonest update (a whole group's "+1"), claimed by no
  // other feature or conversation, so not walked through them all (buttons.ts says why).
  guarded.use(featureTagged("group-buy", buyButtonsFeature(groupBuys)));
  guarded.use(
    conversations<BotContext, ConversationContext>({
      storage: {
        type: "context",
        version: CONVERSATIONS_VERSION,
        adapter: privateChatStorage(storedStateAdapter(deps.db, "conversation")),
      },
      // Plugins on bot.api don't reach conversations: install them again here.
      plugins: [
        async (ctx, next) => {
          for (const t of transformers) ctx.api.config.use(t);
          await next();
        },
        createI18n<ConversationContext>(deps.config.defaultLocale, async (telegramId) => (await services.members.byTelegramId(telegramId))?.locale),
      ],
    }),
  );

  // the first dialog (a side one): an organizer's review comment is never taken as an answer in their own flow
  guarded.use(featureTagged("review", reviewFeature()));
  // a feedback comment is a side dialog too: the member's next text after their stars
  guarded.use(featureTagged("feedback", feedbackFeature()));
  // organizers of several communities pick one for a private command; a pick runs the command (defined below)
  const communityChoice = new CommunityChoice();
  guarded.use(featureTagged("community-choice", communityChoice.feature()));
  // then an active recommendation gets its member's updates first
  guarded.use(featureTagged("recommend", recommendFeature()));
  guarded.use(featureTagged("products", productsFeature()));
  guarded.use(featureTagged("questions", questionsFeature()));
  guarded.use(featureTagged("language", languageFeature()));
  guarded.use(featureTagged("community", communityFeature()));
  // /books <period>, /my_books: before a per-buy /books (it passes on what names no period)
  guarded.use(featureTagged("period-books", periodBooksFeature()));
  // /settings: the organizers' menu of their community's rules (its typed values are a dialog)
  guarded.use(featureTagged("settings", settingsFeature(communityChoice)));
  guarded.use(featureTagged("referrals", referralsFeature(communityChoice)));
  guarded.use(featureTagged("group-buy", groupBuyFeature(groupBuys)));
  guarded.use(featureTagged("buy-admin", buyAdminFeature(groupBuys)));
  guarded.use(featureTagged("open-data", openDataFeature(groupBuys)));
  // /books <buy>, /books check (/books month… is the period books', before this)
  guarded.use(featureTagged("books", booksFeature()));
  // pickup by code: its text handler takes codes only in a pickup session, after every dialog had its turn
  guarded.use(featureTagged("pickup", pickupFeature(groupBuys)));
  guarded.use(featureTagged("group-buy", typedQuantityFeature(groupBuys)));
  // every /start, deep link or not: after the features whose conversations a link enters
  guarded.use(featureTagged("start", startFeature(groupBuys)));
  guarded.use(featureTagged("recommend", recommendFallbackFeature()));
  // last: other text from a member viewing an open buy is told how to type a quantity
  guarded.use(featureTagged("group-buy", typedQuantityFallback(groupBuys)));

  bot.catch(apologize);
  return { bot, services };
}
