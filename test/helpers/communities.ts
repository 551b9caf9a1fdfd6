import type { Chat, User } from "grammy/types";
import type { Harness } from "./harness";
import { myChatMember } from "../fake-telegram/updates";
import type { MemberStatus } from "../fake-telegram/types";

/**
 * `by` adds the bot to `group`, which is (or becomes) an active community:
 * an operator's add makes it one by itself; for anyone else it is registered
 * as approved first, as if an operator had approved it earlier. Then the
 * group sees the bot arrive and greet it, as it would.
 */
export async function addBotToCommunity(h: Harness, by: User, group: Chat, status: MemberStatus = "administrator"): Promise<number> {
  if (!h.config.organizerIds.has(by.id) && "title" in group && group.title) {
    const { config } = h.services;
    await h.services.communities.activate(group as { id: number; title: string }, {
      locale: config.defaultLocale,
      timezone: config.timezone,
      currency: config.currency,
      reminderOffsetsMin: config.reminderOffsetsMin,
    });
    await h.services.communities.deactivate(group.id); // the bot is not in it until the add below
  }
  await h.send(myChatMember(by, group, "left", status));
  const row = await h.db.community.findUniqueOrThrow({ where: { telegramChatId: BigInt(group.id) } });
  if (!row.active) throw new Error(`community ${group.id} is not active after the bot was added`);
  return row.id;
}
