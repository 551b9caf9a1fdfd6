import { Composer } from "grammy";
import type { BotContext } from "../../bot/context";
import { decodeDeepLink } from "../../domain/deep-link";
import { enterOpenFlow, showBuyFromLink, showQuantityPicker, type GroupBuyModule } from "../group-buy";
import { pickupFromLink } from "../pickup";
import { showProductLink } from "../products";
import { startRecommending } from "../recommend";
import { startAsking } from "../questions";
import { recordVisitFromLink, sendShareLink } from "../referrals";
import { settingsFromLink } from "../settings";
import { showTagLink } from "../products";
import { welcome } from "./welcome";

/**
 * The one `/start` handler (private chats): decodes the payload once
 * (domain/deep-link.ts knows every kind) and hands it to the feature that owns
 * it. A payload that is not ours, or none, gets the welcome.
 *
 * Installed after the group-buy and recommend features: their conversations
 * must be registered before a link can enter one (and an open dialog sees the
 * /start first, as it sees every command: it ends, then the link runs).
 */
export function startDispatcher(groupBuys: GroupBuyModule): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").command("start", async (ctx) => {
    // the link secret is derived once per bot (the group-buy module holds it), not per /start
    const link = decodeDeepLink(ctx.match, groupBuys.secret);
    switch (link.kind) {
      case "recommend":
        return startRecommending(ctx);
      case "share":
        return sendShareLink(ctx, link.groupBuyId);
      case "product":
      case "buy-card":
        return showProductLink(ctx, link);
      case "open-picker":
        return enterOpenFlow(groupBuys, ctx);
      case "open-product":
        return enterOpenFlow(groupBuys, ctx, link.productId);
      case "referral":
        // the visit that attributes the member's order, then the buy
        await recordVisitFromLink(ctx, link);
        return showBuyFromLink(groupBuys, ctx, link.groupBuyId);
      case "buy":
        return showBuyFromLink(groupBuys, ctx, link.groupBuyId);
      case "buy-quantity":
        return showQuantityPicker(groupBuys, ctx, link.groupBuyId);
      case "pickup":
        // a member's pickup QR, scanned at the pickup point (or opened by its member)
        return pickupFromLink(groupBuys, ctx, link.code);
      case "settings":
        // a group's /settings menu: what is typed is asked here, in private
        return settingsFromLink(ctx, link);
      case "products-tag":
        // a card's tag in a group: the private /products filtered by it
        return showTagLink(ctx, link);
      case "ask":
        // a card's or an announcement's ❓: the question is written here
        return startAsking(ctx, link.productId);
      case "invalid":
      case "none":
        return welcome(ctx);
    }
  });
  return composer;
}
