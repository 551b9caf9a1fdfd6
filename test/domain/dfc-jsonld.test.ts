import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { catalogNodes, type CatalogInput, type JsonLdNode } from "../../src/domain/dfc/catalog";
import { COOP_NS, DFC_B, DFC_CONTEXT_URL, DFC_M, memberIri, offlineDocumentLoader } from "../../src/domain/dfc/context";
import { orderJsonWriter, orderNodes, saleSessionNodes, type DfcBuy, type DfcOrder } from "../../src/domain/dfc/sale-session";
import { jsonLdChunks, type GraphBatch } from "../../src/domain/dfc/stream";
import type { Statement } from "../../src/domain/statement";

// Every document expanded by the jsonld package with the DFC context shipped in
// the repo (offline: the loader refuses any other URL), then its types and
// properties checked against the DFC business ontology's IRIs.

const BASE = "https://coop.test";
const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
type Expanded = Record<string, unknown> & { "@id"?: string; "@type"?: string[] };

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = "";
  for await (const c of chunks) all += c;
  return all;
}

async function expand(batches: JsonLdNode[][]): Promise<Expanded[]> {
  const doc = JSON.parse(await text(jsonLdChunks(batches)));
  expect(doc["@context"][0]).toBe(DFC_CONTEXT_URL);
  return (await jsonld.expand(doc, { documentLoader: offlineDocumentLoader as never })) as Expanded[];
}

const byId = (nodes: Expanded[], id: string) => nodes.find((n) => n["@id"] === id)!;
const values = (node: unknown, property: string) => ((node as Record<string, unknown>)[property] ?? []) as Record<string, unknown>[];
const value = (node: unknown, property: string) => values(node, property)[0]?.["@value"];
const idOf = (node: unknown, property: string) => values(node, property)[0]?.["@id"];

const catalog: CatalogInput = {
  community: { id: 3, title: "绿色合作社" },
  producers: [
    { id: 11, name: "Li's farm", location: "云南" },
    { id: 12, name: "Nobody approved", location: "" },
  ],
  products: [
    { id: 7, producerId: 11, name: "有机大米", unit: "斤", story: "Grown without pesticides", priceFen: 1999, currency: "CNY", costLines: [{ label: "大米", kind: "PRODUCER", amountFen: 1500 }, { label: "运费", kind: "LOGISTICS", amountFen: 499 }] },
    { id: 8, producerId: 11, name: "Tea", unit: "box", story: "", priceFen: 100005, currency: "CNY", costLines: [{ label: "tea", kind: "PRODUCER", amountFen: 100005 }] },
  ],
};

const buy: DfcBuy = {
  id: 21, communityId: 3, productId: 7, productName: "有机大米", unit: "斤", status: "OPEN", unitPriceFen: 1250, currency: "CNY",
  minTotalQty: 30, stockCap: 200, totalQty: 4, commissionKind: "PERCENT_BP", commissionValue: 1000,
  costLines: [{ label: "大米", kind: "PRODUCER", amountFen: 1250 }],
  openedAt: new Date("2026-12-01T02:00:00Z"), deadlineAt: new Date("2026-12-03T12:00:00Z"), closedAt: null,
};
const secret = Buffer.from("test-secret");
const frame = { baseUrl: BASE, communityId: 3, buyId: 21, currency: "CNY", memberSecret: secret };
const order = (i: number, over: Partial<DfcOrder> = {}): DfcOrder => ({
  id: 100 + i, position: i, memberId: 5000 + i, quantity: 1 + (i % 3), unitPriceFen: 1250, status: "ACTIVE", paymentStatus: "UNPAID", createdAt: new Date("2026-12-01T03:00:00Z"), ...over,
});

