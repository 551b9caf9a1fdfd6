import jsonld from "jsonld";
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { callbackQuery, command, privateChat, user } from "../fake-telegram/updates";
import { buttonData, buttons, members } from "../helpers/group-buy-fixtures";
import { riceBuy, settleStatements } from "../helpers/statement-fixtures";
import { startTestWeb, type TestWeb } from "../helpers/web";
import { DFC_B, offlineDocumentLoader } from "../../src/domain/dfc/context";
import { readTokenHash } from "../../src/db/read-tokens";

// Issue 18's Show: the real bot against the fake Telegram and the real web
// server on loopback. The organizer turns the page on in /settings and issues a
// read token; a buy closes; its statement is on the page and the buy in the DFC
// sale session; the orders read with the token, and expand with the shipped
// context; the organizer revokes; the same read gets 401.

let h: Harness;
let web: TestWeb | undefined;
afterEach(async () => {
  await web?.stop();
  await h?.close();
  web = undefined;
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", language_code: "en" });
const BASE = "https://coop.test";
type Expanded = Record<string, unknown> & { "@id"?: string; "@type"?: string[] };

describe("open data end to end", () => {
  it("page on and a token from /settings; a closed buy on the page and in DFC; orders with the token; revoked: 401", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER], env: { PUBLIC_BASE_URL: BASE } });
    const { communityId, buyId, group } = await riceBuy(h, boss, rita, members(3), "5%");
    web = await startTestWeb(h);
    const page = `${web.base}/c/${communityId}`;
    const session = `${web.base}/dfc/${communityId}/sale-sessions/${buyId}`;
    const orders = `${session}/orders`;
    expect((await fetch(page)).status).toBe(404);
    expect((await fetch(session)).status).toBe(404);

    // in the group, the token button leads to the private chat: no token is ever shown there
    await h.send(command(boss, group, "settings"));
    const groupMenu = h.fake.lastMessage(group.id)!;
    expect(buttons(groupMenu).some((b) => "url" in b && b.url === `https://t.me/${h.fake.botInfo.username}?start=st${communityId}`)).toBe(true);
    expect(buttons(groupMenu).some((b) => "callback_data" in b && b.callback_data.startsWith(`stg:${communityId}:tok`))).toBe(false);

    const chat = privateChat(boss);
    await h.send(command(boss, chat, "settings"));
    const menu = h.fake.lastMessage(chat.id)!;
    expect(menu.text).toContain("Public open-books page and DFC catalogue: off");
    await h.send(callbackQuery(boss, menu, buttonData(menu, `stg:${communityId}:page:1`)));
    expect(h.fake.message(chat.id, menu.message_id)!.text).toContain("Public open-books page and DFC catalogue: on");
    expect((await fetch(page)).status).toBe(200);

    const shown = h.fake.message(chat.id, menu.message_id)!;
    await h.send(callbackQuery(boss, shown, buttonData(shown, `stg:${communityId}:tok`)));
    const issued = h.fake.lastMessage(chat.id)!.text!;
    expect(issued).toContain("shown only this once");
    const token = /\b([A-Za-z0-9_-]{43})\b/.exec(issued)![1]!;
    expect(h.fake.message(chat.id, menu.message_id)!.text).toContain("DFC read tokens for other co-ops' software: 1 live");
    // kept only as its hash; the log says how many are live, never the token
    expect(await h.db.readToken.count({ where: { tokenHash: readTokenHash(token) } })).toBe(1);
    const logged = await h.db.settingChange.findMany({ where: { communityId } });
    expect(logged.map((c) => [c.key, c.oldValue, c.newValue])).toEqual([["publicPage", "off", "on"], ["readTokens", "0", "1"]]);
    expect(JSON.stringify(logged)).not.toContain(token);
    expect(JSON.stringify(await h.db.outboxMessage.findMany())).not.toContain(token);
    expect(h.fake.messages(group.id).some((m) => (m.text ?? m.caption ?? "").includes(token))).toBe(false);

    // the buy closes: its statement on the page, the buy closed in its sale session
    await h.send(command(boss, group, "close", String(buyId)));
    await settleStatements(h);
    const html = await (await fetch(page)).text();
    expect(html).toContain(`团购 #${buyId} 结算单`);
    const doc = (await (await fetch(session)).json()) as { "@graph": Record<string, unknown>[] };
    const node = doc["@graph"].find((n) => n["@id"] === `${BASE}/dfc/${communityId}/sale-sessions/${buyId}`)!;
    expect(node["coop:status"]).not.toBe("OPEN");
    expect(node["coop:closedAt"]).toEqual(expect.any(String));
    expect(node["coop:orderedQuantity"]).toBe(6);
    // the statement the page shows, in the sale session: its parts add up to its revenue
    const statement = doc["@graph"].find((n) => n["@id"] === (node["coop:statement"] as { "@id": string })["@id"]) as Record<string, unknown>;
    const revenue = (statement["coop:revenue"] as { "coop:amount": string })["coop:amount"];
    const parts = (statement["coop:part"] as { "@list": { "coop:amount": string }[] })["@list"];
    expect(parts.reduce((fen, p) => fen + Math.round(Number(p["coop:amount"]) * 100), 0)).toBe(Math.round(Number(revenue) * 100));
    expect(statement["coop:balanced"]).toBe(true);
    expect(html).toContain(revenue);

    // the orders, with the token; expanded offline with the shipped DFC context
    const read = () => fetch(orders, { headers: { Authorization: `Bearer ${token}` } });
    expect((await fetch(orders)).status).toBe(401);
    const ok = await read();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    const expanded = (await jsonld.expand((await ok.json()) as object, { documentLoader: offlineDocumentLoader as never })) as Expanded[];
    const ofType = (type: string) => expanded.filter((n) => n["@type"]?.includes(DFC_B + type));
    expect(ofType("Order")).toHaveLength(3);
    expect(ofType("OrderLine")).toHaveLength(3);
    for (const order of ofType("Order")) expect(order["@id"]).toMatch(new RegExp(`^${BASE}/dfc/${communityId}/sale-sessions/${buyId}/orders#order-\\d+$`));

    // revoked (confirmed first): the same read gets 401
    const now = h.fake.message(chat.id, menu.message_id)!;
    await h.send(callbackQuery(boss, now, buttonData(now, `stg:${communityId}:rvk:`)));
    const confirm = h.fake.message(chat.id, menu.message_id)!;
    expect(confirm.text).toContain("revoke the live read token?");
    expect((await read()).status).toBe(200);
    await h.send(callbackQuery(boss, confirm, buttonData(confirm, `stg:${communityId}:rvk:y`)));
    expect(h.fake.message(chat.id, menu.message_id)!.text).toContain("DFC read tokens for other co-ops' software: 0 live");
    const denied = await read();
    expect(denied.status).toBe(401);
    expect(await h.db.settingChange.count({ where: { communityId, key: "readTokens", newValue: "0" } })).toBe(1);
  });
});
