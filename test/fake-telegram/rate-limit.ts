// Telegram's broadcast limits (https://core.telegram.org/bots/faq):
// ~30 messages per second overall, ~1 per second to one private chat (a short
// burst is tolerated), 20 per minute to one group. A paid broadcast
// (allow_paid_broadcast, 0.1 Star a message) counts against 1,000 a second
// instead of the 30; each chat's own limits still hold.
import { ApiError } from "./types";

export const RATE_LIMITED_METHODS = new Set([
  "sendMessage", "sendDocument", "sendPhoto", "sendMediaGroup", "sendAnimation", "sendAudio", "sendVideo",
  "sendVoice", "sendSticker", "sendPoll", "sendLocation", "sendContact", "copyMessage", "forwardMessage",
  "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "editMessageMedia",
]);

export type RateLimitConfig = {
  globalPerSecond: number;
  privateBurst: number;
  privatePerSecond: number;
  groupPerMinute: number;
  /** paid broadcasts (allow_paid_broadcast) */
  paidPerSecond: number;
};

export const TELEGRAM_LIMITS: RateLimitConfig = { globalPerSecond: 30, privateBurst: 3, privatePerSecond: 1, groupPerMinute: 20, paidPerSecond: 1000 };

export class RateLimiter {
  private global: number[] = [];
  private paid: number[] = [];
  private groups = new Map<number, number[]>();
  private buckets = new Map<number, { tokens: number; at: number }>();
  tooManyRequests = 0;

  constructor(
    private now: () => number,
    private config: RateLimitConfig = TELEGRAM_LIMITS,
  ) {}

  /** Throws a 429 if sending `count` messages to `chatId` now exceeds a limit; otherwise counts them. `paid`: sent with allow_paid_broadcast. */
  take(chatId: number, count = 1, paid = false): void {
    const now = this.now();
    const { privateBurst, privatePerSecond, groupPerMinute } = this.config;
    const global = paid ? this.paid : this.global;
    const perSecond = paid ? this.config.paidPerSecond : this.config.globalPerSecond;
    while (global.length > 0 && global[0]! <= now - 1000) global.shift();
    let waitMs = 0;
    if (global.length + count > perSecond) {
      waitMs = Math.max(waitMs, (global[global.length + count - perSecond - 1] ?? now) + 1000 - now);
    }
    let bucket: { tokens: number; at: number } | undefined;
    let group: number[] | undefined;
    if (chatId < 0) {
      group = (this.groups.get(chatId) ?? []).filter((t) => t > now - 60_000);
      this.groups.set(chatId, group);
      if (group.length + count > groupPerMinute) {
        const oldest = group[Math.min(group.length - 1, group.length + count - groupPerMinute - 1)] ?? now;
        waitMs = Math.max(waitMs, oldest + 60_000 - now);
      }
    } else {
      const b = this.buckets.get(chatId) ?? { tokens: privateBurst, at: now };
      bucket = { tokens: Math.min(privateBurst, b.tokens + ((now - b.at) / 1000) * privatePerSecond), at: now };
      this.buckets.set(chatId, bucket);
      if (bucket.tokens < count) waitMs = Math.max(waitMs, ((count - bucket.tokens) / privatePerSecond) * 1000);
    }
    if (waitMs > 0) {
      this.tooManyRequests++;
      const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, false, { retry_after: retryAfter });
    }
    for (let i = 0; i < count; i++) global.push(now);
    if (group) for (let i = 0; i < count; i++) group.push(now);
    if (bucket) bucket.tokens -= count;
  }
}