describe("DFC JSON-LD", () => {
  it("the catalogue expands to DFC's Enterprise, Catalog, CatalogItem, SuppliedProduct and Offer, prices exact", async () => {
    const nodes = await expand([catalogNodes(catalog, `${BASE}/`)]);
    const root = `${BASE}/dfc/3/catalog`;
    const community = byId(nodes, `${root}#community`);
    expect(community["@type"]).toEqual([`${DFC_B}Enterprise`]);
    expect(value(community, `${DFC_B}name`)).toBe("绿色合作社");
    expect(idOf(community, `${DFC_B}maintains`)).toBe(`${root}#catalog`);
    expect(values(community, `${DFC_B}manages`).map((v) => v["@id"])).toEqual([`${root}#item-7`, `${root}#item-8`]);
    expect(byId(nodes, `${root}#catalog`)["@type"]).toEqual([`${DFC_B}Catalog`]);

    const producer = byId(nodes, `${root}#producer-11`);
    expect(producer["@type"]).toEqual([`${DFC_B}Enterprise`]);
    expect(values(producer, `${DFC_B}supplies`).map((v) => v["@id"])).toEqual([`${root}#product-7`, `${root}#product-8`]);
    expect(byId(nodes, `${root}#producer-12`)).toBeUndefined(); // nothing approved: not listed

    const product = byId(nodes, `${root}#product-7`);
    expect(product["@type"]).toEqual([`${DFC_B}SuppliedProduct`]);
    expect(value(product, `${DFC_B}name`)).toBe("有机大米");
    expect(value(product, `${DFC_B}description`)).toBe("Grown without pesticides");
    const quantity = values(product, `${DFC_B}hasQuantity`)[0]!;
    expect(quantity["@type"]).toEqual([`${DFC_B}QuantitativeValue`]);
    expect(idOf(quantity, `${DFC_B}hasUnit`)).toBe(`${DFC_M}Kilogram`);
    expect(value(quantity, `${DFC_B}value`)).toBe(0.5); // 斤
    expect(value(product, `${COOP_NS}unitLabel`)).toBe("斤");

    const item = byId(nodes, `${root}#item-7`);
    expect(item["@type"]).toEqual([`${DFC_B}CatalogItem`]);
    expect(idOf(item, `${DFC_B}references`)).toBe(`${root}#product-7`);
    expect(idOf(item, `${DFC_B}offeredThrough`)).toBe(`${root}#offer-7`);

    const offer = byId(nodes, `${root}#offer-7`);
    expect(offer["@type"]).toEqual([`${DFC_B}Offer`]);
    expect(idOf(offer, `${DFC_B}offeredItem`)).toBe(`${root}#item-7`);
    const price = values(offer, `${DFC_B}hasPrice`)[0]!;
    expect(price["@type"]).toEqual([`${DFC_B}Price`]);
    expect(value(price, `${DFC_B}value`)).toBe("19.99");
    expect(idOf(price, `${DFC_B}hasUnit`)).toBe(`${COOP_NS}CNY`);
    expect(value(values(byId(nodes, `${root}#offer-8`), `${DFC_B}hasPrice`)[0], `${DFC_B}value`)).toBe("1000.05");
    // the breakdown, in the card's order, under coop:
    const lines = values(offer, `${COOP_NS}costLine`)[0]!["@list"] as Expanded[];
    expect(lines.map((l) => [l["@type"], value(l, RDFS_LABEL), value(l, `${COOP_NS}costKind`), value(l, `${COOP_NS}amount`)])).toEqual([
      [[`${COOP_NS}CostLine`], "大米", "PRODUCER", "15.00"],
      [[`${COOP_NS}CostLine`], "运费", "LOGISTICS", "4.99"],
    ]);
    // the yuan, which DFC's measures lack, is a concept under DFC's currency units
    const cny = byId(nodes, `${COOP_NS}CNY`);
    expect(idOf(cny, "http://www.w3.org/2004/02/skos/core#broader")).toBe(`${DFC_M}CurrencyUnit`);
  });

  it("a buy expands to a SaleSession listing its Offer, with the minimum and the commission rule under coop:", async () => {
    const nodes = await expand([saleSessionNodes(buy, BASE)]);
    const session = byId(nodes, `${BASE}/dfc/3/sale-sessions/21`);
    expect(session["@type"]).toEqual([`${DFC_B}SaleSession`]);
    expect(value(session, `${DFC_B}beginDate`)).toBe("2026-12-01T02:00:00.000Z");
    expect(value(session, `${DFC_B}endDate`)).toBe("2026-12-03T12:00:00.000Z");
    expect(idOf(session, `${DFC_B}lists`)).toBe(`${BASE}/dfc/3/sale-sessions/21#offer`);
    expect(value(session, `${COOP_NS}minimumQuantity`)).toBe(30);
    expect(value(session, `${COOP_NS}commissionKind`)).toBe("PERCENT_BP");
    expect(value(session, `${COOP_NS}commissionValue`)).toBe(1000);
    expect(value(session, `${COOP_NS}status`)).toBe("OPEN");
    const offer = byId(nodes, `${BASE}/dfc/3/sale-sessions/21#offer`);
    expect(offer["@type"]).toEqual([`${DFC_B}Offer`]);
    expect(idOf(offer, `${DFC_B}offeredItem`)).toBe(`${BASE}/dfc/3/catalog#item-7`);
    expect(value(offer, `${DFC_B}stockLimitation`)).toBe(200);
    expect(value(values(offer, `${DFC_B}hasPrice`)[0], `${DFC_B}value`)).toBe("12.50");
  });

  it("a closed buy's sale session carries its statement under coop:, parts by kind adding up to the revenue, no names", async () => {
    const statement: Statement = {
      orderCount: 3,
      quantity: 6,
      revenueFen: 31800,
      collectedFen: 26500,
      outstandingFen: 5300,
      byKind: { PRODUCER: 24000, PACKAGING: 1200, LOGISTICS: 1800, COOP_FEE: 1200, OTHER: 0 },
      producers: [{ name: "Li's farm", amountFen: 24000 }],
      commissions: [{ name: "Alice", amountFen: 3000 }],
      commissionsFen: 3000,
      commissionBudgetFen: 3000,
      residueFen: 600,
      refunds: { count: 1, quantity: 1, amountFen: 5300 },
      partsFen: 31800,
      balanced: true,
    };
    const nodes = await expand([saleSessionNodes({ ...buy, status: "SUCCEEDED", closedAt: new Date("2026-12-03T12:00:00Z") }, BASE, statement)]);
    const session = byId(nodes, `${BASE}/dfc/3/sale-sessions/21`);
    expect(idOf(session, `${COOP_NS}statement`)).toBe(`${BASE}/dfc/3/sale-sessions/21#statement`);
    const node = byId(nodes, `${BASE}/dfc/3/sale-sessions/21#statement`);
    expect(node["@type"]).toEqual([`${COOP_NS}Statement`]);
    expect(value(values(node, `${COOP_NS}revenue`)[0], `${COOP_NS}amount`)).toBe("318.00");
    expect(value(values(node, `${COOP_NS}outstanding`)[0], `${COOP_NS}amount`)).toBe("53.00");
    const parts = values(node, `${COOP_NS}part`)[0]!["@list"] as Expanded[];
    const rows = parts.map((p) => [value(p, `${COOP_NS}costKind`), value(p, `${COOP_NS}amount`)]);
    expect(rows).toEqual([["PRODUCER", "240.00"], ["PACKAGING", "12.00"], ["LOGISTICS", "18.00"], ["COOP_FEE", "12.00"], ["COMMISSION", "30.00"], ["RESIDUE", "6.00"]]);
    const fen = rows.reduce((sum, [, amount]) => sum + Math.round(Number(amount) * 100), 0);
    expect(fen).toBe(31800);
    expect(value(node, `${COOP_NS}balanced`)).toBe(true);
    expect(JSON.stringify(nodes)).not.toContain("Alice");
    // an open buy has none
    expect(JSON.stringify(await expand([saleSessionNodes(buy, BASE)]))).not.toContain("statement");
  });

  it("orders expand to Order and OrderLine; members are opaque IRIs that name no one", async () => {
    const nodes = await expand([orderNodes(frame, order(1, { quantity: 3, paymentStatus: "PAID" })), orderNodes(frame, order(2, { status: "CANCELLED" }))]);
    const o = byId(nodes, `${BASE}/dfc/3/sale-sessions/21/orders#order-101`);
    expect(o["@type"]).toEqual([`${DFC_B}Order`]);
    expect(value(o, `${DFC_B}orderNumber`)).toBe("#21-1");
    expect(idOf(o, `${DFC_B}belongsTo`)).toBe(`${BASE}/dfc/3/sale-sessions/21`);
    expect(idOf(o, `${DFC_B}soldBy`)).toBe(`${BASE}/dfc/3/catalog#community`);
    expect(value(o, `${COOP_NS}paymentStatus`)).toBe("PAID");
    const member = idOf(o, `${DFC_B}orderedBy`) as string;
    expect(member).toBe(memberIri(BASE, secret, 3, 5001));
    expect(member).toMatch(/^https:\/\/coop\.test\/dfc\/3\/members\/[A-Za-z0-9_-]{22}$/);
    expect(member).not.toContain("5001");
    expect(memberIri(BASE, secret, 4, 5001)).not.toBe(member); // another community: another IRI
    expect(byId(nodes, member)["@type"]).toEqual([`${DFC_B}Person`]);
    expect(Object.keys(byId(nodes, member))).toEqual(["@id", "@type"]); // no name, no id
    const line = byId(nodes, idOf(o, `${DFC_B}hasPart`) as string);
    expect(line["@type"]).toEqual([`${DFC_B}OrderLine`]);
    expect(value(line, `${DFC_B}quantity`)).toBe(3);
    expect(idOf(line, `${DFC_B}concerns`)).toBe(`${BASE}/dfc/3/sale-sessions/21#offer`);
    expect(idOf(line, `${DFC_B}partOf`)).toBe(o["@id"]);
    expect(value(values(line, `${DFC_B}hasPrice`)[0], `${DFC_B}value`)).toBe("12.50");
    expect(value(byId(nodes, `${BASE}/dfc/3/sale-sessions/21/orders#order-102`), `${COOP_NS}status`)).toBe("CANCELLED");
  });

  it("writes orders as JSON text exactly as orderNodes builds them (the streamed path)", () => {
    const tricky = { ...frame, baseUrl: 'https://coop.test/a"b\\c' };
    for (const f of [frame, tricky]) {
      const write = orderJsonWriter(f);
      for (const o of [order(1), order(2, { status: "REFUNDED", paymentStatus: "REFUNDED", quantity: 12, unitPriceFen: 5 }), order(30, { id: 10, position: 7 })]) {
        expect(JSON.parse(`[${write(o)}]`)).toEqual(orderNodes(f, o));
      }
    }
  });

  it("loads no document from the network: any URL but DFC's context is refused", async () => {
    await expect(offlineDocumentLoader("https://example.org/context.json")).rejects.toThrow(/offline/);
    const doc = { "@context": "https://example.org/context.json", "@id": "x:y", "name": "z" };
    await expect(jsonld.expand(doc, { documentLoader: offlineDocumentLoader as never })).rejects.toThrow();
    expect((await offlineDocumentLoader(DFC_CONTEXT_URL.replace("https:", "http:"))).document).toHaveProperty("@context");
  });

  it("streams a 10,000-order document in chunks that join into JSON", async () => {
    async function* pages(): AsyncGenerator<GraphBatch> {
      yield saleSessionNodes(buy, BASE);
      const write = orderJsonWriter(frame);
      for (let p = 0; p < 20; p++) yield Array.from({ length: 500 }, (_, i) => write(order(p * 500 + i + 1)));
    }
    const chunks: string[] = [];
    for await (const c of jsonLdChunks(pages())) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(20);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
    const doc = JSON.parse(chunks.join(""));
    expect(doc["@graph"].filter((n: JsonLdNode) => n["@type"] === "dfc-b:Order")).toHaveLength(10_000);
    expect(doc["@graph"].filter((n: JsonLdNode) => n["@type"] === "dfc-b:Person")).toHaveLength(10_000);
  });
});
