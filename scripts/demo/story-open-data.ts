// Open data (开放账本), after the buy has closed: the organizer turns the public
// open-books page on in /settings; a member opens it from /books and the bot's
// own web server shows the product and the statement, nothing of members the
// group doesn't see; another co-op's software reads the DFC catalogue, then
// the buy's orders with a read token the organizer issues and revokes in
// /settings; and the organizer exports the buy as DFC JSON-LD in private.
import { check, type Actors } from "./actors";
import type { Cast } from "./cast";
import type { Step, StoryState } from "./story-types";
import { PUBLIC_BASE_URL } from "./world";

const any = (...words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));

type Read = { status: number; type: string | null; cache: string | null; body: string };

/** `who` asks the bot's web server for `url` (under PUBLIC_BASE_URL); the transcript shows the request and the answer. */
async function read(a: Actors, who: string, url: string, token?: string): Promise<Read> {
  a.transcript.request(who, "GET", url, token ? `Authorization: Bearer ${token.slice(0, 6)}…` : "");
  const res = await a.world.fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  const body = await res.text();
  a.transcript.answered(res.status, res.headers.get("content-type"), Buffer.byteLength(body));
  return { status: res.status, type: res.headers.get("content-type"), cache: res.headers.get("cache-control"), body };
}

/** The page as a reader skims it: its headings and the closed buys' summaries, tags dropped. */
function headings(html: string): string[] {
  return [...html.matchAll(/<(h[1-3]|summary)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").trim()).filter(Boolean);
}

/** A JSON-LD document's nodes of a type ("dfc-b:Order"). */
function nodesOf(doc: string, type: string): Record<string, unknown>[] {
  const graph = (JSON.parse(doc) as { "@graph"?: Record<string, unknown>[] })["@graph"] ?? [];
  return graph.filter((n) => n["@type"] === type || (Array.isArray(n["@type"]) && n["@type"].includes(type)));
}

/** Nothing personal of a member: no name of those who published nothing, no username, no pickup code. */
async function checkNoMembers(a: Actors, c: Cast, s: StoryState, text: string, what: string): Promise<void> {
  // Ben published his question with his name (story-questions.ts); Lily is on the statement's thanks board: the group sees both
  const quiet = [c.organizer, ...c.members.filter((_, i) => i !== 1)];
  for (const who of quiet) {
    const named = c.lang === "zh" ? text.includes(who.first_name) : new RegExp(`\\b${who.first_name}\\b`).test(text);
    check(!named, `${what} does not name ${who.first_name}`);
  }
  check(!text.includes("lily_tea"), `${what} shows no member's username`);
  const codes = (await a.world.db.order.findMany({ where: { groupBuyId: s.buyId! }, select: { pickupCode: true } })).map((o) => o.pickupCode).filter((p): p is string => !!p);
  check(codes.length > 0, "the orders have pickup codes");
  for (const code of codes) check(!text.includes(code) && !text.includes(`${code.slice(0, 4)}-${code.slice(4)}`), `${what} shows no pickup code`);
}

/** A JSON-LD document as someone opening it sees it: its first nodes, one a line. */
function nodeLines(doc: string): string[] {
  return doc.split("\n").filter((l) => l.startsWith('{"@id"')).map((l) => (l.length > 110 ? `${l.slice(0, 110)}…` : l));
}

export const OPEN_DATA_STORY: Step[] = [
  {
    key: "publicPage",
    async run(a, c) {
      const o = c.organizer;
      const { id } = await a.world.db.community.findFirstOrThrow();
      a.transcript.note(a.transcript.n.notes.pageOff);
      const page = await read(a, a.transcript.n.browser(c.members[2]!.first_name), `${PUBLIC_BASE_URL}/c/${id}`);
      check(page.status === 404, `while the page is off it answers 404, as for an unknown community (got ${page.status})`);
      await a.say(o, c.chat(o), "/settings");
      a.expectLast(o.id, "the settings menu, the public page off", any("Public open-books page and DFC catalogue: off", "公开账本页面与 DFC 商品目录：关"));
      await a.press(o, o.id, { data: `stg:${id}:page:1` });
      a.expectLast(o.id, "the public page is on", any("Public open-books page and DFC catalogue: on", "公开账本页面与 DFC 商品目录：开"));
      const row = await a.world.db.community.findUniqueOrThrow({ where: { id } });
      check(row.publicPage, "the community's page is on");
      check((await a.world.db.settingChange.count({ where: { communityId: id, key: "publicPage", newValue: "on" } })) === 1, "the change is in the settings log");
    },
  },
  {
    key: "pageReads",
    async run(a, c, s) {
      const carmen = c.members[2]!;
      const { id } = await a.world.db.community.findFirstOrThrow();
      await a.say(carmen, c.group, "/books");
      a.expectLast(c.group.id, "/books shows the closed buy's statement", `#${s.buyId}`, "¥400.00");
      const button = a.world.fake.lastMessage(c.group.id)?.reply_markup?.inline_keyboard.flat().find((b) => "url" in b && b.url.startsWith(`${PUBLIC_BASE_URL}/c/${id}`));
      check(button && "url" in button, "/books has the 📊 button to the public page (a link, in the group)", a.lastText(c.group.id));
      a.transcript.pressed(carmen.id, c.group.id, button.text);
      const page = await read(a, a.transcript.n.browser(carmen.first_name), button.url);
      check(page.status === 200 && page.type?.startsWith("text/html"), `the page answers 200 with HTML (got ${page.status} ${page.type})`);
      a.transcript.preview(headings(page.body));
      check(page.body.includes(c.product.name), "the page shows the product", page.body.slice(0, 2000));
      for (const label of c.product.costLabels) check(page.body.includes(label), `the page shows the cost line “${label}”`);
      check(page.body.includes(`id="buy-${s.buyId}"`), "the page lists the closed buy");
      const statement = /<details class="card" id="buy-\d+">[\s\S]*?<\/details>/.exec(page.body)?.[0] ?? "";
      check(statement.includes("¥400.00") && /合计 = 收入 ✓|Total = revenue ✓/.test(statement), "the closed buy's statement is on the page, adding up to its ¥400.00 of revenue", statement);
      check(page.body.includes(c.members[1]!.first_name) && /Yes: the growers|是的：茶农合作社/.test(page.body), "the page shows the Q&A both agreed to publish, the asker by his display name");
      await checkNoMembers(a, c, s, page.body, "the page");
    },
  },
  {
    key: "readToken",
    async run(a, c, s) {
      const o = c.organizer;
      const { id } = await a.world.db.community.findFirstOrThrow();
      const software = a.transcript.n.software;
      const catalog = await read(a, software, `${PUBLIC_BASE_URL}/dfc/${id}/catalog`);
      check(catalog.status === 200 && catalog.type?.startsWith("application/ld+json"), `the DFC catalogue is public, JSON-LD (got ${catalog.status} ${catalog.type})`);
      a.transcript.preview(nodeLines(catalog.body), 3);
      check(nodesOf(catalog.body, "dfc-b:SuppliedProduct").some((p) => JSON.stringify(p).includes(c.product.name)), "the catalogue has the product", catalog.body.slice(0, 1500));
      await checkNoMembers(a, c, s, catalog.body, "the catalogue");
      const orders = `${PUBLIC_BASE_URL}/dfc/${id}/sale-sessions/${s.buyId}/orders`;
      check((await read(a, software, orders)).status === 401, "the orders without a token: 401");
      // the token: in private only, shown once; the menu (its message) says how many are live
      const menu = a.findButton(o.id, { data: `stg:${id}:tok` }).message.message_id;
      const menuText = () => a.world.fake.message(o.id, menu)?.text ?? "";
      await a.press(o, o.id, { data: `stg:${id}:tok` });
      a.expectLast(o.id, "the token is shown once", any("shown only this once", "只显示这一次"));
      const token = /\b([A-Za-z0-9_-]{43})\b/.exec(a.lastText(o.id))?.[1];
      check(token, "the organizer gets a read token", a.lastText(o.id));
      check(/1 live|1 个有效/.test(menuText()), "the menu says one token is live", menuText());
      check(!a.world.fake.messages(c.group.id).some((m) => (m.text ?? m.caption ?? "").includes(token)), "the token is never shown in the group");
      const got = await read(a, software, orders, token);
      check(got.status === 200 && got.cache === "private, no-store", `with the token, the orders (never kept by a cache): ${got.status} ${got.cache}`);
      a.transcript.preview(nodeLines(got.body), 3);
      const count = await a.world.db.order.count({ where: { groupBuyId: s.buyId! } });
      check(nodesOf(got.body, "dfc-b:Order").length === count, `the document has the buy's ${count} orders`, got.body.slice(0, 1500));
      check(nodesOf(got.body, "dfc-b:OrderLine").length === count, `and their ${count} order lines`);
      await checkNoMembers(a, c, s, got.body, "the orders document");
      // revoked, confirmed first: the same read gets 401
      await a.press(o, o.id, { data: `stg:${id}:rvk:` });
      check(/revoke the live read token\?|个读取令牌？/.test(menuText()), "the revocation asks first", menuText());
      await a.press(o, o.id, { data: `stg:${id}:rvk:y` });
      check(/0 live|0 个有效/.test(menuText()), "the menu says no token is live", menuText());
      const denied = await read(a, software, orders, token);
      check(denied.status === 401, `the revoked token's read gets 401 (got ${denied.status})`);
      check((await a.world.db.settingChange.count({ where: { communityId: id, key: "readTokens" } })) === 2, "the issue and the revocation are in the settings log");
    },
  },
  {
    key: "exportDfc",
    async run(a, c, s) {
      const o = c.organizer;
      await a.say(o, c.chat(o), `/export_dfc ${s.buyId}`);
      const doc = a.world.fake.lastMessage(o.id);
      const bytes = doc?.files[0]?.bytes;
      check(doc?.document && bytes, "the organizer gets the buy as a document", a.lastText(o.id));
      check(doc.document.file_name === `groupbuy-${s.buyId}.jsonld`, `the file is groupbuy-${s.buyId}.jsonld`, doc.document.file_name);
      const text = bytes.toString("utf8");
      a.transcript.preview(nodeLines(text), 3);
      const session = nodesOf(text, "dfc-b:SaleSession");
      check(session.length === 1 && session[0]!["coop:status"] !== "OPEN", "the document has the buy's sale session, closed", text.slice(0, 1500));
      const count = await a.world.db.order.count({ where: { groupBuyId: s.buyId! } });
      check(nodesOf(text, "dfc-b:Order").length === count, `the document has the buy's ${count} orders`);
      await checkNoMembers(a, c, s, text, "the export");
    },
  },
];
