import type { OrderWithBuy } from "../../db/orders";
import { orderRef } from "../../domain/order-ref";
import { fitLines, raw, truncate } from "../../domain/html";
import { formatMoney } from "../../domain/money";
import { htmlTranslate, type ViewEnv } from "../../views/env";
import { recommendedByLine } from "../referrals/views";
import { orderStatusText } from "./views";

/**
 * /my_orders: one line per order, newest first, each with whom it is
 * attributed to (the chat is private). With many orders the oldest give way
 * to an "… and N more" line.
 */
export function myOrdersText(orders: OrderWithBuy[], env: ViewEnv): string {
  const ht = htmlTranslate(env.t);
  const lines = orders.map((o) =>
    ht("gb-my-orders-line", {
      ref: orderRef(o.groupBuyId, o.position),
      name: truncate(o.groupBuy.revision.name, 60),
      qty: o.quantity,
      unit: truncate(o.groupBuy.revision.unit, 20),
      amount: formatMoney(o.amountFen, o.groupBuy.currency, env.locale),
      status: raw(orderStatusText(o, o.groupBuy.status, env.t)),
      // fixed when the order was placed
      recommended: o.status === "CANCELLED" ? "" : raw(env.t("gb-my-orders-recommended", { line: recommendedByLine(env.t, o, o.referrer) })),
    }),
  );
  return fitLines([env.t("gb-my-orders-header"), "", ...lines].join("\n"), (count) => env.t("gb-my-orders-more", { count }));
}
