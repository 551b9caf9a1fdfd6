import { COOP_NS, DFC_B, DFC_M } from "./context";

// Reading a product out of another co-op's DFC catalogue (a flattened JSON-LD
// graph: every node at the top, references as {"@id"}), for a recommendation
// draft: name, unit, story, producer, price. The recommender adds the rest
// (contact, breakdown, photos). Older DFC documents use the static.* IRIs.

const BUSINESS = [DFC_B, "http://static.datafoodconsortium.org/ontologies/DFC_BusinessOntology.owl#"];
const MEASURES = [DFC_M, "http://static.datafoodconsortium.org/data/measures.rdf#"];

export type FlatNode = Record<string, unknown> & { "@id"?: string; "@type"?: string[] };

export type ImportedProduct = {
  name: string;
  unit?: string;
  story?: string;
  producerName?: string;
  producerLocation?: string;
  /** set only when the price is in `currency` and exact to the fen */
  priceFen?: number;
};

const isType = (node: FlatNode, name: string) => (node["@type"] ?? []).some((t) => BUSINESS.some((b) => t === b + name));
const objects = (node: FlatNode | undefined, name: string): Record<string, unknown>[] =>
  node ? BUSINESS.flatMap((b) => (node[b + name] ?? []) as Record<string, unknown>[]) : [];
const literal = (node: FlatNode | undefined, name: string, ns = BUSINESS): unknown =>
  node ? ns.flatMap((b) => (node[b + name] ?? []) as { "@value"?: unknown }[])[0]?.["@value"] : undefined;
const ids = (node: FlatNode | undefined, name: string) => objects(node, name).flatMap((o) => (typeof o["@id"] === "string" ? [o["@id"]] : []));
const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** "12.5", "12.50", 12.5 → 1250; anything finer than a fen, negative or not a number → undefined. */
export function decimalToFen(value: unknown): number | undefined {
  const s = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

const UNIT_WORDS: Record<string, string> = { Kilogram: "kg", Gram: "g", Litre: "l", Millilitre: "ml" };

/** The unit a member reads: ours when it came from letscoop, else DFC's measure when it is one we know a word for. */
function unitOf(product: FlatNode, byId: Map<string, FlatNode>): string | undefined {
  const own = text(literal(product, "unitLabel", [COOP_NS]));
  if (own) return own;
  const quantity = byId.get(ids(product, "hasQuantity")[0] ?? "");
  const unit = ids(quantity, "hasUnit")[0] ?? "";
  const measure = MEASURES.map((m) => (unit.startsWith(m) ? unit.slice(m.length) : "")).find(Boolean);
  const value = literal(quantity, "value");
  const word = measure ? UNIT_WORDS[measure] : undefined;
  if (!word) return undefined;
  return value === undefined || Number(value) === 1 ? word : `${value} ${word}`;
}

/** Whether a price's unit is this currency: our coop:<code>, or DFC's concept for it. */
function inCurrency(unitIri: string, currency: string, byId: Map<string, FlatNode>): boolean {
  if (unitIri === `${COOP_NS}${currency}`) return true;
  const dfc: Record<string, string> = { EUR: "Euro", GBP: "PoundSterling", AUD: "AustralianDollar" };
  if (dfc[currency] && MEASURES.some((m) => unitIri === m + dfc[currency])) return true;
  return literal(byId.get(unitIri), "notation", ["http://www.w3.org/2004/02/skos/core#"]) === currency;
}

/** Every SuppliedProduct of the graph, in document order, as draft fields. */
export function importedProducts(graph: FlatNode[], currency: string): ImportedProduct[] {
  const byId = new Map(graph.flatMap((n) => (n["@id"] ? [[n["@id"], n] as const] : [])));
  const all = [...byId.values()];
  return graph.filter((n) => isType(n, "SuppliedProduct") && text(literal(n, "name"))).map((product) => {
    const id = product["@id"] ?? "";
    const producer = all.find((n) => isType(n, "Enterprise") && ids(n, "supplies").includes(id));
    const items = all.filter((n) => isType(n, "CatalogItem") && ids(n, "references").includes(id)).map((n) => n["@id"]);
    const offer = all.find((n) => isType(n, "Offer") && ids(n, "offeredItem").some((i) => items.includes(i)));
    const price = byId.get(ids(offer, "hasPrice")[0] ?? "");
    const priceFen = price && inCurrency(ids(price, "hasUnit")[0] ?? "", currency, byId) ? decimalToFen(literal(price, "value")) : undefined;
    const unit = unitOf(product, byId);
    const story = text(literal(product, "description"));
    const producerName = text(literal(producer, "name"));
    const producerLocation = text(literal(producer, "description"));
    return {
      name: text(literal(product, "name"))!,
      ...(unit ? { unit } : {}),
      ...(story ? { story } : {}),
      ...(producerName ? { producerName } : {}),
      ...(producerLocation ? { producerLocation } : {}),
      ...(priceFen ? { priceFen } : {}),
    };
  });
}
