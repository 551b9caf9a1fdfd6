import { fenToDecimal } from "../money";
import { currencyIri, currencyNode, quantityOf } from "./context";
import { dfcIris, ref, type DfcIris } from "./iris";

// A community's catalogue as DFC: the community is an Enterprise that
// maintains a Catalog and manages a CatalogItem per approved product; each
// producer is an Enterprise that supplies its SuppliedProducts; each item is
// offered through an Offer at the approved price, with the cost breakdown
// (coop:costLine) beside it. Only what a group member sees on the cards: no
// producer contact, no recommender.

export type DfcCostLine = { label: string; kind: string; amountFen: number };

export type DfcProduct = {
  id: number;
  producerId: number;
  /** the approved revision's */
  name: string;
  unit: string;
  story: string;
  priceFen: number;
  currency: string;
  costLines: DfcCostLine[];
};

export type DfcProducer = { id: number; name: string; location: string };

export type CatalogInput = {
  community: { id: number; title: string };
  producers: DfcProducer[];
  products: DfcProduct[];
};

export type JsonLdNode = Record<string, unknown>;

/** A price: an exact decimal string from fen (never a float), in the currency's unit. */
export function priceNode(fen: number, currency: string): JsonLdNode {
  return { "@type": "dfc-b:Price", "dfc-b:value": fenToDecimal(fen), "dfc-b:hasUnit": ref(currencyIri(currency)) };
}

/** The breakdown as an ordered list (the card's order) of coop:CostLine. */
export function costLinesValue(lines: DfcCostLine[]): JsonLdNode {
  return {
    "@list": lines.map((l) => ({ "@type": "coop:CostLine", "rdfs:label": l.label, "coop:costKind": l.kind, "coop:amount": fenToDecimal(l.amountFen) })),
  };
}

/** A product as SuppliedProduct: name, story, how much one unit is (coop:unitLabel keeps the word). */
export function suppliedProductNode(iris: DfcIris, p: Pick<DfcProduct, "id" | "name" | "unit"> & { story?: string }): JsonLdNode {
  const q = quantityOf(p.unit);
  return {
    "@id": iris.product(p.id),
    "@type": "dfc-b:SuppliedProduct",
    "dfc-b:name": p.name,
    ...(p.story ? { "dfc-b:description": p.story } : {}),
    "dfc-b:hasQuantity": { "@type": "dfc-b:QuantitativeValue", "dfc-b:hasUnit": ref(q.unit), "dfc-b:value": q.value },
    "coop:unitLabel": p.unit,
    "dfc-b:referencedBy": ref(iris.catalogItem(p.id)),
  };
}

/** The catalogue's nodes, community first; products in the order given. */
export function catalogNodes(input: CatalogInput, baseUrl: string): JsonLdNode[] {
  const iris = dfcIris(baseUrl, input.community.id);
  const items = input.products.map((p) => ref(iris.catalogItem(p.id)));
  const nodes: JsonLdNode[] = [
    {
      "@id": iris.community,
      "@type": "dfc-b:Enterprise",
      "dfc-b:name": input.community.title,
      "dfc-b:maintains": ref(iris.catalog),
      "dfc-b:manages": items,
    },
    { "@id": iris.catalog, "@type": "dfc-b:Catalog", "dfc-b:maintainedBy": ref(iris.community), "dfc-b:lists": items },
  ];
  const supplied = new Map<number, { "@id": string }[]>();
  for (const p of input.products) {
    const list = supplied.get(p.producerId) ?? [];
    list.push(ref(iris.product(p.id)));
    supplied.set(p.producerId, list);
  }
  for (const producer of input.producers) {
    const products = supplied.get(producer.id);
    if (!products) continue; // a producer with nothing approved is not in the catalogue
    nodes.push({
      "@id": iris.producer(producer.id),
      "@type": "dfc-b:Enterprise",
      "dfc-b:name": producer.name,
      ...(producer.location ? { "dfc-b:description": producer.location } : {}),
      "dfc-b:supplies": products,
    });
  }
  const currencies = new Set<string>();
  for (const p of input.products) {
    currencies.add(p.currency);
    nodes.push(
      suppliedProductNode(iris, p),
      {
        "@id": iris.catalogItem(p.id),
        "@type": "dfc-b:CatalogItem",
        "dfc-b:references": ref(iris.product(p.id)),
        "dfc-b:sku": `product-${p.id}`,
        "dfc-b:listedIn": ref(iris.catalog),
        "dfc-b:offeredThrough": ref(iris.offer(p.id)),
      },
      {
        "@id": iris.offer(p.id),
        "@type": "dfc-b:Offer",
        "dfc-b:offeredItem": ref(iris.catalogItem(p.id)),
        "dfc-b:hasPrice": priceNode(p.priceFen, p.currency),
        "coop:costLine": costLinesValue(p.costLines),
      },
    );
  }
  for (const c of currencies) {
    const node = currencyNode(c);
    if (node) nodes.push(node);
  }
  return nodes;
}
