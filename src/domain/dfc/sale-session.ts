import { memberIri, currencyNode } from "./context";
import { costLinesValue, priceNode, suppliedProductNode, type DfcCostLine, type JsonLdNode } from "./catalog";
import { dfcIris, ref } from "./iris";
import { orderRef } from "../order-ref";
import type { Statement } from "../statement";
import { statementNode } from "./statement";

// A group buy as a DFC SaleSession that lists one Offer (the buy's price, its
// breakdown, its stock cap), and its orders as Order + OrderLine. What DFC has
// no term for (the minimum to go ahead, the commission rule, statuses) is in
// the coop: namespace. Members are opaque IRIs (context.ts memberIri).

export type DfcBuy = {
  id: number;
  communityId: number;
  productId: number;
  /** the revision's at open */
  productName: string;
  unit: string;
  status: string;
  unitPriceFen: number;
  currency: string;
  minTotalQty: number;
  stockCap: number | null;
  totalQty: number;
  commissionKind: string;
  commissionValue: number;
  costLines: DfcCostLine[];
  openedAt: Date;
  deadlineAt: Date;
  closedAt: Date | null;
};

/**
 * The buy's SaleSession, its Offer, and the product it offers (a stub of the
 * catalogue's nodes); a closed buy's settlement statement with it.
 */
export function saleSessionNodes(buy: DfcBuy, baseUrl: string, statement?: Statement): JsonLdNode[] {
  const iris = dfcIris(baseUrl, buy.communityId);
  const settled = statement ? statementNode(iris.saleSession(buy.id), statement, buy.currency) : undefined;
  const nodes: JsonLdNode[] = [
    {
      "@id": iris.saleSession(buy.id),
      "@type": "dfc-b:SaleSession",
      "dfc-b:beginDate": buy.openedAt.toISOString(),
      "dfc-b:endDate": buy.deadlineAt.toISOString(),
      "dfc-b:lists": ref(iris.saleSessionOffer(buy.id)),
      "coop:status": buy.status,
      "coop:minimumQuantity": buy.minTotalQty,
      "coop:orderedQuantity": buy.totalQty,
      "coop:commissionKind": buy.commissionKind,
      "coop:commissionValue": buy.commissionValue,
      ...(buy.closedAt ? { "coop:closedAt": buy.closedAt.toISOString() } : {}),
      ...settled?.link,
    },
    {
      "@id": iris.saleSessionOffer(buy.id),
      "@type": "dfc-b:Offer",
      "dfc-b:offeredItem": ref(iris.catalogItem(buy.productId)),
      "dfc-b:hasPrice": priceNode(buy.unitPriceFen, buy.currency),
      ...(buy.stockCap !== null ? { "dfc-b:stockLimitation": buy.stockCap } : {}),
      "coop:costLine": costLinesValue(buy.costLines),
    },
    {
      "@id": iris.catalogItem(buy.productId),
      "@type": "dfc-b:CatalogItem",
      "dfc-b:references": ref(iris.product(buy.productId)),
      "dfc-b:offeredThrough": ref(iris.saleSessionOffer(buy.id)),
    },
    suppliedProductNode(iris, { id: buy.productId, name: buy.productName, unit: buy.unit }),
  ];
  if (settled) nodes.push(settled.node);
  const currency = currencyNode(buy.currency);
  if (currency) nodes.push(currency);
  return nodes;
}

export type DfcOrder = {
  id: number;
  /** in the roster: the order's number is #buy-position */
  position: number;
  memberId: number;
  quantity: number;
  unitPriceFen: number;
  status: string;
  paymentStatus: string;
  createdAt: Date;
};

/** What every order of one buy shares; made once per document. */
export type OrdersFrame = { baseUrl: string; communityId: number; buyId: number; currency: string; memberSecret: Buffer };

