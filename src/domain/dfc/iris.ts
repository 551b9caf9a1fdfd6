import { trimBase } from "./context";

/**
 * The IRIs of a community's objects under the install's public base URL. Each
 * names the document it is described in plus a fragment, so an IRI leads to
 * its document: `<base>/dfc/<community>/catalog#product-7`,
 * `<base>/dfc/<community>/sale-sessions/<buy>`, and the buy's orders under
 * `<base>/dfc/<community>/sale-sessions/<buy>/orders`.
 */
export function dfcIris(baseUrl: string, communityId: number) {
  const base = trimBase(baseUrl);
  const root = `${base}/dfc/${communityId}`;
  const catalog = `${root}/catalog`;
  const session = (buyId: number) => `${root}/sale-sessions/${buyId}`;
  return {
    base,
    catalogDocument: catalog,
    community: `${catalog}#community`,
    catalog: `${catalog}#catalog`,
    producer: (id: number) => `${catalog}#producer-${id}`,
    product: (id: number) => `${catalog}#product-${id}`,
    catalogItem: (productId: number) => `${catalog}#item-${productId}`,
    offer: (productId: number) => `${catalog}#offer-${productId}`,
    saleSession: session,
    saleSessionOffer: (buyId: number) => `${session(buyId)}#offer`,
    ordersDocument: (buyId: number) => `${session(buyId)}/orders`,
    order: (buyId: number, orderId: number) => `${session(buyId)}/orders#order-${orderId}`,
    orderLine: (buyId: number, orderId: number) => `${session(buyId)}/orders#line-${orderId}`,
  };
}

export type DfcIris = ReturnType<typeof dfcIris>;

/** `{"@id": iri}`: every reference is written so, so the documents expand alike under any context. */
export const ref = (iri: string) => ({ "@id": iri });
