import { createHash } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import type { GroupBuys } from "../../db/group-buys";
import { isHarmlessTelegramError } from "../../bot/telegram-errors";
import { SendPacer } from "../../services/send-pacer";

export type RenderedAnnouncement = { chatId: number; text: string; replyMarkup: InlineKeyboardMarkup };

export type AnnouncementOptions = {
  /** at most one edit per group chat this often (Telegram allows ~20 messages a minute per group) */
  minGapMs: number;
  /** open buys are re-rendered this often so "time left" stays roughly right */
  refreshMs: number;
  /** a buy whose first post failed is retried after this long */
  repostAfterMs: number;
  /**
   * a claim to post (see GroupBuys.claimAnnouncement) older than this is taken
   * over: its instance died mid-post. Longer than a post can take, auto-retry's
   * waits for a 429 included.
   */
  claimStaleMs: number;
};

export const DEFAULT_ANNOUNCEMENT_OPTIONS: AnnouncementOptions = { minGapMs: 3_000, refreshMs: 10 * 60_000, repostAfterMs: 30_000, claimStaleMs: 5 * 60_000 };

export function announcementHash(rendered: RenderedAnnouncement): string {
  return createHash("sha256").update(rendered.text).update("\u0000").update(JSON.stringify(rendered.replyMarkup)).digest("base64url").slice(0, 22);
}

/**
 * Keeps each buy's announcement in its group up to date without flooding the
 * group: order changes only mark a buy dirty; `flush()` (a scheduler job)
 * edits at most one announcement per group per `minGapMs`, and never with
 * content the group already shows. Posts and edits take their slots from the
 * bot's SendPacer, so with the outbox's group notices they stay within the
 * group's 20 messages a minute.
 */
export class Announcements {
  private posting = new Map<number, Promise<number | undefined>>();
  /** when we last sent or edited something in each community's group (this instance runs the job under a lease) */
  private lastSentTo = new Map<number, number>();
  /** buys whose first post failed: when to try again */
  private repostAt = new Map<number, { at: number; delay: number }>();

  constructor(
    private buys: GroupBuys,
    private api: Api,
    private clock: Clock,
    private logger: Logger,
    private render: (groupBuyId: number) => Promise<RenderedAnnouncement | undefined>,
    /** shared with the outbox: posts and edits count toward the group's 20 a minute and the bot's 30 a second */
    private pacer: SendPacer = new SendPacer(),
    private options: AnnouncementOptions = DEFAULT_ANNOUNCEMENT_OPTIONS,
  ) {}

  /** Posts a buy's announcement in its group; returns the message id, or undefined when it could not. */
  post(groupBuyId: number): Promise<number | undefined> {
    let running = this.posting.get(groupBuyId);
    if (!running) {
      running = this.postOnce(groupBuyId).finally(() => this.posting.delete(groupBuyId));
      this.posting.set(groupBuyId, running);
    }
    return running;
  }

  private async postOnce(groupBuyId: number): Promise<number | undefined> {
    const buy = await this.buys.byId(groupBuyId);
    if (!buy) return undefined;
    if (buy.announcementMessageId !== null) return buy.announcementMessageId;
    // `posting` keeps one post per buy in this process; the claim, across instances
    const claimedAt = this.clock.now();
    if (!(await this.buys.claimAnnouncement(groupBuyId, claimedAt, new Date(claimedAt.getTime() - this.options.claimStaleMs)))) {
      this.logger.info("announcement being posted elsewhere", { group_buy_id: groupBuyId });
      return undefined;
    }
    const rendered = await this.render(groupBuyId).catch(async (error: unknown) => {
      await this.buys.releaseAnnouncement(groupBuyId, claimedAt);
      throw error;
    });
    if (!rendered) {
      await this.buys.releaseAnnouncement(groupBuyId, claimedAt);
      return undefined;
    }
    const answered = await this.pacer.take(rendered.chatId);
    let message;
    try {
      message = await this.api
        .sendMessage(rendered.chatId, rendered.text, {
          parse_mode: "HTML",
          reply_markup: rendered.replyMarkup,
          link_preview_options: { is_disabled: true },
        })
        .finally(answered);
    } catch (error) {
      this.logger.warn("could not post a group buy announcement", { group_buy_id: groupBuyId, error: String(error) });
      await this.buys.releaseAnnouncement(groupBuyId, claimedAt).catch(() => undefined); // else it goes stale
      return undefined;
    }
    try {
      await this.buys.setAnnouncement(groupBuyId, message.message_id, announcementHash(rendered), this.clock.now());
    } catch (error) {
      // posted but not recorded: the claim stands, so no one posts it again before it goes stale
      this.logger.error("could not record a posted announcement", { group_buy_id: groupBuyId, error });
      return undefined;
    }
    this.lastSentTo.set(buy.communityId, this.clock.now().getTime());
    return message.message_id;
  }

