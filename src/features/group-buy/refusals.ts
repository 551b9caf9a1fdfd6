import type { BotContext } from "../../bot/context";
import { refuse } from "../../bot/refuse";
import type { BuyRefusal } from "./use-cases/organizer-access";

const REFUSAL_KEYS = { "not-found": "gba-not-found", "other-community": "gba-other-community", "not-allowed": "error-organizers-only" } as const;

/**
 * Says why an organizer's command on buy #id can't go ahead. A member who
 * isn't an organizer hears it privately (bot/refuse.ts), not the whole group.
 */
export async function replyBuyRefusal(ctx: BotContext, refusal: BuyRefusal, id: string): Promise<void> {
  if (refusal.reason === "not-allowed") await refuse(ctx, ctx.t(REFUSAL_KEYS[refusal.reason]));
  else await ctx.reply(ctx.t(REFUSAL_KEYS[refusal.reason], { id }));
}
