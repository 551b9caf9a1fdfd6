import type { BotContext } from "./context";
import { isBlockedError } from "./telegram-errors";

/** How long a refusal the group had to see stays there. */
export const GROUP_REFUSAL_TTL_MS = 60_000;

/**
 * Refuses a command (an organizer's, sent by someone who isn't one). In a
 * private chat: a reply. In a group the refusal is the sender's business, not
 * the group's (and would spend the group's message budget): it goes to them
 * privately; when the bot can't write to them (they never started it, or
 * blocked it), it is a reply in the group that the bot deletes after a minute.
 * The deletion is queued in the outbox, so a restart meanwhile still deletes it.
 */
export async function refuse(ctx: BotContext, text: string): Promise<void> {
  const chat = ctx.chat;
  if (!chat || chat.type === "private" || !ctx.from) {
    await ctx.reply(text);
    return;
  }
  try {
    await ctx.api.sendMessage(ctx.from.id, text);
    return;
  } catch (error) {
    if (!isBlockedError(error)) throw error;
  }
  const reply = await ctx.reply(text, {
    reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined,
  });
  const { outbox, clock } = ctx.services;
  await outbox.enqueue([
    {
      dedupKey: `refusal:${chat.id}:${reply.message_id}`,
      chatId: chat.id,
      kind: "DELETE",
      messageId: reply.message_id,
      text: "",
      notBefore: new Date(clock.now().getTime() + GROUP_REFUSAL_TTL_MS),
    },
  ]);
}
