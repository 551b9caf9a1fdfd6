import { createHmac } from "node:crypto";
import dfcContext from "./dfc-context.json";

// The vocabulary of the DFC documents: the DFC context (shipped, never fetched),
// the business ontology's IRIs, and the project's own few terms (`coop:`) for
// what DFC has no word for. README.md here says where the context comes from.

/** The URL DFC connectors name their context by; documentLoader serves our copy for it. */
export const DFC_CONTEXT_URL = "https://www.datafoodconsortium.org/wp-content/plugins/wordpress-context-jsonld/context_1.16.0.jsonld";

/** The business ontology: `${DFC_B}SuppliedProduct`, `${DFC_B}hasPrice`… */
export const DFC_B = "https://github.com/datafoodconsortium/ontology/releases/latest/download/DFC_BusinessOntology.owl#";
/** The measures taxonomy (units, currencies). */
export const DFC_M = "https://github.com/datafoodconsortium/taxonomies/releases/latest/download/measures.rdf#";

/**
 * The project's namespace: cost lines, the commission rule, the minimum to go
 * ahead, statuses. An identifier, stable across installs (changing it breaks
 * readers); `.example` so it claims no domain it does not own.
 */
export const COOP_NS = "https://letscoop.example/ns#";

/** The shipped context document (a subset of DFC's 1.16.0, see README.md). */
export const DFC_CONTEXT_DOCUMENT: { "@context": Record<string, unknown> } = dfcContext;

/** Every document's @context: DFC's by URL, and our prefix beside it. */
export const DOCUMENT_CONTEXT = [DFC_CONTEXT_URL, { coop: COOP_NS }] as const;

export type RemoteDocument = { contextUrl: null; documentUrl: string; document: unknown };

/** Other URLs DFC software names the same context by (connector-ruby's aliases, the w3id one), for imports. */
const DFC_CONTEXT_ALIASES = new Set([
  DFC_CONTEXT_URL,
  "https://www.datafoodconsortium.org",
  "https://www.datafoodconsortium.org/",
  "https://www.datafoodconsortium.org/wp-content/plugins/wordpress-context-jsonld/context.jsonld",
  "https://w3id.org/dfc/ontology/context/context_1.16.0.json",
  "https://static.datafoodconsortium.org/ontologies/context.json",
]);

/**
 * A jsonld documentLoader that never goes to the network: DFC's context URL
 * and its aliases (http or https, as the Ruby connector normalises them) get
 * the shipped copy, any other URL is refused.
 */
export async function offlineDocumentLoader(url: string): Promise<RemoteDocument> {
  if (DFC_CONTEXT_ALIASES.has(url.replace(/^http:/, "https:"))) return { contextUrl: null, documentUrl: url, document: DFC_CONTEXT_DOCUMENT };
  throw new Error(`offline: no document is loaded for ${url}`);
}

/** Currencies the DFC measures taxonomy names; others get a `coop:` concept (there is no yuan in DFC's). */
const DFC_CURRENCIES: Record<string, string> = { EUR: "dfc-m:Euro", GBP: "dfc-m:PoundSterling", AUD: "dfc-m:AustralianDollar" };

/** The compact IRI of a price's unit (its currency). */
export function currencyIri(currency: string): string {
  return DFC_CURRENCIES[currency] ?? `coop:${currency}`;
}

/** The node describing a currency DFC has no concept for (none for the ones it has). */
export function currencyNode(currency: string): Record<string, unknown> | undefined {
  if (DFC_CURRENCIES[currency]) return undefined;
  return { "@id": currencyIri(currency), "@type": "skos:Concept", "skos:notation": currency, "skos:broader": { "@id": "dfc-m:CurrencyUnit" } };
}

/** How much of which DFC unit one of our unit words is (斤 is half a kilogram); unknown words: one piece. */
export function quantityOf(unit: string): { unit: string; value: number } {
  const word = unit.trim().toLowerCase();
  const known: Record<string, [string, number]> = {
    kg: ["dfc-m:Kilogram", 1], 公斤: ["dfc-m:Kilogram", 1], 千克: ["dfc-m:Kilogram", 1], 斤: ["dfc-m:Kilogram", 0.5],
    g: ["dfc-m:Gram", 1], 克: ["dfc-m:Gram", 1],
    l: ["dfc-m:Litre", 1], 升: ["dfc-m:Litre", 1], ml: ["dfc-m:Millilitre", 1], 毫升: ["dfc-m:Millilitre", 1],
  };
  const hit = known[word];
  return hit ? { unit: hit[0], value: hit[1] } : { unit: "dfc-m:Piece", value: 1 };
}

/** The secret member IRIs are made with: derived from the bot token, like deep links' (no extra secret to keep). */
export function memberIriSecret(botToken: string): Buffer {
  return createHmac("sha256", "letscoop-dfc-members").update(botToken).digest();
}

/**
 * A member's IRI in a community's documents: an HMAC of the community and
 * member ids, so the same member is the same IRI across a community's buys,
 * yet it reveals no id or name, and differs between communities.
 */
export function memberIri(base: string, secret: Buffer, communityId: number, memberId: number): string {
  const opaque = createHmac("sha256", secret).update(`${communityId}:${memberId}`).digest("base64url").slice(0, 22);
  return `${base}/dfc/${communityId}/members/${opaque}`;
}

/** The base URL without its trailing slashes. */
export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}
