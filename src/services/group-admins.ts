import type { Api } from "grammy";
import type { Logger } from "../logger";

/** Admin lists live this long: a demoted admin stops organizing within it. */
const CACHE_MS = 60_000;
/** A failed look-up (the bot is out, a network error) is retried after this long. */
const FAILED_CACHE_MS = 10_000;

/**
 * Who administers a group on Telegram, asked with getChatAdministrators and
 * cached briefly per group: one call answers for every member, and a burst of
 * organizer commands doesn't become a burst of API calls. Used only for
 * communities that let their administrators organize.
 */
export class GroupAdmins {
  private byChat = new Map<number, { ids: Promise<ReadonlySet<number>>; until: number }>();

  constructor(
    private api: Pick<Api, "getChatAdministrators">,
    private logger: Logger,
    private now: () => number = () => performance.now(),
  ) {}

  /** Telegram user ids of the group's human administrators (empty when Telegram can't say). */
  idsOf(chatId: number): Promise<ReadonlySet<number>> {
    const hit = this.byChat.get(chatId);
    if (hit && this.now() < hit.until) return hit.ids;
    const ids = this.fetch(chatId);
    this.byChat.set(chatId, { ids, until: this.now() + CACHE_MS });
    return ids;
  }

  async isAdmin(chatId: number, telegramUserId: number): Promise<boolean> {
    return (await this.idsOf(chatId)).has(telegramUserId);
  }

  private async fetch(chatId: number): Promise<ReadonlySet<number>> {
    try {
      const admins = await this.api.getChatAdministrators(chatId);
      return new Set(admins.filter((a) => !a.user.is_bot).map((a) => a.user.id));
    } catch (error) {
      // nobody is an admin-organizer while Telegram can't tell; ask again soon
      this.logger.warn("could not read a group's administrators", { chat_id: chatId, error: String(error) });
      this.byChat.set(chatId, { ids: Promise.resolve(new Set()), until: this.now() + FAILED_CACHE_MS });
      return new Set();
    }
  }
}
