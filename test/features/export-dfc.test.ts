import jsonld from "jsonld";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, documentMessage, privateChat, textMessage, user } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, memberId, openBuy, setupCommunity } from "../helpers/group-buy-fixtures";
import { DFC_B, offlineDocumentLoader } from "../../src/domain/dfc/context";
import { catalogDocument, ordersDocument, saleSessionDocument } from "../../src/features/open-data";

// /export_dfc through the bot against the fake Telegram, and the documents the
// web server serves, read from the database.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const BASE = "https://coop.test";

async function read(doc: AsyncIterable<string> | undefined): Promise<{ "@graph": Record<string, unknown>[] }> {
  expect(doc).toBeDefined();
  let text = "";
  for await (const chunk of doc!) text += chunk;
  return JSON.parse(text);
}

async function setup() {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const community = await setupCommunity(h, boss);
  const { productId } = await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, name: "有机大米", unit: "斤", priceFen: 1250, costLines: [["大米", 1000], ["运费", 250]] });
  const buyId = await openBuy(h, boss, productId, { min: "2", deadline: "2026-12-03 20:00" });
  const post = await announcement(h, buyId);
  const wang = user({ first_name: "王", last_name: "小明", username: "xiaoming", language_code: "zh" });
  for (let i = 0; i < 3; i++) await h.send(callbackQuery(wang, post, buttonData(post, "gbadd:")));
  await h.send(callbackQuery(rita, post, buttonData(post, "gbadd:")));
  return { ...community, productId, buyId, wang };
}

describe("/export_dfc", () => {
  it("sends an organizer the buy as a .jsonld file (SaleSession, Offer, Orders), privately; members are no names", async () => {
    const { group, buyId, wang } = await setup();
    await h.send(command(boss, group, "export_dfc", String(buyId)));
    expect(h.fake.lastMessage(group.id)!.text).toBe(`I sent group buy #${buyId} as DFC JSON-LD to you privately.`);
    const doc = h.fake.lastMessage(boss.id)!;
    expect(doc.document?.file_name).toBe(`groupbuy-${buyId}.jsonld`);
    expect(doc.caption).toContain(`Group buy #${buyId} 有机大米 as DFC JSON-LD`);
    const text = doc.files[0]!.bytes!.toString("utf8");
    // nothing that names or identifies a member
    for (const secret of ["小明", "xiaoming", "Rita", String(wang.id), String(rita.id), "13800000000"]) expect(text).not.toContain(secret);
    const expanded = (await jsonld.expand(JSON.parse(text), { documentLoader: offlineDocumentLoader as never })) as { "@type"?: string[] }[];
    const types = expanded.map((n) => n["@type"]?.[0]);
    expect(types.filter((t) => t === `${DFC_B}SaleSession`)).toHaveLength(1);
    expect(types.filter((t) => t === `${DFC_B}Order`)).toHaveLength(2);
    expect(types.filter((t) => t === `${DFC_B}OrderLine`)).toHaveLength(2);
    const lines = JSON.parse(text)["@graph"].filter((n: Record<string, unknown>) => n["@type"] === "dfc-b:OrderLine");
    expect(lines.map((l: Record<string, unknown>) => l["dfc-b:quantity"])).toEqual([3, 1]);

    await h.send(command(boss, group, "help"));
    expect(h.fake.lastMessage(group.id)!.text).toContain("/export_dfc — A buy for other co-ops' software (DFC JSON-LD): /export_dfc <buy>");
    // in private too
    await h.send(command(boss, privateChat(boss), "export_dfc", `#${buyId}`));
    expect(h.fake.lastMessage(boss.id)!.document?.file_name).toBe(`groupbuy-${buyId}.jsonld`);
  });

  it("refuses anyone who is not an organizer of the buy's community, and asks for a buy number", async () => {
    const { group, buyId } = await setup();
    const mallory = user({ first_name: "Mallory", language_code: "en" });
    await h.send(textMessage(mallory, group, "hi"));
    const before = h.fake.messages(group.id).length;
    await h.send(command(mallory, group, "export_dfc", String(buyId)));
    expect(h.fake.lastMessage(mallory.id)!.text).toBe("Only this community's organizers can use this command.");
    expect(h.fake.messages(group.id)).toHaveLength(before); // told privately, not the group
    await h.send(command(mallory, privateChat(mallory), "export_dfc", String(buyId)));
    expect(h.fake.lastMessage(mallory.id)!.text).toBe("Only this community's organizers can use this command.");
    expect(h.fake.lastMessage(mallory.id)!.document).toBeUndefined();
    // an organizer of another community can't reach this one's buys
    const other = await setupCommunity(h, boss, "Other Co-op");
    const olga = user({ first_name: "Olga", language_code: "en" });
    await h.send(textMessage(olga, other.group, "hi"));
    await h.send(command(boss, other.group, "add_organizer", String(olga.id)));
    await h.send(command(olga, privateChat(olga), "export_dfc", String(buyId)));
    expect(h.fake.lastMessage(olga.id)!.text).toBe("Only this community's organizers can use this command.");
    await h.send(command(boss, group, "export_dfc", "soon"));
    expect(h.fake.lastMessage(group.id)!.text).toBe("Usage: /export_dfc <buy number>, e.g. /export_dfc 12");
    await h.send(command(boss, group, "export_dfc", "999"));
    expect(h.fake.lastMessage(group.id)!.text).toBe("There is no group buy #999.");
  });
});

