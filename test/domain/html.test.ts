import { describe, expect, it } from "vitest";
import { escapedVars, escapeHtml, fitLines, html, raw } from "../../src/domain/html";

const more = (n: number) => `…and ${n} more`;

/** Every tag opened on a line is closed on it (what Telegram needs to accept a cut text). */
function balanced(html: string): boolean {
  return html.split("\n").every((line) => {
    const stack: string[] = [];
    for (const m of line.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
      if (m[1]) {
        if (stack.pop() !== m[2]) return false;
      } else stack.push(m[2]!);
    }
    // no half tag or half entity at the end
    return stack.length === 0 && !/<[^>]*$/.test(line) && !/&[a-z#0-9]*$/.test(line);
  });
}

describe("fitLines", () => {
  it("leaves a text that fits as it is", () => {
    expect(fitLines("<b>a</b>\nb", more, 20)).toBe("<b>a</b>\nb");
  });

  it("keeps whole lines and says how many were left out", () => {
    const text = ["<b>Title</b>", "<b>one</b> ¥1.00", "<b>two</b> ¥2.00", "", "<b>three</b> ¥3.00"].join("\n");
    const cut = fitLines(text, more, 45);
    expect(cut).toBe("<b>Title</b>\n<b>one</b> ¥1.00\n…and 2 more");
    expect(cut.length).toBeLessThanOrEqual(45);
  });

  it("never cuts inside a tag or an entity, whatever the limit", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `• <b>${escapeHtml(`<Buy ${i}> & "co"`)}</b> <i>${i}</i>`);
    const text = lines.join("\n");
    for (let max = 30; max < 600; max += 7) {
      const cut = fitLines(text, more, max);
      expect(cut.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(balanced(cut), cut).toBe(true);
      expect(cut.endsWith(more(300 - (cut.split("\n").length - 1)))).toBe(true);
    }
  });

  it("drops blank lines before the 'more' line and doesn't count them", () => {
    expect(fitLines("aaaa\n\n\nbbbb\ncccccccc", more, 17)).toBe("aaaa\n…and 2 more");
  });
});

describe("html, raw and escapedVars", () => {
  const name = `<b>Mallory</b> & "friends"`;

  it("escapes every interpolated string, keeps numbers and our own fragments", () => {
    const bold = html`<b>${name}</b>`;
    expect(bold.markup).toBe("<b>&lt;b&gt;Mallory&lt;/b&gt; &amp; &quot;friends&quot;</b>");
    expect(html`${bold} × ${3}`.markup).toBe(`${bold.markup} × 3`);
    expect(html`${raw("<i>ok</i>")}`.markup).toBe("<i>ok</i>");
  });

  it("escapes translation variables unless they are marked safe", () => {
    expect(escapedVars({ name, qty: 2, link: raw('<a href="x">y</a>') })).toEqual({
      name: escapeHtml(name),
      qty: 2,
      link: '<a href="x">y</a>',
    });
  });
});
