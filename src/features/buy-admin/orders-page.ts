import type { BuyDetails, GroupBuys } from "../../db/group-buys";
import type { Orders } from "../../db/orders";
import { PAGE_SIZE, type OrdersPage } from "./orders-view";

/** One page of a buy's /orders list (clamped to the pages there are), with the buy and the totals. */
export async function loadOrdersPage(
  from: { buys: GroupBuys; orders: Orders },
  buyId: number,
  requested: number,
): Promise<{ buy: BuyDetails; page: OrdersPage } | undefined> {
  const buy = await from.buys.details(buyId);
  if (!buy) return undefined;
  const count = await from.orders.countListed(buyId);
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  const page = Math.min(Math.max(0, requested), pages - 1);
  const [orders, totals] = await Promise.all([from.orders.listed(buyId, page * PAGE_SIZE, PAGE_SIZE), from.orders.totals(buyId)]);
  return { buy, page: { orders, page, pages, totals } };
}
