import { describe, expect, it } from "vitest";
import { checkLine, checkStory, completeDraft, draftPayloadSchema, emptyDraft, LIMITS, missingSteps } from "../../src/domain/product-draft";

const full = {
  ...emptyDraft(),
  name: "野生高山茶",
  unit: "500 克",
  producerName: "云岭茶农合作社",
  producerLocation: "云南普洱",
  producerContact: "138 0000 0000",
  tags: ["ecological_farming" as const],
  story: "山里的老茶树，不打农药，由村里的茶农手工采摘和炒制。",
  costLines: [
    { label: "原料", amountFen: 3000, kind: "PRODUCER" as const },
    { label: "人工", amountFen: 2000, kind: "PRODUCER" as const },
  ],
  priceFen: 5000,
};

describe("answers", () => {
  it("collapses whitespace in one-line answers and checks their length", () => {
    expect(checkLine("  Wild \n mountain   tea ", 60)).toEqual({ ok: true, value: "Wild mountain tea" });
    expect(checkLine(" \n ", 60)).toMatchObject({ ok: false, error: "empty" });
    expect(checkLine("x".repeat(61), 60)).toMatchObject({ ok: false, error: "too-long", max: 60, length: 61 });
  });

  it("keeps the story's paragraphs and checks its length", () => {
    expect(checkStory("First paragraph here.\r\n\r\n\r\n\r\nSecond one.  ")).toEqual({ ok: true, value: "First paragraph here.\n\nSecond one." });
    expect(checkStory("")).toMatchObject({ ok: false, error: "empty" });
    expect(checkStory("too short")).toMatchObject({ ok: false, error: "too-short", min: LIMITS.storyMin });
    expect(checkStory("字".repeat(LIMITS.storyMax + 1))).toMatchObject({ ok: false, error: "too-long", max: LIMITS.storyMax });
  });
});

describe("drafts", () => {
  it("is complete only with every part and a breakdown that adds up to the price", () => {
    expect(completeDraft(full)).toMatchObject({ ok: true, draft: { name: "野生高山茶", priceFen: 5000 } });
    expect(missingSteps(emptyDraft())).toEqual(["name", "unit", "producerName", "producerLocation", "producerContact", "tags", "story", "costs", "price"]);
    expect(missingSteps({ ...full, priceFen: 5100 })).toEqual(["balance"]);
    expect(completeDraft({ ...full, tags: [] })).toEqual({ ok: false, missing: ["tags"] });
    // a line whose kind was not confirmed yet: the kinds step is missing
    expect(missingSteps({ ...full, costLines: [...full.costLines, { label: "包装", amountFen: 0 }] })).toEqual(["kinds"]);
    expect(completeDraft(full)).toMatchObject({ ok: true, draft: { costLines: [{ kind: "PRODUCER" }, { kind: "PRODUCER" }] } });
  });

  it("validates a stored payload and drops tags that no longer exist", () => {
    const stored = JSON.parse(JSON.stringify({ ...full, tags: ["fair_trade", "retired"] }));
    expect(draftPayloadSchema.parse(stored).tags).toEqual(["fair_trade"]);
    expect(draftPayloadSchema.safeParse({ ...stored, priceFen: 12.5 }).success).toBe(false);
    expect(draftPayloadSchema.safeParse({ ...stored, costLines: [{ label: "x", amountFen: -1 }] }).success).toBe(false);
    expect(draftPayloadSchema.safeParse({ ...stored, photoFileIds: ["a", "b", "c", "d", "e", "f"] }).success).toBe(false);
  });
});
