import { afterEach, describe, expect, it } from "vitest";
import type { Transformer } from "grammy";
import { createHarness, type Harness } from "../helpers/harness";
import { command, privateChat, user } from "../fake-telegram/updates";

// Updates arrive at least once; their effects happen once.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type LogLine = { level: string; msg: string; update_id?: number; chat_id?: number; error?: { message: string } };
const parsed = (h: Harness) => h.logs.map((l) => JSON.parse(l) as LogLine);

describe("duplicates", () => {
  it("an update delivered again after it was handled is skipped", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "info" } });
    const alice = user({ language_code: "en" });
    const update = command(alice, privateChat(alice), "start");
    await h.send(update);
    expect(h.fake.messages(alice.id)).toHaveLength(1);

    // the same update again, as after a crash before the offset was confirmed
    await h.bot.handleUpdate(structuredClone(update));
    expect(h.fake.messages(alice.id)).toHaveLength(1);
    expect(parsed(h).filter((l) => l.msg === "duplicate update skipped").map((l) => l.update_id)).toEqual([update.update_id]);
    h.fake.assertNoRejections();
  });

  it("two copies handled at the same time run the handler once", async () => {
    h = await createHarness();
    const bob = user({ language_code: "en" });
    const update = h.fake.pushUpdate(command(bob, privateChat(bob), "start"));
    await h.fake.settle();
    const copy = { ...structuredClone(update), update_id: update.update_id + 1000 };
    await Promise.all([h.bot.handleUpdate(copy), h.bot.handleUpdate(structuredClone(copy))]);
    expect(h.fake.messages(bob.id)).toHaveLength(2); // the original and one of the copies
    expect(await h.db.processedUpdate.count()).toBe(2);
    h.fake.assertNoRejections();
  });
});

describe("failures", () => {
  it("an exception in one handler is logged with the update id, the member gets an apology, and the others are served", async () => {
    const carol = user({ first_name: "Carol", language_code: "en" });
    const dave = user({ language_code: "en" });
    const erin = user({ language_code: "zh" });
    let thrown = 0;
    // an unexpected error inside a handler: Carol's first reply blows up
    const boom: Transformer = (prev, method, payload, signal) => {
      if (method === "sendMessage" && (payload as { chat_id: number }).chat_id === carol.id && thrown++ === 0) {
        throw new Error("unexpected failure in a handler");
      }
      return prev(method, payload, signal);
    };
    h = await createHarness({ env: { LOG_LEVEL: "info" }, transformers: [boom] });
    const first = command(carol, privateChat(carol), "start");
    await h.send(first, command(dave, privateChat(dave), "start"), command(erin, privateChat(erin), "start"));

    expect(h.fake.messages(carol.id).map((m) => m.text)).toEqual(["Sorry, something went wrong; it has been logged. Please try again in a moment."]);
    expect(h.fake.lastMessage(dave.id)!.text).toContain("Let's CO-OP!");
    expect(h.fake.lastMessage(erin.id)!.text).toContain("来！合作社");
    const failure = parsed(h).find((l) => l.level === "error")!;
    expect(failure).toMatchObject({ msg: "handler failed", update_id: first.update_id, chat_id: carol.id, error: { message: "unexpected failure in a handler" } });
    expect(h.logs.filter((l) => l.includes('"level":"error"'))).toHaveLength(1);

    // and Carol is served normally afterwards
    await h.send(command(carol, privateChat(carol), "start"));
    expect(h.fake.lastMessage(carol.id)!.text).toContain("Let's CO-OP!");
    h.fake.assertNoRejections();
  });

  it("an update that fails around the handlers (the database) is tried again and handled once", async () => {
    h = await createHarness({ env: { LOG_LEVEL: "warn" } });
    const processed = h.services.processedUpdates;
    const wasHandled = processed.wasHandled.bind(processed);
    let failures = 1;
    processed.wasHandled = async (id) => {
      if (failures-- > 0) throw new Error("database unreachable");
      return wasHandled(id);
    };
    const frank = user({ language_code: "en" });
    const update = command(frank, privateChat(frank), "start");
    await h.send(update);
    expect(h.fake.messages(frank.id)).toHaveLength(1);
    const lines = parsed(h);
    expect(lines.find((l) => l.msg === "update failed")).toMatchObject({ level: "error", update_id: update.update_id });
    expect(lines.find((l) => l.msg === "update failed; trying again")).toMatchObject({ level: "warn", update_id: update.update_id });
    h.fake.assertNoRejections();
  });
});
