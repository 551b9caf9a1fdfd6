// The DFC JSON-LD routes another co-op's software reads: the catalogue and a
// buy as SaleSession (public, like the page: 404 while the page is off or for
// an unknown community or buy), and a buy's orders (a read token of the
// community first: 401 before anything is looked up, so a stranger learns
// nothing of which communities or buys exist). Bodies are streamed as the
// documents are read from the database; so they carry no ETag.
import type { Config } from "../config";
import type { Db } from "../db/client";
import { catalogDocument, documentBaseUrl, ordersDocument, saleSessionDocument } from "../features/open-data/dfc-documents";
import { JSON_LD, PRIVATE_CACHE, PUBLIC_CACHE, type Route, type WebAnswer } from "./http";
import { requireReadToken } from "./read-token";

export type DfcRouteDeps = { db: Db; config: Config };

export function dfcRoutes(deps: DfcRouteDeps, notFound: () => WebAnswer): Route[] {
  const services = { db: deps.db, config: deps.config };
  // the IRIs the documents name are these very routes under PUBLIC_BASE_URL (domain/dfc/iris.ts)
  const base = () => documentBaseUrl(deps.config);
  const answer = (doc: AsyncIterable<string> | undefined, cacheControl: string, headers?: Record<string, string>): WebAnswer =>
    doc ? { status: 200, type: JSON_LD, cacheControl, headers, stream: doc } : notFound();

  return [
    {
      method: "GET",
      path: /^\/dfc\/(\d{1,9})\/catalog$/,
      limited: true,
      handle: async (_req, [c]) => answer(await catalogDocument(services, Number(c), base()), PUBLIC_CACHE),
    },
    {
      method: "GET",
      path: /^\/dfc\/(\d{1,9})\/sale-sessions\/(\d{1,9})$/,
      limited: true,
      handle: async (_req, [c, buy]) => answer(await saleSessionDocument(services, Number(c), Number(buy), base()), PUBLIC_CACHE),
    },
    {
      method: "GET",
      path: /^\/dfc\/(\d{1,9})\/sale-sessions\/(\d{1,9})\/orders$/,
      limited: true,
      handle: async (req, [c, buy]) => {
        const denied = await requireReadToken(deps.db, Number(c), req);
        if (denied) return denied;
        // the members' orders: never kept by a cache on the way
        return answer(await ordersDocument(services, Number(c), Number(buy), base()), PRIVATE_CACHE, { Vary: "Authorization" });
      },
    },
  ];
}
