import type { Api } from "grammy";
import type { Services } from "../../bot/context";
import { offlineDocumentLoader } from "../../domain/dfc/context";
import { importedProducts, type FlatNode, type ImportedProduct } from "../../domain/dfc/import";
import { MAX_UNIT_PRICE_FEN } from "../../domain/cost-breakdown";
import { emptyDraft, LIMITS, type DraftPayload } from "../../domain/product-draft";
import { isPublicAddress } from "../../domain/network-address";
import { FetchRefused, fetchPublic } from "../../services/public-fetch";
import { downloadFile } from "../products/card-picture";

// Another co-op's DFC catalogue, from a file sent in chat or a URL, read into
// recommendation draft fields. The JSON-LD is read offline (no context is
// fetched); a URL is fetched from the public internet only (public-fetch.ts).

export const MAX_CATALOGUE_BYTES = 2 * 1024 * 1024;
const URL_TIMEOUT_MS = 10_000;

/** Is a document sent in chat meant as a catalogue (by its name or type)? */
export const isCatalogueFile = (name: string | undefined, mime: string | undefined) =>
  /\.(jsonld|json)$/i.test(name ?? "") || mime === "application/ld+json" || mime === "application/json";

/** Why a catalogue gave no product: each has its message (dfc-import-<reason>). */
export type CatalogueProblem = "unreadable" | "none" | "too-big" | "address" | "unreachable";
export type CatalogueRead = { ok: true; products: [ImportedProduct, ...ImportedProduct[]] } | { ok: false; problem: CatalogueProblem };

/** The file's products, or undefined when it is not JSON-LD we can read (or names a context we don't ship). */
export async function readDfcCatalogue(bytes: Buffer, currency: string): Promise<ImportedProduct[] | undefined> {
  try {
    // loaded on first use: the JSON-LD processor is ~19 MB resident, which a bot that never imports keeps free
    const { default: jsonld } = await import("jsonld");
    const flat = (await jsonld.flatten(JSON.parse(bytes.toString("utf8")), undefined, { documentLoader: offlineDocumentLoader as never })) as unknown;
    const graph = Array.isArray(flat) ? flat : ((flat as { "@graph"?: unknown[] })["@graph"] ?? []);
    return importedProducts(graph as FlatNode[], currency);
  } catch {
    return undefined;
  }
}

async function productsOf(bytes: Buffer, currency: string): Promise<CatalogueRead> {
  const products = await readDfcCatalogue(bytes, currency);
  if (!products) return { ok: false, problem: "unreadable" };
  const [first, ...rest] = products;
  return first ? { ok: true, products: [first, ...rest] } : { ok: false, problem: "none" };
}

/** A catalogue file sent in chat (a document's id and declared size). */
export async function catalogueFromFile(
  services: Pick<Services, "config" | "logger">,
  api: Api,
  file: { fileId: string; size?: number },
  currency: string,
): Promise<CatalogueRead> {
  if ((file.size ?? 0) > MAX_CATALOGUE_BYTES) return { ok: false, problem: "too-big" };
  let bytes: Buffer;
  try {
    bytes = await downloadFile(services.config, api, file.fileId, MAX_CATALOGUE_BYTES);
  } catch (error) {
    services.logger.warn("DFC catalogue download failed", { error: String(error) });
    return { ok: false, problem: "unreadable" };
  }
  return productsOf(bytes, currency);
}

/** A catalogue at a URL a member gave. */
export async function catalogueFromUrl(services: Pick<Services, "config" | "logger">, url: string, currency: string): Promise<CatalogueRead> {
  let bytes: Buffer;
  try {
    bytes = await fetchPublic(url, {
      maxBytes: MAX_CATALOGUE_BYTES,
      timeoutMs: URL_TIMEOUT_MS,
      allow: services.config.importFromPrivateUrls ? () => true : isPublicAddress,
      accept: "application/ld+json, application/json;q=0.9, */*;q=0.1",
    });
  } catch (error) {
    const reason = error instanceof FetchRefused ? error.reason : "unreachable";
    services.logger.info("DFC catalogue URL refused", { reason, error: String(error) });
    if (reason === "too-big" || reason === "address") return { ok: false, problem: reason };
    return { ok: false, problem: reason === "bad-url" ? "unreadable" : "unreachable" };
  }
  return productsOf(bytes, currency);
}

const clip = (text: string | undefined, max: number) => (text ? [...text.replace(/\s+/g, " ").trim()].slice(0, max).join("") : undefined);

/** The draft fields an imported product fills, each within the wizard's limits. */
export function importedFields(p: ImportedProduct): Partial<DraftPayload> {
  const fields = {
    name: clip(p.name, LIMITS.name),
    unit: clip(p.unit, LIMITS.unit),
    producerName: clip(p.producerName, LIMITS.producerName),
    producerLocation: clip(p.producerLocation, LIMITS.producerLocation),
    story: p.story ? [...p.story.trim()].slice(0, LIMITS.storyMax).join("") : undefined,
    priceFen: p.priceFen && p.priceFen <= MAX_UNIT_PRICE_FEN ? p.priceFen : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** A new draft from an imported product, ready for its preview. */
export function draftFromImport(p: ImportedProduct): DraftPayload {
  return { ...emptyDraft(), ...importedFields(p), reachedPreview: true };
}
