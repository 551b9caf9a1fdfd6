import { createHash } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import type { GroupBuys } from "../../db/group-buys";
import { isHarmlessTelegramError } from "../../bot/telegram-errors";
import { SendPacer } from "../../services/send-pacer";
import { postAnnouncementChart, type AnnouncementChart } from "./announcement-chart";

export type RenderedAnnouncement = { chatId: number; text: string; replyMarkup: InlineKeyboardMarkup };


export type AnnouncementOptions = {
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

export const DEFAULT_ANNOUNCEMENT_OPTIONS: AnnouncementOptions = { refreshMs: 10 * 60_000, repostAfterMs: 30_000, claimStaleMs: 5 * 60_000 };

export function announcementHash(rendered: RenderedAnnouncement): string {
  return createHash("sha256").update(rendered.text).update("\u0000").update(JSON.stringify(rendered.replyMarkup)).digest("base64url").slice(0, 22);
}

/** How long a tick waits for a group's loop to get its slot (longer waits run on without it). */
const FLUSH_WAITS_MS = 1_000;

/** One group's edits: one loop at a time per community. */
type GroupDriver = {
  running: boolean;
  /** a nudge came while it ran: look again before stopping */
  again: boolean;
  /** ends the current wait early (a scheduler tick: the budget may have opened) */
  wake?: () => void;
  /** told when the loop next waits or stops (what flush() waits for) */
  paused: (() => void)[];
};

/**
 * Keeps each buy's announcement in its group up to date without flooding the
 * group. Order changes mark a buy dirty and nudge its group's loop, which
 * edits as soon as the group's budget allows: at once after a quiet spell,
 * else at the pacer's next slot for the group (one per 3 s, see
 * SendPacer.paceWait), with every tap made meanwhile in that one edit. Of a
 * group's open buys the one dirty longest goes first, so they share the
 * budget. Never with content the group already shows. Posts and edits take
 * their slots from the bot's SendPacer, shared with the outbox's notices.
 *
 * Only the instance holding the "group-buy-announcements" job's lease edits
 * (`mayEdit`): a nudge on another instance does nothing, and that instance's
 * taps are picked up by the holder's `flush()`, the job, on its next tick.
 */
export class Announcements {
  private posting = new Map<number, Promise<number | undefined>>();
  /** buys whose first post failed: when to try again */
  private repostAt = new Map<number, { at: number; delay: number }>();
  private drivers = new Map<number, GroupDriver>();
  /** the order in which buys were first seen dirty since their last edit */
  private dirtySince = new Map<number, number>();
  private seq = 0;
  private edits = 0;

  constructor(
    private buys: GroupBuys,
    private api: Api,
    private clock: Clock,
    private logger: Logger,
    private render: (groupBuyId: number) => Promise<RenderedAnnouncement | undefined>,
    /** shared with the outbox: posts and edits count toward the group's 20 a minute and the bot's 30 a second */
    private pacer: SendPacer = new SendPacer(),
    private options: AnnouncementOptions = DEFAULT_ANNOUNCEMENT_OPTIONS,
    /** whether this instance may edit now: it holds the job's lease */
    private mayEdit: () => boolean = () => true,
    /** the buy's price breakdown as a chart, posted just before its announcement; none: text only */
    private chart?: (groupBuyId: number) => Promise<AnnouncementChart | undefined>,
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
    if (buy.chartMessageId === null && this.chart) await postAnnouncementChart({ api: this.api, pacer: this.pacer, buys: this.buys, logger: this.logger }, this.chart, groupBuyId, rendered.chatId);
    const answered = await this.pacer.take(rendered.chatId, true);
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
    return message.message_id;
  }

  /** A buy's orders changed (a tap): its group's announcements catch up as soon as the budget allows. */
  nudge(buy: { id: number; communityId: number }): void {
    if (!this.mayEdit()) return; // the lease holder's tick picks it up
    if (!this.dirtySince.has(buy.id)) this.dirtySince.set(buy.id, this.seq++);
    this.drive(buy.communityId);
  }

  /**
   * The job's tick: posts what is missing, and starts (or wakes) the loop of
   * every group with an announcement to bring up to date; returns how many
   * edits went out until each loop is done or waits longer than a second.
   */
  async flush(): Promise<number> {
    const now = this.clock.now();
    await this.postMissing(now);
    const before = this.edits;
    const candidates = await this.buys.announcementsToRefresh(now, this.options.refreshMs);
    const waits: Promise<void>[] = [];
    for (const communityId of new Set(candidates.map((c) => c.communityId))) {
      const driver = this.drive(communityId);
      driver.wake?.();
      waits.push(new Promise<void>((resolve) => driver.paused.push(resolve)));
    }
    await Promise.all(waits);
    if (this.dirtySince.size > 10_000) this.dirtySince.clear();
    return this.edits - before;
  }

  private drive(communityId: number): GroupDriver {
    let driver = this.drivers.get(communityId);
    if (!driver) this.drivers.set(communityId, (driver = { running: false, again: false, paused: [] }));
    if (driver.running) driver.again = true;
    else {
      driver.running = true;
      void this.loop(communityId, driver);
    }
    return driver;
  }

  /** Edits one group's announcements, one slot at a time, until none is behind. A failure stops it: the next tick retries. */
  private async loop(communityId: number, d: GroupDriver): Promise<void> {
    try {
      for (;;) {
        if (!this.mayEdit()) return;
        d.again = false;
        const due = await this.buys.announcementsToRefresh(this.clock.now(), this.options.refreshMs, 20, communityId);
        if (due.length === 0) {
          if (d.again) continue;
          return;
        }
        const wait = this.pacer.paceWait(due[0]!.chatId);
        if (wait > 0) {
          await this.pause(d, wait);
          continue;
        }
        if ((await this.refresh(this.longestDirty(due).id, this.clock.now())) === "later") await this.pause(d, Math.max(1, this.pacer.paceWait(due[0]!.chatId)));
      }
    } catch (error) {
      this.logger.warn("could not edit a group buy announcement", { community_id: communityId, error: String(error) });
    } finally {
      // at once on returning, so a nudge from here on starts a new loop rather than being lost
      d.running = false;
      if (this.drivers.get(communityId) === d) this.drivers.delete(communityId);
      this.paused(d);
    }
  }

  /** Of a group's buys behind, the one dirty longest (first seen dirty, or least recently edited). */
  private longestDirty<B extends { id: number }>(due: B[]): B {
    for (const b of due) if (!this.dirtySince.has(b.id)) this.dirtySince.set(b.id, this.seq++);
    return due.reduce((a, b) => (this.dirtySince.get(b.id)! < this.dirtySince.get(a.id)! ? b : a));
  }

  private async pause(d: GroupDriver, ms: number): Promise<void> {
    const woken = new Promise<void>((resolve) => (d.wake = resolve));
    // a tick waits out a chat's second (as a send would), not the group's next slot
    if (ms > FLUSH_WAITS_MS) this.paused(d);
    await Promise.race([this.pacer.wait(ms), woken]);
    d.wake = undefined;
  }

  private paused(d: GroupDriver): void {
    const waiting = d.paused;
    d.paused = [];
    for (const resolve of waiting) resolve();
  }

  /** Re-renders one announcement and edits it if it changed: "edited", "unchanged", or "later" (no slot after all). */
  private async refresh(groupBuyId: number, now: Date): Promise<"edited" | "unchanged" | "later"> {
    // Take the mark before reading, so an order placed meanwhile marks it again.
    this.dirtySince.delete(groupBuyId);
    await this.buys.takeDirty(groupBuyId);
    let buy, rendered;
    try {
      buy = await this.buys.byId(groupBuyId);
      rendered = await this.render(groupBuyId);
    } catch (error) {
      await this.buys.markDirty(groupBuyId);
      throw error;
    }
    if (!buy || buy.announcementMessageId === null || !rendered) return "unchanged";
    const hash = announcementHash(rendered);
    if (hash === buy.announcementHash) {
      await this.buys.recordEdit(groupBuyId, null, now); // checked: nothing to change
      return "unchanged";
    }
    if (this.pacer.paceWait(rendered.chatId) > 0) {
      // a notice took the slot while this rendered: the next slot edits it
      await this.buys.markDirty(groupBuyId);
      return "later";
    }
    const answered = await this.pacer.take(rendered.chatId, true);
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
    this.edits++;
    return "edited";
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
