import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import { SendTimeout, settled } from "./send-outcomes";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Db } from "../db/client";
import type { RawWriter } from "../db/bulk-insert";
import { OutboxMessages, queueMessages, type DueMessage, type OutboxKind } from "../db/outbox-messages";
import { renderPhoto, type PhotoRenderer } from "./photos";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import { SendPacer } from "./send-pacer";
import { PaidSends, type PaidRefusalHook } from "./paid-sends";

export type OutgoingMessage = {
  /** makes enqueueing idempotent: the same key is never sent twice */
  dedupKey: string;
  chatId: number;
  /** HTML; user text inside must be escaped by the caller */
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
  notBefore?: Date;
  /**
   * SEND by default. PHOTO sends `photo` (rendered when sent, e.g. "qr:<link>")
   * with `text` as its caption (at most 1024 characters of text); EDIT replaces
   * the text and buttons of the bot's message `messageId`; DELETE deletes it;
   * a SEND with `messageId` replies to that message (sent anyway if it is gone).
   */
  kind?: OutboxKind;
  messageId?: number;
  photo?: string;
  /** a SEND or PHOTO sent with allow_paid_broadcast (0.1 Star, past the free 30 a second): the community's setting */
  paidBroadcast?: boolean;
};

const MAX_ATTEMPTS = 8;

/** a message whose chat must wait longer than this (a group's minute is full) is sent after the others */
const SET_ASIDE_AFTER_MS = 2_000;

/**
 * A message being sent is claimed by moving its notBefore this far ahead: a
 * concurrent drain (another instance, or a direct drain() call) skips it, and
 * if this process dies mid-send it is sent again after this long (at least
 * once). Longer than a send can take, auto-retry's waits included.
 */
const CLAIM_MS = 10 * 60_000;

/**
 * One send, auto-retry's waits included, gets this long. Auto-retry retries
 * network errors without end (waits of up to an hour); past this the message
 * goes back to the table with the outbox's own back-off instead, so an outage
 * can't hold a drain pass.
 */
const SEND_TIMEOUT_MS = 60_000;

/**
 * Private notifications go through a table: they are written in the same
 * transaction as the change they announce, then a paced sender delivers them.
 * A restart resumes sending; a blocked member is recorded and skipped.
 */
export class Outbox {
  private pacer: SendPacer;
  private messages: OutboxMessages;
  private draining?: Promise<number>;
  private stopped = false;
  private paid: PaidSends;

  constructor(
    private db: Db,
    private api: Api,
    private clock: Clock,
    private logger: Logger,
    private onBlocked: (chatId: number) => Promise<void>,
    pacer?: SendPacer,
    private sendTimeoutMs = SEND_TIMEOUT_MS,
    private photos: PhotoRenderer = renderPhoto,
  ) {
    this.pacer = pacer ?? new SendPacer();
    this.messages = new OutboxMessages(db);
    this.paid = new PaidSends(this.messages, logger);
  }

  /**
   * Queues messages; keys already queued are left alone (also when another
   * transaction queues the same key meanwhile). Returns how many were new.
   */
  async enqueue(messages: OutgoingMessage[], writer: RawWriter = this.db /* the client or a transaction */): Promise<number> {
    return queueMessages(
      writer,
      messages.map((m) => ({
        dedupKey: m.dedupKey,
        chatId: m.chatId,
        text: m.text,
        replyMarkup: m.replyMarkup ? JSON.stringify(m.replyMarkup) : null,
        notBefore: m.notBefore ?? this.clock.now(),
        kind: m.kind ?? "SEND",
        messageId: m.messageId ?? null,
        photo: m.photo ?? null,
        paidBroadcast: m.paidBroadcast ?? false,
      })),
    );
  }

  /**
   * One pass of the scheduler's outbox job: sends what is due for at most
   * `budgetMs` (the sends in flight then finish). "more" when the budget ran
   * out first, so the scheduler runs its other jobs and then this again.
   */
  async drainPass(signal: AbortSignal, budgetMs: number): Promise<void | "more"> {
    const budget = AbortSignal.timeout(budgetMs);
    await this.drain(AbortSignal.any([signal, budget]));
    if (budget.aborted && !signal.aborted) return "more";
  }

