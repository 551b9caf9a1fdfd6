// Telegram's HTML parse mode, modelled on TDLib's parse_html: the same tags,
// the same error messages, entity offsets in UTF-16 code units.
import type { MessageEntity } from "grammy/types";

export type Parsed = { text: string; entities: MessageEntity[] };

const TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
  "a", "code", "pre", "blockquote", "tg-emoji", "tg-time",
]);

type Open = { tag: string; offset: number; attrs: Map<string, string>; expandable: boolean; bytePos: number };

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Decodes an entity at text[i] === "&"; returns [decoded, length] or undefined. */
function decodeEntity(text: string, i: number): [string, number] | undefined {
  const m = /^&(?:([a-z]+)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/.exec(text.slice(i, i + 12));
  if (!m) return undefined;
  if (m[1] !== undefined) {
    const ch = NAMED[m[1]];
    return ch === undefined ? undefined : [ch, m[0].length];
  }
  const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return [String.fromCodePoint(code), m[0].length];
}

const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\r";
const byteOffset = (text: string, i: number) => Buffer.byteLength(text.slice(0, i), "utf8");

export class HtmlError extends Error {}

/**
 * Parses Telegram HTML. `strict` also rejects a bare `&` (Telegram keeps it
 * literally, but the docs require `&amp;`, so it points to missing escaping).
 * Throws HtmlError with Telegram's wording (without "can't parse entities: ").
 */
export function parseHtml(text: string, strict: boolean): Parsed {
  let out = "";
  const stack: Open[] = [];
  const entities: MessageEntity[] = [];
  const languages = new Map<string, string>(); // "offset:length" of <code class="language-…">
  const fail = (msg: string): never => {
    throw new HtmlError(msg);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "&") {
      const decoded = decodeEntity(text, i);
      if (decoded) {
        out += decoded[0];
        i += decoded[1];
        continue;
      }
      if (strict) fail(`Character '&' at byte offset ${byteOffset(text, i)} must be escaped as "&amp;"`);
    }
    if (c !== "<") {
      out += c;
      i++;
      continue;
    }
    const begin = i;
    const beginByte = byteOffset(text, begin);
    i++;
    if (text[i] !== "/") {
      while (i < text.length && !isSpace(text[i]) && text[i] !== ">") i++;
      if (i >= text.length) fail(`Unclosed start tag at byte offset ${beginByte}`);
      const tag = text.slice(begin + 1, i).toLowerCase();
      if (!TAGS.has(tag)) fail(`Unsupported start tag "${tag}" at byte offset ${beginByte}`);
      const attrs = new Map<string, string>();
      let expandable = false;
      while (text[i] !== ">") {
        while (i < text.length && isSpace(text[i])) i++;
        if (text[i] === ">") break;
        const nameStart = i;
        while (i < text.length && !isSpace(text[i]) && text[i] !== "=" && text[i] !== ">") i++;
        const name = text.slice(nameStart, i).toLowerCase();
        if (!name) fail(`Empty attribute name in the tag "${tag}" at byte offset ${beginByte}`);
        while (i < text.length && isSpace(text[i])) i++;
        if (text[i] !== "=") {
          if (tag === "blockquote" && name === "expandable") {
            expandable = true;
            continue;
          }
          fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${beginByte}`);
        }
        i++;
        while (i < text.length && isSpace(text[i])) i++;
        if (i >= text.length) fail(`Unclosed start tag "${tag}" at byte offset ${beginByte}`);
        let value = "";
        const quote = text[i];
        if (quote !== '"' && quote !== "'") {
          const tokenStart = i;
          while (i < text.length && /[A-Za-z0-9.-]/.test(text[i]!)) i++;
          value = text.slice(tokenStart, i).toLowerCase();
          if (!isSpace(text[i]) && text[i] !== ">") fail(`Unexpected end of name token at byte offset ${byteOffset(text, tokenStart)}`);
        } else {
          i++;
          while (i < text.length && text[i] !== quote) {
            const decoded = text[i] === "&" ? decodeEntity(text, i) : undefined;
            if (decoded) {
              value += decoded[0];
              i += decoded[1];
            } else value += text[i++];
          }
          if (text[i] === quote) i++;
        }
        if (i >= text.length) fail(`Unclosed start tag at byte offset ${beginByte}`);
        attrs.set(name, value);
      }
      if (tag === "span" && attrs.get("class") !== "tg-spoiler") {
        fail(`Tag "span" must have class "tg-spoiler" at byte offset ${beginByte}`);
      }
      i++; // ">"
      stack.push({ tag, offset: out.length, attrs, expandable, bytePos: beginByte });
      continue;
    }
    // end tag
    if (stack.length === 0) fail(`Unexpected end tag at byte offset ${beginByte}`);
    i++;
    const nameStart = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== ">") i++;
    const endName = text.slice(nameStart, i).toLowerCase();
    while (i < text.length && isSpace(text[i])) i++;
    if (text[i] !== ">") fail(`Unclosed end tag at byte offset ${beginByte}`);
    i++;
    const open = stack.pop()!;
    if (endName && endName !== open.tag) {
      fail(`Unmatched end tag at byte offset ${beginByte}, expected "</${open.tag}>", found "</${endName}>"`);
    }
    const entity = toEntity(open, out.length - open.offset, entities, languages);
    if (entity) entities.push(entity);
  }
  if (stack.length > 0) fail(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]!.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}

function toEntity(
  open: Open,
  length: number,
  done: MessageEntity[],
  languages: Map<string, string>,
): MessageEntity | undefined {
  if (length <= 0) return undefined;
  const { offset, attrs } = open;
  switch (open.tag) {
    case "b":
    case "strong":
      return { type: "bold", offset, length };
    case "i":
    case "em":
      return { type: "italic", offset, length };
    case "u":
    case "ins":
      return { type: "underline", offset, length };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough", offset, length };
    case "span":
    case "tg-spoiler":
      return { type: "spoiler", offset, length };
    case "blockquote":
      return { type: open.expandable ? "expandable_blockquote" : "blockquote", offset, length };
    case "code": {
      const lang = attrs.get("class")?.match(/^language-(.+)$/)?.[1];
      if (lang) languages.set(`${offset}:${length}`, lang);
      return { type: "code", offset, length };
    }
    case "pre": {
      // <pre><code class="language-x">…</code></pre> is one pre entity with a language
      const language = languages.get(`${offset}:${length}`);
      const inner = done.findIndex((e) => e.type === "code" && e.offset === offset && e.length === length);
      if (language && inner >= 0) {
        done.splice(inner, 1);
        return { type: "pre", offset, length, language };
      }
      return { type: "pre", offset, length };
    }
    case "a": {
      const href = attrs.get("href") ?? "";
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention) {
        return { type: "text_mention", offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: "" } };
      }
      return href ? { type: "text_link", offset, length, url: href } : undefined;
    }
    case "tg-emoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: attrs.get("emoji-id") ?? "" };
    case "tg-time":
      return {
        type: "date_time",
        offset,
        length,
        unix_time: Number(attrs.get("unix") ?? 0),
        ...(attrs.has("format") ? { date_time_format: attrs.get("format") } : {}),
      } as MessageEntity;
    default:
      return undefined;
  }
}

/** Telegram strips leading/trailing whitespace; entities are shifted and clipped. */
export function trimParsed(p: Parsed): Parsed {
  const start = p.text.length - p.text.trimStart().length;
  const text = p.text.trim();
  const entities: MessageEntity[] = [];
  for (const e of p.entities) {
    const from = Math.max(e.offset - start, 0);
    const to = Math.min(e.offset + e.length - start, text.length);
    if (to > from) entities.push({ ...e, offset: from, length: to - from });
  }
  return { text, entities };
}
