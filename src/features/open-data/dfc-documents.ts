import type { Services } from "../../bot/context";
import type { Config } from "../../config";
import { catalogInput, dfcBuy, dfcOrderPages, openCommunity, type OpenCommunity } from "../../db/open-data";
import { catalogNodes } from "../../domain/dfc/catalog";
import { memberIriSecret } from "../../domain/dfc/context";
import { orderJsonWriter, saleSessionNodes, type DfcBuy } from "../../domain/dfc/sale-session";
import { jsonLdChunks, type GraphBatch } from "../../domain/dfc/stream";
import { statementData } from "../../db/statements";
import { settle, type Statement } from "../../domain/statement";

// The DFC JSON-LD documents, for the web server's /dfc routes and /export_dfc.
// Each resolves to undefined when there is nothing to show (unknown community
// or buy, a buy of another community, a community that doesn't publish), else
// to the document as chunks of text, read from the database as it is written:
// pipe it to the response (Content-Type: application/ld+json). The chunks are
// produced lazily: the orders are read page by page while the consumer reads.
// `<community>` in the routes is the community's numeric id (the IRIs say so:
// domain/dfc/iris.ts). A route, e.g.:
//   const doc = await ordersDocument(services, communityId, buyId, config.publicBaseUrl);
//   if (!doc) return notFound();
//   res.writeHead(200, { "content-type": DFC_MEDIA_TYPE });
//   await pipeline(Readable.from(doc), res);

export type DfcServices = Pick<Services, "db" | "config">;

/** The JSON-LD media type the routes answer with. */
export const DFC_MEDIA_TYPE = "application/ld+json";

/** A community that is approved and has turned its public page on in /settings. */
async function publishing(services: DfcServices, communityId: number): Promise<OpenCommunity | undefined> {
  const community = await openCommunity(services.db, communityId);
  return community?.approved && community.publicPage ? community : undefined;
}

async function buyOf(services: DfcServices, communityId: number, buyId: number): Promise<DfcBuy | undefined> {
  const buy = await dfcBuy(services.db, buyId);
  return buy?.communityId === communityId ? buy : undefined;
}

/** A closed buy's settlement statement, as the group and the page read it (an open buy has none yet). */
async function statementOf(services: DfcServices, buy: DfcBuy): Promise<Statement | undefined> {
  if (buy.closedAt === null) return undefined;
  const data = await statementData(services.db, buy.id);
  return data ? settle(data.input) : undefined;
}

async function* ordersGraph(services: DfcServices, buy: DfcBuy, baseUrl: string): AsyncGenerator<GraphBatch> {
  const frame = { baseUrl, communityId: buy.communityId, buyId: buy.id, currency: buy.currency, memberSecret: memberIriSecret(services.config.botToken) };
  const write = orderJsonWriter(frame);
  for await (const page of dfcOrderPages(services.db, buy.id)) yield page.map(write);
}

/**
 * GET /dfc/<community>/catalog: the community (Enterprise), its producers
 * (Enterprise, supplies), SuppliedProduct, CatalogItem and Offer with prices.
 * `baseUrl`: where the routes are reached from outside (PUBLIC_BASE_URL).
 */
export async function catalogDocument(services: DfcServices, communityId: number, baseUrl: string): Promise<AsyncIterable<string> | undefined> {
  const community = await publishing(services, communityId);
  if (!community) return undefined;
  const input = await catalogInput(services.db, community);
  return jsonLdChunks([catalogNodes(input, baseUrl)]);
}

/** GET /dfc/<community>/sale-sessions/<buy>: the buy as SaleSession with its Offer, and once closed its statement. */
export async function saleSessionDocument(services: DfcServices, communityId: number, buyId: number, baseUrl: string): Promise<AsyncIterable<string> | undefined> {
  if (!(await publishing(services, communityId))) return undefined;
  const buy = await buyOf(services, communityId, buyId);
  return buy ? jsonLdChunks([saleSessionNodes(buy, baseUrl, await statementOf(services, buy))]) : undefined;
}

/**
 * GET /dfc/<community>/sale-sessions/<buy>/orders: the buy's orders (Order,
 * OrderLine, members as opaque IRIs), streamed. The CALLER checks the
 * community's read token first (this does not); it does not need the public
 * page on, since a token is the community's own consent.
 */
export async function ordersDocument(services: DfcServices, communityId: number, buyId: number, baseUrl: string): Promise<AsyncIterable<string> | undefined> {
  const buy = await buyOf(services, communityId, buyId);
  return buy ? jsonLdChunks(ordersGraph(services, buy, baseUrl)) : undefined;
}

/** /export_dfc: the buy as SaleSession + Offer, then its orders, in one document (the caller checked the organizer). */
export async function buyExportDocument(services: DfcServices, buyId: number, baseUrl: string): Promise<AsyncIterable<string> | undefined> {
  const buy = await dfcBuy(services.db, buyId);
  if (!buy) return undefined;
  const statement = await statementOf(services, buy);
  async function* graph(): AsyncGenerator<GraphBatch> {
    yield saleSessionNodes(buy!, baseUrl, statement);
    yield* ordersGraph(services, buy!, baseUrl);
  }
  return jsonLdChunks(graph());
}

/** IRIs' base for documents sent in chat: PUBLIC_BASE_URL when set, the webhook's origin, else our namespace's host. */
export function documentBaseUrl(config: Config): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  if (config.mode.kind === "webhook") return new URL(config.mode.url).origin;
  return "https://letscoop.example";
}
