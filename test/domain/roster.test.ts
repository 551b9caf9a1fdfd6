import { describe, expect, it } from "vitest";
import { composeWithRoster, progressBar, renderRoster, rosterLine, TELEGRAM_TEXT_LIMIT } from "../../src/domain/roster";

const more = (n: number) => `…and ${n} more`;

describe("roster (接龙)", () => {
  it("numbers members with their quantities", () => {
    expect(renderRoster([{ name: "Alice", quantity: 2 }, { name: "Bob", quantity: 1 }], { more })).toBe("1. Alice ×2\n2. Bob ×1");
  });

  it("escapes HTML and shortens long names", () => {
    expect(rosterLine(3, { name: "<b>Mal & Co</b>", quantity: 1 })).toBe("3. &lt;b&gt;Mal &amp; Co&lt;/b&gt; ×1");
    const long = rosterLine(1, { name: "A".repeat(100), quantity: 4 }, 10);
    expect(long).toBe(`1. ${"A".repeat(9)}… ×4`);
    expect(rosterLine(1, { name: "  ", quantity: 1 })).toBe("1. — ×1");
  });

  it("stops at the line budget with 'and N more'", () => {
    const entries = Array.from({ length: 45 }, (_, i) => ({ name: `M${i + 1}`, quantity: 1 }));
    const text = renderRoster(entries, { maxLines: 30, more });
    const lines = text.split("\n");
    expect(lines).toHaveLength(31);
    expect(lines[29]).toBe("30. M30 ×1");
    expect(lines[30]).toBe("…and 15 more");
  });

  it("stops at the character budget, keeping room for the 'more' line", () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ name: `Member number ${i + 1}`, quantity: 10 }));
    const text = renderRoster(entries, { maxLines: 1000, maxChars: 200, more });
    expect(text.length).toBeLessThanOrEqual(200);
    const lines = text.split("\n");
    const shown = lines.length - 1;
    expect(lines.at(-1)).toBe(`…and ${100 - shown} more`);
  });

  it("shows everyone when all fit, with no 'more' line", () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `M${i}`, quantity: 1 }));
    expect(renderRoster(entries, { maxLines: 5, more })).not.toContain("more");
  });

  it("keeps a whole message under Telegram's 4096 limit however long the roster", () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ name: `<&>名字很长的成员${i}`.repeat(3), quantity: 99 }));
    const head = "<b>Head</b>\n" + "x".repeat(1200);
    const tail = "tail";
    const text = composeWithRoster(head, entries, tail, { more, maxLines: 5000, rosterMaxChars: 10_000 });
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(text.startsWith(head)).toBe(true);
    expect(text.endsWith("tail")).toBe(true);
    expect(text).toMatch(/…and \d+ more\ntail$/);
  });

  it("cuts at a line break when even the fixed parts are too long", () => {
    const head = Array.from({ length: 100 }, (_, i) => `<b>line ${i}</b> ${"y".repeat(60)}`).join("\n");
    const text = composeWithRoster(head, [], "", { more });
    expect(text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(text.endsWith("\n…")).toBe(true);
    expect((text.match(/<b>/g) ?? []).length).toBe((text.match(/<\/b>/g) ?? []).length);
  });
});

describe("progress bar", () => {
  it("shows progress toward the minimum", () => {
    expect(progressBar(12, 20)).toBe("▓▓▓▓▓▓░░░░ 12/20");
    expect(progressBar(0, 20)).toBe("░░░░░░░░░░ 0/20");
    expect(progressBar(20, 20)).toBe("▓▓▓▓▓▓▓▓▓▓ 20/20");
    expect(progressBar(35, 20)).toBe("▓▓▓▓▓▓▓▓▓▓ 35/20");
    expect(progressBar(4, 6, 6)).toBe("▓▓▓▓░░ 4/6");
  });

  it("is never full before the minimum is reached", () => {
    expect(progressBar(19, 20)).toBe("▓▓▓▓▓▓▓▓▓░ 19/20");
    expect(progressBar(999, 1000)).toBe("▓▓▓▓▓▓▓▓▓░ 999/1000");
  });

  it("needs only the first maxLines entries and the total: the same text as from all of them", () => {
    for (const [count, maxLines, maxChars, nameLength] of [[0, 40, 2500, 5], [3, 40, 2500, 5], [40, 40, 2500, 5], [41, 40, 2500, 5], [10_000, 40, 2500, 5], [500, 40, 300, 30], [45, 30, 10_000, 60]] as const) {
      const entries = Array.from({ length: count }, (_, i) => ({ name: `Member ${"x".repeat(i % nameLength)}${i + 1}`, quantity: 1 + (i % 3) }));
      const options = { maxLines, maxChars, more };
      expect(renderRoster(entries.slice(0, maxLines), { ...options, total: count }), `${count} entries`).toBe(renderRoster(entries, options));
      const composed = { more, maxLines, rosterMaxChars: maxChars };
      expect(composeWithRoster("head", entries.slice(0, maxLines), "", { ...composed, total: count })).toBe(composeWithRoster("head", entries, "", composed));
    }
  });
});
