import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { user } from "../fake-telegram/updates";
import { members } from "../helpers/group-buy-fixtures";
import { riceBuy } from "../helpers/statement-fixtures";
import { startTestWeb, turnPageOn, type TestWeb } from "../helpers/web";

// The page's sections under a product: published Q&A, the ratings' average
// and published comments, each member's text escaped, display names only.

let h: Harness;
let web: TestWeb | undefined;
afterEach(async () => {
  await web?.stop();
  await h?.close();
  web = undefined;
});

const ORGANIZER = 1000;
const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
const rita = user({ first_name: "Rita", last_name: "<b>R</b>", language_code: "en" });

describe("the public page's Q&A and feedback", () => {
  it("shows what both sides published, and what the members agreed to publish, escaped; nothing unpublished", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const joiners = members(3);
    const { communityId, buyId } = await riceBuy(h, boss, rita, joiners, "5%");
    await turnPageOn(h, communityId);
    web = await startTestWeb(h);
    const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId } });
    const productId = buy.productId;
    const [asker, other] = await h.db.member.findMany({ where: { telegramId: { in: joiners.slice(0, 2).map((j) => BigInt(j.id)) } }, orderBy: { id: "asc" } });
    const recommender = await h.db.member.findFirstOrThrow({ where: { telegramId: BigInt(rita.id) } });
    const now = h.clock.now();
    await h.db.question.create({ data: { productId, askerId: asker!.id, recommenderId: recommender.id, text: "Is it <script>alert(1)</script> organic?", answer: "Yes & certified", askerPublishes: true, answerPublishes: true, publishedAt: now, updateKey: "q1" } });
    await h.db.question.create({ data: { productId, askerId: other!.id, recommenderId: recommender.id, text: "Secret question", answer: "Secret answer", askerPublishes: true, updateKey: "q2" } });
    const orders = await h.db.order.findMany({ where: { groupBuyId: buyId }, orderBy: { id: "asc" } });
    await h.db.feedback.create({ data: { orderId: orders[0]!.id, memberId: orders[0]!.memberId, productId, dueAt: now, rating: 5, comment: "Tasty <img src=x>", publishes: true, ratedAt: now } });
    await h.db.feedback.create({ data: { orderId: orders[1]!.id, memberId: orders[1]!.memberId, productId, dueAt: now, rating: 4, comment: "Kept to myself", publishes: false, ratedAt: now } });

    const page = await (await fetch(`${web.base}/c/${communityId}?lang=en`)).text();
    const product = page.slice(page.indexOf(`id="product-${productId}"`), page.indexOf("</article>"));
    expect(product).toContain("Questions and answers");
    expect(product).toContain("Is it &lt;script&gt;alert(1)&lt;/script&gt; organic?");
    expect(product).toContain("Yes &amp; certified");
    expect(product).toContain("A (Rita &lt;b&gt;R&lt;/b&gt;):");
    expect(product).toContain("★ 4.5 from 2 ratings");
    expect(product).toContain("Tasty &lt;img src=x&gt;");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("Secret question");
    expect(page).not.toContain("Kept to myself");
  });
});
