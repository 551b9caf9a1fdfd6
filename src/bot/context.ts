import type { Context } from "grammy";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Config } from "../config";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { Db, Tx } from "../db/client";
import type { MemberDirectory, MemberRecord } from "../db/members";
import type { CommunityDirectory, CommunityRecord } from "../db/communities";
import type { Organizers } from "../db/organizers";
import type { ProcessedUpdates } from "../db/processed-updates";
import type { Outbox } from "../services/outbox";
import type { Scheduler } from "../services/scheduler";
import type { SendPacer } from "../services/send-pacer";
import type { OrganizerMenus } from "./organizer-menus";


/**
 * Features that must act inside a group buy's own transactions (the referral
 * ledger) listen here, so the group-buy code needn't know them.
 */
export interface BuyLifecycleListener {
  /** inside the closing transaction, after the buy was marked SUCCEEDED */
  buySucceeded?(tx: Tx, groupBuyId: number): Promise<void>;
  /** inside the transaction that cancels or refunds an order of a buy that had succeeded */
  /** actorId: the organizer who refunded or cancelled (the audit trail names them) */
  orderReversed?(tx: Tx, orderId: number, reason: "CANCELLED" | "REFUNDED", actorId: number | null): Promise<void>;
}

/** What the bot needs from outside; tests build their own. */
export type Deps = {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
};

/** Long-lived services built once per bot from Deps. */
export type Services = Deps & {
  i18n: I18n<BotContext>;
  members: MemberDirectory;
  communities: CommunityDirectory;
  organizers: Organizers;
  processedUpdates: ProcessedUpdates;
  outbox: Outbox;
  /** one per bot: the outbox and announcement posts and edits share Telegram's budget */
  pacer: SendPacer;
  scheduler: Scheduler;
  /** organizers' own command menus (organizer commands too), kept in step with their roles */
  organizerMenus: OrganizerMenus;
  buyListeners: BuyLifecycleListener[];
};

type Extras = {
  services: Services;
  /** the member behind ctx.from, upserted by middleware */
  member?: MemberRecord;
  /** the community of the group chat this update is in, if any */
  community?: CommunityRecord;
  /**
   * that the member was seen in the community's group, being written beside
   * the handlers: a transaction that marks the update handled waits for it
   */
  sighting?: Promise<void>;
  log: Logger;
};

export type BaseContext = Context & I18nFlavor & Extras;
export type BotContext = ConversationFlavor<BaseContext>;
/** Context inside conversations: no session, i18n installed via plugins. */
export type ConversationContext = Context & I18nFlavor;
