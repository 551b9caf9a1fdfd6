import { describe, expect, it } from "vitest";
import { catalogNodes } from "../../src/domain/dfc/catalog";
import { decimalToFen } from "../../src/domain/dfc/import";
import { jsonLdChunks } from "../../src/domain/dfc/stream";
import { draftFromImport, readDfcCatalogue } from "../../src/features/open-data/read-catalogue";

// A product read back out of a DFC catalogue: ours (round trip) and one as
// another platform writes it (older static.* IRIs, DFC's own context URL).

async function ourCatalogue(): Promise<Buffer> {
  const nodes = catalogNodes(
    {
      community: { id: 3, title: "绿色合作社" },
      producers: [{ id: 11, name: "Li's farm", location: "云南" }],
      products: [
        { id: 7, producerId: 11, name: "有机大米", unit: "斤", story: "Grown without pesticides on terraces.", priceFen: 1999, currency: "CNY", costLines: [{ label: "大米", kind: "PRODUCER", amountFen: 1999 }] },
        { id: 8, producerId: 11, name: "Tea", unit: "box", story: "", priceFen: 3000, currency: "CNY", costLines: [] },
      ],
    },
    "https://other.coop",
  );
  let text = "";
  for await (const c of jsonLdChunks([nodes])) text += c;
  return Buffer.from(text);
}

describe("importing from a DFC catalogue", () => {
  it("reads back our own catalogue: name, unit, story, producer and exact price", async () => {
    const products = await readDfcCatalogue(await ourCatalogue(), "CNY");
    expect(products).toEqual([
      { name: "有机大米", unit: "斤", story: "Grown without pesticides on terraces.", producerName: "Li's farm", producerLocation: "云南", priceFen: 1999 },
      { name: "Tea", unit: "box", producerName: "Li's farm", producerLocation: "云南", priceFen: 3000 },
    ]);
    // another currency: no price is guessed
    expect((await readDfcCatalogue(await ourCatalogue(), "EUR"))![0]!.priceFen).toBeUndefined();
  });

  it("reads another platform's document (DFC's context URL, older IRIs, euro prices)", async () => {
    const doc = {
      "@context": "https://www.datafoodconsortium.org",
      "@graph": [
        { "@id": "https://shop.example/e/1", "@type": "dfc-b:Enterprise", "dfc-b:name": "Ferme du Lac", "dfc-b:supplies": "https://shop.example/sp/9" },
        { "@id": "https://shop.example/sp/9", "@type": "dfc-b:SuppliedProduct", "dfc-b:name": "Tomates", "dfc-b:description": "Tomates anciennes",
          "dfc-b:hasQuantity": { "@type": "dfc-b:QuantitativeValue", "dfc-b:hasUnit": "dfc-m:Kilogram", "dfc-b:value": 2 } },
        { "@id": "https://shop.example/ci/9", "@type": "dfc-b:CatalogItem", "dfc-b:references": "https://shop.example/sp/9", "dfc-b:offeredThrough": "https://shop.example/o/9" },
        { "@id": "https://shop.example/o/9", "@type": "dfc-b:Offer", "dfc-b:offeredItem": "https://shop.example/ci/9",
          "dfc-b:hasPrice": { "@type": "dfc-b:Price", "dfc-b:value": "4.5", "dfc-b:hasUnit": "dfc-m:Euro" } },
      ],
    };
    const products = await readDfcCatalogue(Buffer.from(JSON.stringify(doc)), "EUR");
    expect(products).toEqual([{ name: "Tomates", unit: "2 kg", story: "Tomates anciennes", producerName: "Ferme du Lac", priceFen: 450 }]);
  });

  it("refuses what it can't read offline, and keeps drafts within the wizard's limits", async () => {
    expect(await readDfcCatalogue(Buffer.from("not json"), "CNY")).toBeUndefined();
    expect(await readDfcCatalogue(Buffer.from(JSON.stringify({ "@context": "https://evil.example/ctx", "@id": "x:y" })), "CNY")).toBeUndefined();
    expect(decimalToFen("12.345")).toBeUndefined();
    expect(decimalToFen("-1")).toBeUndefined();
    expect(decimalToFen(12.5)).toBe(1250);
    const draft = draftFromImport({ name: "x".repeat(100), unit: "a   very long unit word indeed", priceFen: 1250 });
    expect(draft.name).toHaveLength(60);
    expect(draft.unit).toHaveLength(20);
    expect(draft.priceFen).toBe(1250);
    expect(draft.costLines).toEqual([]);
    expect(draft.reachedPreview).toBe(true);
  });
});
