import { afterEach, describe, expect, it } from "vitest";
import { createHarness, TEST_TOKEN, type Harness } from "../helpers/harness";
import { command, user } from "../fake-telegram/updates";
import { members } from "../helpers/group-buy-fixtures";
import { riceBuy, settleStatements } from "../helpers/statement-fixtures";
import { startTestWeb, turnPageOn, type TestWeb } from "../helpers/web";
import { signInitData } from "../../src/domain/web-app-init-data";
import { formatPickupCode } from "../../src/domain/pickup-code";

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

/** initData as Telegram signs it for this user, `ageS` seconds before the bot's now. */
function initDataFor(u: { id: number; first_name: string }, ageS = 60, token = TEST_TOKEN): string {
  const authDate = Math.floor(h.clock.now().getTime() / 1000) - ageS;
  return signInitData({ auth_date: String(authDate), query_id: "AAQ", user: JSON.stringify({ id: u.id, first_name: u.first_name }) }, token);
}

const me = (communityId: number, body: string | undefined, lang = "en", headers: Record<string, string> = {}) =>
  fetch(`${web!.base}/c/${communityId}/me?lang=${lang}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    ...(body !== undefined ? { body: new URLSearchParams({ initData: body }).toString() } : {}),
  });

async function closedBuy() {
  h = await createHarness({ organizerIds: [ORGANIZER] });
  const joiners = members(3);
  const community = await riceBuy(h, boss, rita, joiners, "5%");
  await h.send(command(boss, community.group, "paid", `${community.buyId} 2`));
  await h.send(command(boss, community.group, "close", String(community.buyId)));
  await settleStatements(h);
  await turnPageOn(h, community.communityId);
  web = await startTestWeb(h);
  return { ...community, joiners };
}

describe("the member's own part of the page (Mini App)", () => {
  it("shows a member, verified by Telegram's initData, their orders with the pickup code and their patronage preview", async () => {
    const { communityId, buyId, joiners } = await closedBuy();
    const second = joiners[1]!;
    const response = await me(communityId, initDataFor(second));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const section = await response.text();
    expect(section).toContain("My orders");
    expect(section).toMatch(new RegExp(`#${buyId}-2\\b.*Organic rice`));
    const order = await h.db.order.findFirstOrThrow({ where: { groupBuyId: buyId, position: 2 } });
    expect(section).toContain(`<code>${formatPickupCode(order.pickupCode!)}</code>`);
    // only their own: no other member's code
    for (const other of await h.db.order.findMany({ where: { groupBuyId: buyId, position: { not: 2 } } })) expect(section).not.toContain(formatPickupCode(other.pickupCode!));
    expect(section).toContain("¥50.00"); // their purchases this month, as /my_books says
    // the header works as well as the form field
    const byHeader = await me(communityId, undefined, "zh", { "x-telegram-init-data": initDataFor(second) });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.text()).toContain("我的订单");
  });

  it("is 401 for absent, forged, another bot's or day-old initData", async () => {
    const { communityId, joiners } = await closedBuy();
    const member = joiners[0]!;
    const forged = new URLSearchParams(initDataFor(member));
    forged.set("user", JSON.stringify({ id: joiners[1]!.id, first_name: "X" }));
    for (const [what, body] of [
      ["absent", undefined],
      ["empty", ""],
      ["forged", forged.toString()],
      ["another bot's", initDataFor(member, 60, "987654321:AAHanotherBotsTokenxxxxxxxxxxx")],
      ["stale", initDataFor(member, 24 * 3600 + 5)],
    ] as const) {
      const response = await me(communityId, body);
      expect(response.status, what).toBe(401);
      expect(await response.text(), what).toContain("could not be confirmed");
    }
  });

  it("says so to someone who is not a member, and is 404 where the page is off", async () => {
    const { communityId, joiners } = await closedBuy();
    const stranger = user({ first_name: "Stranger" });
    const response = await me(communityId, initDataFor(stranger));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("not a member of this community");
    expect((await me(99999, initDataFor(joiners[0]!))).status).toBe(404);
    await turnPageOn(h, communityId, false);
    expect((await me(communityId, initDataFor(joiners[0]!))).status).toBe(404);
    // a GET is not how it is asked
    expect((await fetch(`${web!.base}/c/${communityId}/me`)).status).toBe(405);
  });
});
