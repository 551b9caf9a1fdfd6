import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, documentMessage, photoMessage, privateChat, textMessage, user } from "../fake-telegram/updates";
import { createApprovedProduct, memberId, setupCommunity } from "../helpers/group-buy-fixtures";
import { catalogDocument } from "../../src/features/open-data";
import { lastText, press, say } from "./recommend-helpers";

// Importing a product from another co-op's DFC catalogue into a
// recommendation: from the first question of /recommend or /import_dfc, by
// URL (a loopback server stands in for the other co-op) or by file; and the
// shortcut of a .jsonld file sent outside any dialog.

let h: Harness;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
  await h?.close();
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const alice = user({ first_name: "Alice", language_code: "en" });

/** A community with two approved products, and its catalogue as another co-op would publish it. */
async function otherCoopCatalogue(env: Record<string, string> = {}): Promise<{ catalogue: Buffer }> {
  h = await createHarness({ organizerIds: [ORGANIZER], env });
  const community = await setupCommunity(h, boss);
  await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, name: "有机大米", unit: "斤", priceFen: 1250, costLines: [["大米", 1000], ["运费", 250]] });
  await createApprovedProduct(h, { communityId: community.communityId, recommender: rita, name: "Mountain honey", unit: "500 g", priceFen: 6800, costLines: [["Honey", 6800]] });
  await h.db.community.update({ where: { id: community.communityId }, data: { publicPage: true } });
  let text = "";
  for await (const chunk of (await catalogDocument({ db: h.db, config: h.config }, community.communityId, "https://other.coop"))!) text += chunk;
  await h.send(textMessage(alice, community.group, "hi")); // Alice is a member of the community
  return { catalogue: Buffer.from(text) };
}

async function serve(body: Buffer): Promise<string> {
  server = createServer((req, res) => (req.url === "/catalog" ? res.writeHead(200, { "content-type": "application/ld+json" }).end(body) : res.writeHead(404).end()));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog`;
}

function upload(who: typeof alice, name: string, bytes: Buffer, mime: string) {
  const stored = h.fake.state.addFile(name, bytes, mime);
  const message = documentMessage(who, privateChat(who), { file_name: name, mime_type: mime, file_size: bytes.length });
  (message.message as { document: { file_id: string } }).document.file_id = stored.file_id;
  return message;
}

const draftOf = async () => {
  const draft = await h.db.productDraft.findFirstOrThrow({ where: { memberId: await memberId(h, alice) } });
  return { ...draft, payload: JSON.parse(draft.payload) as Record<string, unknown> };
};

describe("import from DFC in /recommend", () => {
  it("offers the import at the first question; a catalogue URL with two products asks which, and its answers are kept one by one", async () => {
    const { catalogue } = await otherCoopCatalogue({ DFC_IMPORT_PRIVATE_URLS: "allow" });
    const url = await serve(catalogue);
    await say(h, alice, "/recommend");
    expect(lastText(h, alice.id)).toContain("What is the product called?");
    await press(h, alice, "📥 Import from another co-op's DFC catalogue");
    expect(lastText(h, alice.id)).toContain("Send me another co-op's catalogue in the food-system standard");

    await say(h, alice, "hello"); // not an address: asked again
    expect(lastText(h, alice.id)).toMatch(/^⚠️ That isn't a web address[^]*Import from a DFC catalogue/);
    await h.send(photoMessage(alice, privateChat(alice)));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ Send the catalogue's .jsonld file or its address/);

    await say(h, alice, url);
    expect(lastText(h, alice.id)).toBe("The catalogue has 2 products. Which one do you recommend?");
    await press(h, alice, "Mountain honey");
    const texts = h.fake.messages(alice.id).map((m) => m.text ?? "");
    expect(texts).toContain("Imported Mountain honey. Now check each answer: tap “Keep it”, or send a new one.");
    // the name question again, with the imported name to keep
    expect(lastText(h, alice.id)).toContain("What is the product called?");
    expect(lastText(h, alice.id)).toContain("Mountain honey");
    expect((await draftOf()).payload).toMatchObject({ name: "Mountain honey", unit: "500 g", producerName: "Sunny Farm", priceFen: 6800, costLines: [] });
    await press(h, alice, "Keep it");
    expect(lastText(h, alice.id)).toContain("unit of sale");
    await press(h, alice, "Keep it");
    await press(h, alice, "Keep it"); // the producer's name
    expect(lastText(h, alice.id)).toContain("Chongming"); // the producer's location, imported
    const draft = await draftOf();
    expect(draft.step).toBe("producerLocation");
    expect(await h.db.productDraft.count()).toBe(1);
  });

  it("/import_dfc takes the catalogue as a file; refuses a local address unless allowed, a file that isn't one, and keeps the draft unchanged", async () => {
    const { catalogue } = await otherCoopCatalogue();
    const url = await serve(catalogue);
    await h.send(command(alice, privateChat(alice), "import_dfc"));
    expect(lastText(h, alice.id)).toContain("Import from a DFC catalogue");
    expect((await draftOf()).step).toBe("import");

    await say(h, alice, url); // 127.0.0.1: the bot's own machine
    expect(lastText(h, alice.id)).toMatch(/^⚠️ I only fetch catalogues from the public internet/);
    await h.send(upload(alice, "photo.png", Buffer.from("png"), "image/png"));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ That file isn't a catalogue/);
    await h.send(upload(alice, "notes.json", Buffer.from("[1,2"), "application/json"));
    expect(lastText(h, alice.id)).toMatch(/^⚠️ I couldn't read that file as a DFC catalogue/);
    expect((await draftOf()).payload.name).toBeUndefined();

    // a catalogue of one product: no choice to make
    const one = JSON.parse(catalogue.toString());
    one["@graph"] = one["@graph"].filter((n: Record<string, unknown>) => !JSON.stringify(n).includes("有机大米") && !String(n["@id"]).match(/products\/1\b|catalog-items\/1\b|offers\/1\b/));
    await h.send(upload(alice, "catalog.jsonld", Buffer.from(JSON.stringify(one)), "application/ld+json"));
    expect(h.fake.messages(alice.id).map((m) => m.text ?? "")).toContain("Imported Mountain honey. Now check each answer: tap “Keep it”, or send a new one.");
    expect((await draftOf()).payload).toMatchObject({ name: "Mountain honey", priceFen: 6800 });
  });
});

describe("a catalogue file sent outside any dialog", () => {
  it("becomes a recommendation draft at its preview (the first product); a file that isn't one changes nothing", async () => {
    const { catalogue } = await otherCoopCatalogue();
    await h.send(upload(alice, "catalog.jsonld", catalogue, "application/ld+json"));
    const texts = h.fake.messages(alice.id).map((m) => m.text ?? "");
    expect(texts.some((t) => t.includes("Imported 有机大米 (the first of 2 products) into a new recommendation draft."))).toBe(true);
    const draft = await draftOf();
    expect(draft.step).toBe("preview");
    expect(draft.payload).toMatchObject({ name: "有机大米", unit: "斤", producerName: "Sunny Farm", producerLocation: "Chongming", priceFen: 1250, costLines: [] });

    await h.send(upload(alice, "notes.json", Buffer.from("[1,2"), "application/json"));
    expect(lastText(h, alice.id)).toBe("I couldn't read that file as a DFC catalogue (JSON-LD with the DFC context, at most 2 MB). Nothing was changed.");
    expect(await h.db.productDraft.count()).toBe(1);
  });
});
