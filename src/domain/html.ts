/** Escapes user text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Cuts text to at most `max` UTF-16 units (Telegram counts those), adding an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // don't split a surrogate pair
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + "…";
}

/** Telegram's limit for a message's text. */
export const MESSAGE_LIMIT = 4096;

/**
 * Fits an HTML text in one message by keeping whole lines: cutting inside a
 * line could split a tag or an entity, and Telegram refuses the message then.
 * Our texts never open a tag on one line and close it on another. The lines
 * left out (blank ones aside) become one `more(count)` line at the end.
 * Lengths are counted on the HTML source, which is never shorter than what
 * Telegram counts.
 */
export function fitLines(text: string, more: (hidden: number) => string, max = MESSAGE_LIMIT): string {
  if (text.length <= max) return text;
  const lines = text.split("\n");
  // nonBlankFrom[i]: the non-blank lines from line i on
  const nonBlankFrom = new Array<number>(lines.length + 1).fill(0);
  for (let i = lines.length - 1; i >= 0; i--) nonBlankFrom[i] = nonBlankFrom[i + 1]! + (lines[i]!.trim() === "" ? 0 : 1);
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const hidden = nonBlankFrom[i + 1]!;
    // keep room for the "more" line unless this line is the last one shown anyway
    const reserve = hidden > 0 ? more(hidden).length + 1 : 0;
    if (used + line.length + reserve > max) {
      while (kept.length > 0 && kept.at(-1)!.trim() === "") kept.pop();
      kept.push(more(nonBlankFrom[i]!));
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept.join("\n");
}

/**
 * Markup we made ourselves (tags, already-escaped text): the only thing that
 * goes into HTML unescaped. Made by `html` or `raw`, never from user text.
 */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** Marks our own markup as safe (a fragment built from escaped parts, a tag). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export type HtmlValue = string | number | SafeHtml;

const asHtml = (value: HtmlValue): string => (value instanceof SafeHtml ? value.markup : typeof value === "number" ? String(value) : escapeHtml(value));

/** A template whose every `${value}` is escaped unless it is SafeHtml: html`<b>${name}</b>`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += asHtml(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Translation variables with every string escaped; numbers and SafeHtml go as they are. */
export function escapedVars(vars: Record<string, HtmlValue>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(vars)) out[key] = typeof value === "number" ? value : asHtml(value);
  return out;
}
