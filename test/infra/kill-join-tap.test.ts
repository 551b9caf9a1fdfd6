import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { callbackQuery, supergroup, user } from "../fake-telegram/updates";
import { until } from "../helpers/bot-process";
import { useBotScratch } from "../helpers/bot-scratch";
import { fxBuy, fxCommunity, fxMember, fxProduct } from "../helpers/ledger-fixtures";
import { cbPlusOne } from "../../src/features/group-buy/callbacks";

// A "+1" in the group changes only the member's order, so the tap's handled
// mark is committed with the order (issue 19: no round trip after the
// answer). `npm start`'s process is killed (CRASH_AT) after the tap was
// handled and before the mark the duplicate guard writes after every
// handler: started again, Telegram's copy of the tap is skipped, the order
// counted once and its query not answered twice.

const scratch = useBotScratch("letscoop-kill-tap-");

describe("a bot killed right after a +1 in the group", () => {
  it("skips Telegram's copy of the tap: one order, one event, one answer", async () => {
    const s = await scratch();
    const { fake } = s;
    const { db } = await s.open();
    const chat = supergroup({ title: "Green Street Co-op" });
    const rita = user({ first_name: "Rita", language_code: "en" });
    const ben = user({ first_name: "Ben", language_code: "en" });
    const community = await fxCommunity(db, { chatId: chat.id });
    const rec = await fxMember(db, rita, community.id);
    const product = await fxProduct(db, { communityId: community.id, recommenderId: rec.id, priceFen: 1000 });
    const buy = await fxBuy(db, { product, openedById: rec.id, commission: { kind: "PERCENT_BP", value: 1000 }, deadlineAt: new Date(Date.now() + 3600_000) });
    const data = cbPlusOne.pack({ id: buy.id });
    const post: Message = {
      message_id: 10,
      date: Math.floor(Date.now() / 1000),
      chat,
      text: "Group buy #1",
      reply_markup: { inline_keyboard: [[{ text: "+1", callback_data: data }]] },
    } as Message;

    const env = { ...s.env, LOG_LEVEL: "info" };
    const tap = fake.pushUpdate(callbackQuery(ben, post, data));
    const answers = () => fake.callsOf("answerCallbackQuery").filter((c) => c.params.callback_query_id === tap.callback_query!.id);

    const first = s.start({ ...env, CRASH_AT: "before-mark:1" });
    expect(await first.exited).toBeNull(); // killed at the point, after the answer
    s.forget(first);
    expect(answers()).toHaveLength(1);
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([tap.update_id]); // not confirmed
    expect((await db.processedUpdate.findMany()).map((r) => Number(r.updateId))).toEqual([tap.update_id]);

    const second = s.start(env);
    await until(() => fake.pendingUpdates().length === 0, "the tap to be confirmed", 20_000);
    const skipped = () =>
      second
        .stderr()
        .split("\n")
        .filter((l) => l.includes('"msg":"duplicate update skipped"'))
        .map((l) => (JSON.parse(l) as { update_id: number }).update_id);
    await until(() => skipped().length > 0, "the copy to be skipped", 20_000);
    expect(skipped()).toEqual([tap.update_id]);
    expect(answers()).toHaveLength(1);
    const orders = await db.order.findMany({ where: { groupBuyId: buy.id } });
    expect(orders.map((o) => [o.quantity, o.status])).toEqual([[1, "ACTIVE"]]);
    expect(await db.orderEvent.count()).toBe(1);
    expect(await db.groupBuy.findUniqueOrThrow({ where: { id: buy.id } })).toMatchObject({ totalQty: 1, orderCount: 1 });
  });
});
