import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../helpers/harness";
import { privateChat, user } from "../fake-telegram/updates";
import { decodeQr } from "../helpers/qr";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("the outbox's kinds of message", () => {
  it("sends a photo rendered when sent (a real QR PNG, the text as its caption), edits a message and deletes one", async () => {
    h = await createHarness();
    const member = user({ first_name: "Ana" });
    const chat = privateChat(member);
    await h.services.outbox.enqueue([{ dedupKey: "t:text", chatId: chat.id, text: "first" }]);
    await h.flush();
    const first = h.fake.lastMessage(chat.id)!;
    expect(first.text).toBe("first");

    await h.services.outbox.enqueue([
      { dedupKey: "t:photo", chatId: chat.id, kind: "PHOTO", photo: "qr:https://t.me/letscoop_test_bot?start=pkABC234", text: "<b>code</b> ABC234" },
      { dedupKey: "t:edit", chatId: chat.id, kind: "EDIT", messageId: first.message_id, text: "first, <i>edited</i>" },
    ]);
    await h.flush();
    const photo = h.fake.lastMessage(chat.id)!;
    expect(photo.caption).toBe("code ABC234");
    expect(decodeQr(photo.files[0]!.bytes!)).toBe("https://t.me/letscoop_test_bot?start=pkABC234");
    expect(h.fake.message(chat.id, first.message_id)).toMatchObject({ text: "first, edited", edits: 1 });

    await h.services.outbox.enqueue([
      { dedupKey: "t:delete", chatId: chat.id, kind: "DELETE", messageId: first.message_id, text: "" },
      // a message that is gone already: nothing left to do, not a failure retried for ever
      { dedupKey: "t:edit-gone", chatId: chat.id, kind: "EDIT", messageId: 99_999, text: "x" },
    ]);
    await h.flush();
    expect(h.fake.message(chat.id, first.message_id)?.deleted).toBe(true);
    const rows = await h.db.outboxMessage.findMany({ where: { dedupKey: { startsWith: "t:" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.dedupKey, r.status])).toEqual([
      ["t:text", "SENT"], ["t:photo", "SENT"], ["t:edit", "SENT"], ["t:delete", "SENT"], ["t:edit-gone", "SENT"],
    ]);
    h.allowRejections((call) => call.method === "editMessageText");
  });
});
