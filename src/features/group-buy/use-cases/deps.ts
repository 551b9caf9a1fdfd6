import type { Services } from "../../../bot/context";
import type { GroupBuys } from "../../../db/group-buys";
import type { Orders } from "../../../db/orders";

/** What the group-buy use-cases need: the bot's services, the buys and orders, and what signs links. */
export type BuyDeps = {
  services: Pick<Services, "db" | "clock" | "i18n" | "outbox" | "buyListeners" | "logger" | "organizers" | "communities" | "config">;
  buys: GroupBuys;
  orders: Orders;
  botUsername: () => string;
  /** signs referral links (same derivation as the referral feature) */
  secret: Buffer;
};