  /** Brings announcements up to date; returns how many were edited. */
  async flush(): Promise<number> {
    const now = this.clock.now();
    await this.postMissing(now);
    const candidates = await this.buys.announcementsToRefresh(now, this.options.refreshMs);
    let edits = 0;
    for (const candidate of candidates) {
      const last = this.lastSentTo.get(candidate.communityId);
      if (last !== undefined && now.getTime() - last < this.options.minGapMs) continue; // stays dirty for a later tick
      try {
        if (await this.refresh(candidate.id, now)) {
          edits++;
          this.lastSentTo.set(candidate.communityId, now.getTime());
        }
      } catch (error) {
        this.logger.warn("could not edit a group buy announcement", { group_buy_id: candidate.id, error: String(error) });
      }
    }
    if (this.lastSentTo.size > 10_000) this.lastSentTo.clear();
    return edits;
  }

  /** Re-renders one announcement and edits it if it changed. True when an edit went out. */
  private async refresh(groupBuyId: number, now: Date): Promise<boolean> {
    // Take the mark before reading, so an order placed meanwhile marks it again.
    await this.buys.takeDirty(groupBuyId);
    let buy, rendered;
    try {
      buy = await this.buys.byId(groupBuyId);
      rendered = await this.render(groupBuyId);
    } catch (error) {
      await this.buys.markDirty(groupBuyId);
      throw error;
    }
    if (!buy || buy.announcementMessageId === null || !rendered) return false;
    const hash = announcementHash(rendered);
    if (hash === buy.announcementHash) {
      await this.buys.recordEdit(groupBuyId, null, now); // checked: nothing to change
      return false;
    }
    if (this.pacer.waitFor(rendered.chatId) > this.options.minGapMs) {
      // the group's minute is full (notices, other buys): a later tick edits it
      await this.buys.markDirty(groupBuyId);
      return false;
    }
    const answered = await this.pacer.take(rendered.chatId);
    try {
      await this.api
        .editMessageText(rendered.chatId, buy.announcementMessageId, rendered.text, {
          parse_mode: "HTML",
          reply_markup: rendered.replyMarkup,
          link_preview_options: { is_disabled: true },
        })
        .finally(answered);
    } catch (error) {
      const gone = error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400);
      // a 429 auto-retry did not wait out: the outbox holds back too
      if (error instanceof GrammyError && error.error_code === 429) this.pacer.pauseFor((error.parameters.retry_after ?? 1) * 1000);
      if (!isHarmlessTelegramError(error) && !gone) {
        await this.buys.markDirty(groupBuyId); // try again on a later tick
        throw error;
      }
      // deleted by an admin, bot removed, or already showing this: stop trying this version
      this.logger.info("announcement not editable", { group_buy_id: groupBuyId, error: String(error) });
    }
    await this.buys.recordEdit(groupBuyId, hash, now);
    return true;
  }

  /** Buys whose first post failed (bot briefly out of the group, network) are posted later, backing off. */
  private async postMissing(now: Date): Promise<void> {
    const missing = await this.buys.unannounced(new Date(now.getTime() - this.options.repostAfterMs));
    for (const id of missing) {
      const retry = this.repostAt.get(id);
      if (retry && now.getTime() < retry.at) continue;
      if ((await this.post(id)) !== undefined) {
        this.repostAt.delete(id);
        continue;
      }
      const delay = Math.min(this.options.refreshMs, (retry?.delay ?? this.options.repostAfterMs / 2) * 2);
      this.repostAt.set(id, { at: now.getTime() + delay, delay });
    }
  }
}