/**
 * An order's nodes: the Order (number as members know it, #buy-position), its
 * one OrderLine (the quantity at the buy's unit price), and the member as a
 * dfc-b:Person with no name. An order that no longer counts keeps its quantity;
 * coop:status says it was cancelled, refunded or void.
 */
export function orderNodes(frame: OrdersFrame, order: DfcOrder, iris = dfcIris(frame.baseUrl, frame.communityId)): JsonLdNode[] {
  const orderIri = iris.order(frame.buyId, order.id);
  const lineIri = iris.orderLine(frame.buyId, order.id);
  const member = memberIri(iris.base, frame.memberSecret, frame.communityId, order.memberId);
  return [
    {
      "@id": orderIri,
      "@type": "dfc-b:Order",
      "dfc-b:orderNumber": orderRef(frame.buyId, order.position),
      "dfc-b:date": order.createdAt.toISOString(),
      "dfc-b:belongsTo": ref(iris.saleSession(frame.buyId)),
      "dfc-b:orderedBy": ref(member),
      "dfc-b:soldBy": ref(iris.community),
      "dfc-b:hasPart": ref(lineIri),
      "coop:status": order.status,
      "coop:paymentStatus": order.paymentStatus,
    },
    {
      "@id": lineIri,
      "@type": "dfc-b:OrderLine",
      "dfc-b:quantity": order.quantity,
      "dfc-b:hasPrice": priceNode(order.unitPriceFen, frame.currency),
      "dfc-b:concerns": ref(iris.saleSessionOffer(frame.buyId)),
      "dfc-b:partOf": ref(orderIri),
    },
    { "@id": member, "@type": "dfc-b:Person" },
  ];
}

/**
 * orderNodes written straight as JSON text (the three nodes, comma-separated):
 * the hot path of a 10,000-order document, with what every order shares
 * escaped once. The test holds it equal to orderNodes, node for node.
 */
export function orderJsonWriter(frame: OrdersFrame, iris = dfcIris(frame.baseUrl, frame.communityId)): (order: DfcOrder) => string {
  const q = (text: string) => JSON.stringify(text);
  const open = (text: string) => q(text).slice(0, -1); // a quoted prefix, left open for an id
  const orderPrefix = open(iris.order(frame.buyId, 0).replace(/0$/, ""));
  const linePrefix = open(iris.orderLine(frame.buyId, 0).replace(/0$/, ""));
  const session = q(iris.saleSession(frame.buyId));
  const seller = q(iris.community);
  const offer = q(iris.saleSessionOffer(frame.buyId));
  const prices = new Map<number, string>();
  const price = (fen: number) => {
    let text = prices.get(fen);
    if (text === undefined) prices.set(fen, (text = JSON.stringify(priceNode(fen, frame.currency))));
    return text;
  };
  return (o) => {
    const order = `${orderPrefix}${o.id}"`;
    const line = `${linePrefix}${o.id}"`;
    const member = q(memberIri(iris.base, frame.memberSecret, frame.communityId, o.memberId));
    return (
      `{"@id":${order},"@type":"dfc-b:Order","dfc-b:orderNumber":${q(orderRef(frame.buyId, o.position))},"dfc-b:date":"${o.createdAt.toISOString()}",` +
      `"dfc-b:belongsTo":{"@id":${session}},"dfc-b:orderedBy":{"@id":${member}},"dfc-b:soldBy":{"@id":${seller}},"dfc-b:hasPart":{"@id":${line}},` +
      `"coop:status":${q(o.status)},"coop:paymentStatus":${q(o.paymentStatus)}},\n` +
      `{"@id":${line},"@type":"dfc-b:OrderLine","dfc-b:quantity":${o.quantity},"dfc-b:hasPrice":${price(o.unitPriceFen)},"dfc-b:concerns":{"@id":${offer}},"dfc-b:partOf":{"@id":${order}}},\n` +
      `{"@id":${member},"@type":"dfc-b:Person"}`
    );
  };
}
