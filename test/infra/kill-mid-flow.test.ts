import { describe, expect, it } from "vitest";
import { privateChat, textMessage, user } from "../fake-telegram/updates";
import { until } from "../helpers/bot-process";
import { useBotScratch } from "../helpers/bot-scratch";
import { fxBuy, fxCommunity, fxMember, fxOrder, fxProduct } from "../helpers/ledger-fixtures";

// `npm start`'s process is killed with SIGKILL in the middle of a
// recommendation while a buy's deadline is near. Started again, the member's
// conversation goes on where it was, and the deadline passed meanwhile
// closes the buy exactly once.

const scratch = useBotScratch("letscoop-kill-");

describe("a bot killed with SIGKILL mid-flow", () => {
  it("continues the conversation after a restart and closes the buy whose deadline passed once", async () => {
    const s = await scratch();
    const { fake } = s;
    const { db } = await s.open();
    const alice = user({ first_name: "Alice", language_code: "en" });
    const ben = user({ first_name: "Ben", language_code: "en" });
    const community = await fxCommunity(db, { chatId: -1001234 });
    const rec = await fxMember(db, alice, community.id);
    const buyer = await fxMember(db, ben, community.id);
    const product = await fxProduct(db, { communityId: community.id, recommenderId: rec.id, priceFen: 1000 });
    // the real clock: the child process runs on it
    const deadline = new Date(Date.now() + 4_000);
    const buy = await fxBuy(db, { product, openedById: rec.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: deadline });
    await fxOrder(db, { groupBuyId: buy.id, memberId: buyer.id, quantity: 2 });

    const env = { ...s.env, LOG_LEVEL: "warn" };
    const chat = privateChat(alice);
    const say = (text: string) => fake.pushUpdate(textMessage(alice, chat, text));
    const replies = () => fake.messages(alice.id).map((m) => m.text ?? "");

    const first = s.start(env);
    say("/recommend");
    await until(() => replies().some((t) => t.includes("1/7 · Product")), "the first question");
    say("Wild honey");
    await until(() => replies().some((t) => t.includes("unit of sale")), "the unit question");
    say("500 g");
    await until(() => replies().some((t) => t.includes("2/7 · Producer")), "the producer question");
    first.child.kill("SIGKILL");
    await first.exited;
    s.forget(first);

    await until(() => Date.now() > deadline.getTime() + 200, "the deadline to pass while the bot is down", 10_000);
    const second = s.start(env);
    say("Hillside Apiary");
    await until(() => replies().some((t) => t.includes("Where are they?")), "the producer's place, the next question", 30_000);
    expect(replies().filter((t) => t.includes("1/7 · Product"))).toHaveLength(1); // not started over

    // the buy that fell due while the bot was down is closed at start, once
    await until(async () => (await db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).status === "SUCCEEDED", "the close", 30_000);
    await until(() => fake.messages(ben.id).length > 0, "Ben's notification", 30_000);
    await new Promise((r) => setTimeout(r, 2_500)); // another scheduler tick: nothing more happens
    expect(fake.messages(ben.id)).toHaveLength(1);
    expect(await db.ledgerEntry.count({ where: { groupBuyId: buy.id } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { chatId: BigInt(ben.id) } })).toBe(1);
    fake.assertNoRejections();
  }, 90_000);
});