describe("the DFC documents for the web server", () => {
  it("publish nothing until the community turns its page on; then only approved products, no contact; orders only of its own buys", async () => {
    const { communityId, productId, buyId, wang } = await setup();
    const services = { db: h.db, config: h.config };
    expect(await catalogDocument(services, communityId, BASE)).toBeUndefined();
    expect(await saleSessionDocument(services, communityId, buyId, BASE)).toBeUndefined();
    expect(await catalogDocument(services, 9999, BASE)).toBeUndefined();

    await h.db.community.update({ where: { id: communityId }, data: { publicPage: true } });
    // a product still under review is not in the catalogue
    const pending = await h.db.product.create({ data: { communityId, recommenderId: await memberId(h, rita), producerId: (await h.db.producer.findFirstOrThrow()).id, status: "PENDING_REVIEW" } });
    const catalog = await read(await catalogDocument(services, communityId, BASE));
    const text = JSON.stringify(catalog);
    expect(text).not.toContain("13800000000"); // the producer's contact
    const products = catalog["@graph"].filter((n) => n["@type"] === "dfc-b:SuppliedProduct");
    expect(products.map((p) => p["@id"])).toEqual([`${BASE}/dfc/${communityId}/catalog#product-${productId}`]);
    expect(text).not.toContain(`product-${pending.id}`);
    const offer = catalog["@graph"].find((n) => n["@type"] === "dfc-b:Offer")!;
    expect(offer["dfc-b:hasPrice"]).toEqual({ "@type": "dfc-b:Price", "dfc-b:value": "12.50", "dfc-b:hasUnit": { "@id": "coop:CNY" } });

    const session = await read(await saleSessionDocument(services, communityId, buyId, BASE));
    expect(session["@graph"][0]).toMatchObject({ "@type": "dfc-b:SaleSession", "coop:minimumQuantity": 2, "coop:orderedQuantity": 4 });

    const orders = await read(await ordersDocument(services, communityId, buyId, BASE));
    expect(orders["@graph"].filter((n) => n["@type"] === "dfc-b:Order").map((n) => n["dfc-b:orderNumber"])).toEqual([`#${buyId}-1`, `#${buyId}-2`]);
    const persons = orders["@graph"].filter((n) => n["@type"] === "dfc-b:Person");
    expect(persons.map((p) => Object.keys(p))).toEqual([["@id", "@type"], ["@id", "@type"]]);
    expect(JSON.stringify(orders)).not.toContain(String(wang.id));
    // a buy asked for under another community is unknown there
    const other = await setupCommunity(h, boss, "Other Co-op");
    await h.db.community.update({ where: { id: other.communityId }, data: { publicPage: true } });
    expect(await saleSessionDocument(services, other.communityId, buyId, BASE)).toBeUndefined();
    expect(await ordersDocument(services, other.communityId, buyId, BASE)).toBeUndefined();
  });
});