  /**
   * For handlers whose answer says a message went out (a review's outcome, a
   * submission to the organizers): sends what is due now, but waits at most
   * `maxWaitMs` and starts no pass longer than that, so a reply never waits
   * behind a backlog of thousands. What is left goes with the scheduler's passes.
   */
  async sendSoon(maxWaitMs = 3_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
    const pass = this.drain(AbortSignal.timeout(maxWaitMs)).catch((error: unknown) => this.logger.warn("could not send notifications now; the scheduler will", { error: String(error) }));
    await Promise.race([pass, waited]);
    clearTimeout(timer);
  }

  /** Sends everything due; concurrent calls share one pass. Returns how many went out. */
  drain(signal?: AbortSignal): Promise<number> {
    this.draining ??= this.sendDue(signal).finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** Who queues paid broadcasts hears of a refused one (the Stars ran out): see PaidSends.refused. */
  whenPaidRefused(hook: PaidRefusalHook): void {
    this.paid.hook = hook;
  }

  /** A pass is sending now (what a stop waits for). */
  get sending(): boolean {
    return this.draining !== undefined;
  }

  /** Ends the current pass after the sends in flight (shutdown); later drains do nothing. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.draining?.catch(() => undefined);
  }

  private async sendDue(signal?: AbortSignal): Promise<number> {
    let sent = 0;
    const halted = () => this.stopped || signal?.aborted === true;
    // Messages to a chat that must wait long (a group's minute is full) are set
    // aside, so they don't hold up everyone queued behind them; they go last.
    const setAside = new Set<number>();
    const chatsSetAside = new Set<number>(); // a chat's later messages stay behind its earlier ones
    let patient = false;
    while (!halted()) {
      const batch = await this.messages.due(this.clock.now(), setAside);
      if (batch.length === 0) {
        if (setAside.size === 0 || patient) break;
        setAside.clear();
        patient = true; // everything else is sent: now wait for them
        continue;
      }
      // Sends are paced one by one but overlap their round trips, so the
      // rate, not the latency, sets the pace.
      const inFlight = new Set<Promise<void>>();
      const claimedAt = this.clock.now();
      const until = new Date(claimedAt.getTime() + CLAIM_MS);
      const paidClaims = await this.paid.claim(batch, claimedAt, until); // paid ones: claimed at once
      for (const message of batch) {
        if (halted()) break;
        const chatId = Number(message.chatId);
        if (!patient && (chatsSetAside.has(chatId) || this.pacer.waitFor(chatId) > SET_ASIDE_AFTER_MS)) {
          setAside.add(message.id);
          chatsSetAside.add(chatId);
          continue;
        }
        // another drain is sending it
        if (message.paidBroadcast ? !paidClaims.delete(message.id) : !(await this.claim(message.id))) continue;
        // last before the request: database latency must not bunch sends up
        const answered = await this.pacer.take(chatId, false, message.paidBroadcast);
        const p = this.sendOne(message, answered).then((ok) => {
          if (ok) sent++;
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        // paid sends go up to 1,000 a second: their round trips overlap more
        if (inFlight.size >= (message.paidBroadcast ? 256 : 32)) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      await this.paid.flush(this.clock.now());
      await this.paid.release([...paidClaims], until, this.clock.now()); // claimed, not sent
    }
    return sent;
  }

  private async claim(id: number): Promise<boolean> {
    const now = this.clock.now();
    return this.messages.claim(id, now, new Date(now.getTime() + CLAIM_MS));
  }

  /** Sends one claimed message and records the outcome; never throws. */
  private async sendOne(
    message: DueMessage,
    answered: () => void,
  ): Promise<boolean> {
    const chatId = Number(message.chatId);
    let failure: { error: unknown } | undefined;
    const timeout = AbortSignal.timeout(this.sendTimeoutMs);
    try {
      await this.deliver(message, chatId, timeout);
    } catch (error) {
      failure = { error: timeout.aborted ? new SendTimeout(this.sendTimeoutMs) : error };
    }
    answered();
    try {
      if (failure) {
        await this.recordFailure(message, chatId, failure.error);
        return false;
      }
      if (!message.paidBroadcast) await this.messages.markSent(message.id, this.clock.now());
      else await this.paid.markSent(message.id, () => this.clock.now());
      return true;
    } catch (error) {
      // The claim stands: the message is tried again after CLAIM_MS.
      this.logger.error("could not record a notification's outcome", { outbox_id: message.id, sent: !failure, error });
      return !failure;
    }
  }

  /** One row's request to Telegram. An edit or delete whose message is gone or already reads so has nothing left to do. */
  private async deliver(message: DueMessage, chatId: number, timeout: AbortSignal): Promise<void> {
    const signal = timeout as never; // grammY types its own AbortSignal shim
    const replyMarkup = message.replyMarkup ? (JSON.parse(message.replyMarkup) as InlineKeyboardMarkup) : undefined;
    const paid = message.paidBroadcast ? { allow_paid_broadcast: true } : {};
    switch (message.kind) {
      case "PHOTO": {
        const image = await this.photos(message.photo ?? "");
        await this.api.sendPhoto(chatId, new InputFile(image, "photo.png"), { caption: message.text, parse_mode: "HTML", reply_markup: replyMarkup, ...paid }, signal);
        return;
      }
      case "EDIT":
        await settled(() =>
          this.api.editMessageText(chatId, message.messageId!, message.text, { parse_mode: "HTML", reply_markup: replyMarkup, link_preview_options: { is_disabled: true } }, signal),
        );
        return;
      case "DELETE":
        await settled(() => this.api.deleteMessage(chatId, message.messageId!, signal));
        return;
      default:
        await this.api.sendMessage(chatId, message.text, {
          parse_mode: "HTML",
          reply_markup: replyMarkup,
          link_preview_options: { is_disabled: true },
          ...paid,
          ...(message.messageId !== null ? { reply_parameters: { message_id: message.messageId, allow_sending_without_reply: true } } : {}),
        }, signal);
    }
  }

  private async recordFailure(message: { id: number; dedupKey: string; attempts: number; paidBroadcast: boolean }, chatId: number, error: unknown) {
    const attempts = message.attempts + 1;
    if (error instanceof GrammyError && error.error_code === 403) {
      await this.messages.markBlocked(message.id, attempts, error.description);
      await this.onBlocked(chatId);
      this.logger.info("member blocked the bot; notification skipped", { chat_id: chatId });
      return;
    }
    // a paid send Telegram refuses (the bot's Stars ran out, or paid broadcasts aren't
    // open to it) goes again on the free lane at once: late, never lost
    if (message.paidBroadcast && error instanceof GrammyError && error.error_code === 400) {
      await this.paid.refused(message, this.clock.now());
      this.logger.warn("paid broadcast refused; sent at the free rate instead", { chat_id: chatId, description: error.description });
      return;
    }
    // auto-retry already waited out short 429s and retried 5xx and network
    // errors; what reaches here asked for a long wait or kept failing
    let retryAfterMs = 0;
    if (error instanceof GrammyError && error.error_code === 429) {
      retryAfterMs = (error.parameters.retry_after ?? 1) * 1000;
      this.pacer.pauseFor(retryAfterMs, message.paidBroadcast);
    }
    const transient =
      error instanceof HttpError || error instanceof SendTimeout || (error instanceof GrammyError && (error.error_code === 429 || error.error_code >= 500));
    const giveUp = !transient || attempts >= MAX_ATTEMPTS;
    const backoffMs = Math.max(retryAfterMs, Math.min(10 * 60_000, 1000 * 2 ** attempts));
    await this.messages.recordFailure(message.id, {
      giveUp,
      attempts,
      lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
      notBefore: new Date(this.clock.now().getTime() + backoffMs),
    });
    this.logger.warn(giveUp ? "notification failed" : "notification will be retried", {
      chat_id: chatId,
      attempts,
      error_code: error instanceof GrammyError ? error.error_code : error instanceof HttpError || error instanceof SendTimeout ? "network" : "other",
    });
  }
}
