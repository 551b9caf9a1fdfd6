import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, user } from "../fake-telegram/updates";
import { createApprovedProduct, setupCommunity } from "../helpers/group-buy-fixtures";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const ORGANIZER = 700;

describe("the one /start dispatcher", () => {
  it("routes each payload kind to its feature, and anything else to the welcome", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const { communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const chat = privateChat(boss);
    const last = () => h.fake.lastMessage(chat.id)!.text ?? h.fake.lastMessage(chat.id)!.caption ?? ""; // a product card is a photo with a caption

    await h.send(command(boss, chat, "start", `p${productId}`));
    expect(last()).toContain("Organic rice");
    await h.send(command(boss, chat, "start", "p999999"));
    expect(last()).toBe("This product is not available.");
    await h.send(command(boss, chat, "start", "b999999"));
    expect(last()).toBe("This group buy does not exist.");
    for (const nonsense of ["zzz", "rec x", "o1234567890", "s", "x".repeat(80)]) {
      await h.send(command(boss, chat, "start", nonsense));
      expect(last(), nonsense).toContain("Hello, Boss!");
    }
    await h.send(command(boss, chat, "start", "open"));
    expect(last()).toContain("Which product?");
    await h.send(command(boss, chat, "start", "rec"));
    expect(h.fake.messages(chat.id).at(-2)!.text).toContain("Let's bring a good product to Green Street Co-op");
    expect(last()).toContain("What is the product");
    h.fake.assertNoRejections();
  });

  it("ends an open dialog first, as every other command does, then follows the link", async () => {
    h = await createHarness({ organizerIds: [ORGANIZER] });
    const boss = user({ id: ORGANIZER, first_name: "Boss", language_code: "en" });
    const { communityId } = await setupCommunity(h, boss);
    const { productId } = await createApprovedProduct(h, { communityId, recommender: boss });
    const chat = privateChat(boss);
    await h.send(command(boss, chat, "start", `o${productId}`));
    const before = h.fake.messages(chat.id).length;
    await h.send(command(boss, chat, "start", `p${productId}`));
    const replies = h.fake.messages(chat.id).slice(before).map((m) => m.text ?? m.caption ?? "");
    expect(replies[0]).toBe("The group buy was not opened.");
    expect(replies.at(-1)).toContain("Organic rice");
    h.fake.assertNoRejections();
  });
});
