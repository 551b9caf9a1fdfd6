// Interoperating the other way: a recommender brings in a product from a
// neighbouring co-op's catalogue, published in the food-system standard (DFC)
// by its own letscoop. /import_dfc takes the catalogue's address; the
// recommender picks the product, and its name, unit, producer, story and
// price fill the questions, each kept with one tap.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { catalogNodes } from "../../src/domain/dfc/catalog";
import { DOCUMENT_CONTEXT } from "../../src/domain/dfc/context";
import { check } from "./actors";
import type { Step } from "./story-types";

const any = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

/** The neighbouring co-op's catalogue: two products of one producer, as its letscoop publishes them. */
function neighbourCatalogue(zh: boolean): string {
  const product = (id: number, name: string, unit: string, story: string, priceFen: number) => ({
    id, producerId: 1, name, unit, story, priceFen, currency: "CNY",
    costLines: [{ label: zh ? "农户收入" : "Growers' income", kind: "PRODUCER", amountFen: priceFen }],
  });
  const nodes = catalogNodes(
    {
      community: { id: 3, title: zh ? "山那边合作社" : "Hillside Co-op" },
      producers: [{ id: 1, name: zh ? "青山核桃合作社" : "Green Hill Walnut Growers", location: zh ? "云南漾濞" : "Yangbi, Yunnan" }],
      products: [
        product(1, zh ? "野生核桃" : "Wild walnuts", "1 kg", zh ? "百年核桃树，自然落果，手工去壳。" : "Century-old trees, nuts left to fall, shelled by hand.", 6800),
        product(2, zh ? "核桃油" : "Walnut oil", zh ? "250 毫升" : "250 ml", zh ? "冷榨，不精炼。" : "Cold-pressed, unrefined.", 5800),
      ],
    },
    "https://hillside.example",
  );
  return JSON.stringify({ "@context": DOCUMENT_CONTEXT, "@graph": nodes });
}

export const IMPORT_STORY: Step[] = [
  {
    key: "importDfc",
    async run(a, c) {
      const r = c.recommender;
      const zh = c.lang === "zh";
      const body = neighbourCatalogue(zh);
      // the neighbour's server, on loopback here (the demo's bot allows that with DFC_IMPORT_PRIVATE_URLS=allow; a real bot reads public addresses only)
      const server = createServer((req, res) => (req.url === "/dfc/3/catalog" ? res.writeHead(200, { "content-type": "application/ld+json" }).end(body) : res.writeHead(404).end()));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dfc/3/catalog`;
        await a.say(r, c.chat(r), "/import_dfc");
        check(/DFC/.test(a.lastText(r.id)), "/import_dfc asks for the catalogue", a.lastText(r.id));
        await a.say(r, c.chat(r), url);
        check(/2 products|2 个产品/.test(a.lastText(r.id)), "the catalogue's two products are offered", a.lastText(r.id));
        await a.press(r, r.id, any("Wild walnuts", "野生核桃"));
        check(/What is the product called|产品/.test(a.lastText(r.id)) && a.lastText(r.id).includes(zh ? "野生核桃" : "Wild walnuts"), "the name question shows the imported name", a.lastText(r.id));
        for (let i = 0; i < 4; i++) await a.press(r, r.id, any("Keep it", "保持不变")); // name, unit, producer, place
        const member = await a.world.db.member.findFirstOrThrow({ where: { telegramId: BigInt(r.id) } });
        const draft = await a.world.db.productDraft.findFirstOrThrow({ where: { memberId: member.id, productId: null }, orderBy: { id: "desc" } });
        const payload = JSON.parse(draft.payload) as Record<string, unknown>;
        check(payload.name === (zh ? "野生核桃" : "Wild walnuts") && payload.unit === "1 kg" && payload.priceFen === 6800, "the draft has the imported name, unit and price", draft.payload);
        check(draft.step === "producerContact", "the questions go on at the producer's contact, which a catalogue never carries", draft.step);
        await a.say(r, c.chat(r), "/cancel");
      } finally {
        server.close();
      }
    },
  },
];
