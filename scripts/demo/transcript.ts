// Prints the story as members would see it: what each person says or taps,
// and every message the bot sends or edits, with its buttons, read from the
// fake Telegram's call log (so it shows exactly what the bot sent).
import type { InlineKeyboardButton } from "grammy/types";
import type { FakeTelegram } from "../../test/fake-telegram/server";
import type { Call } from "../../test/fake-telegram/types";
import type { Narration } from "./narration";

const CODES = { bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39] } as const;
type Style = keyof typeof CODES;

export type TranscriptOptions = { color: boolean; quiet: boolean; narration: Narration; write?: (text: string) => void };

export class Transcript {
  private seen = 0;
  private readonly chats = new Map<number, string>();
  private readonly people = new Map<number, { name: string; role?: string }>();
  /** what each bot message showed last ("chat:message" → lines), so an edit shows only what changed */
  private readonly shown = new Map<string, { lines: string[]; buttons: string }>();
  private readonly write: (text: string) => void;
  /** the narrator's words, in the demo's language */
  readonly n: Narration;

  constructor(
    private readonly fake: FakeTelegram,
    private readonly options: TranscriptOptions,
  ) {
    this.write = options.write ?? ((text) => process.stdout.write(text));
    this.n = options.narration;
  }

  style(text: string, ...styles: Style[]): string {
    if (!this.options.color) return text;
    return styles.reduce((t, s) => `\x1b[${CODES[s][0]}m${t}\x1b[${CODES[s][1]}m`, text);
  }

  /** Names a chat for the transcript ("👥 Green Street Co-op", "💬 Lily ⇄ bot"). */
  nameChat(chatId: number, label: string): void {
    this.chats.set(chatId, label);
  }

  namePerson(userId: number, name: string, role?: string): void {
    this.people.set(userId, { name, role });
  }

  line(text = ""): void {
    if (!this.options.quiet) this.write(text + "\n");
  }

  /** Always printed, even with --quiet. */
  important(text: string): void {
    this.write(text + "\n");
  }

  heading(text: string): void {
    this.line();
    const head = `━━ ${text} `;
    this.line(this.style(head + "━".repeat(Math.max(0, 72 - width(head))), "bold", "yellow"));
  }

  note(text: string): void {
    this.line(this.style(`   ⏱  ${text}`, "dim"));
  }

  said(userId: number, chatId: number, text: string): void {
    this.skipOld();
    const where = chatId === userId ? this.n.toBot : this.n.inChat(this.chat(chatId));
    this.line(`${this.speaker(userId)} ${this.style(where, "dim")}${text}`);
  }

  pressed(userId: number, chatId: number, label: string): void {
    this.skipOld();
    const where = chatId === userId ? this.n.taps : this.n.tapsIn(this.chat(chatId));
    this.line(`${this.speaker(userId)} ${this.style(where, "dim")}${this.style(`[ ${label} ]`, "cyan")}`);
  }

  /** Someone outside Telegram (a browser, another co-op's software) asks the bot's web server; then what it answered. */
  request(who: string, method: string, url: string, headers = ""): void {
    this.skipOld();
    this.line(`${this.style(who, "bold", "blue")} ${this.style(`${method} ${url}`, "underline")}${headers ? this.style(`  ${headers}`, "dim") : ""}`);
  }

  answered(status: number, type: string | null, bytes: number): void {
    const kb = bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
    this.line(`   ${this.style(`← ${status}${type ? ` ${type.split(";")[0]}` : ""} · ${kb}`, status < 400 ? "green" : "yellow")}`);
  }

  /** A file's first lines, as someone opening it would see them. */
  preview(lines: string[], max = 8): void {
    const bar = this.style("   ┆ ", "dim");
    for (const l of lines.slice(0, max)) this.line(bar + this.style(l, "dim"));
    if (lines.length > max) this.line(bar + this.style(this.n.moreLines(lines.length - max), "dim"));
  }

  /** Prints what the bot did since the last call. */
  showBot(): void {
    const calls = this.fake.calls.slice(this.seen);
    this.seen = this.fake.calls.length;
    for (const call of calls) this.showCall(call);
  }

  /** Everything the bot did so far is not shown (set-up noise such as menus). */
  skipOld(): void {
    this.showBot();
  }

  private showCall(call: Call): void {
    const p = call.params;
    const chatId = Number(p.chat_id);
    if (!call.response.ok) {
      if (call.method !== "getUpdates") this.line(this.style(`   ✗ ${this.n.refused(call.method, String(call.response.description))}`, "red"));
      return;
    }
    const bot = this.style(this.n.bot, "bold", "magenta");
    const id = Number(p.message_id);
    switch (call.method) {
      case "sendMessage": {
        this.line(`${bot} ${this.style(this.n.sentTo(this.chat(chatId)), "dim")}`);
        const sent = call.response.result as { message_id?: number } | undefined;
        return this.body(String(p.text), p.reply_markup, `${chatId}:${sent?.message_id}`);
      }
      case "editMessageText":
        this.line(`${bot} ${this.style(this.n.updates(id, this.chat(chatId)), "dim")}`);
        return this.body(String(p.text), p.reply_markup, `${chatId}:${String(p.message_id)}`, true);
      case "editMessageReplyMarkup": {
        const emptied = !(p.reply_markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard?.length;
        this.line(`${bot} ${this.style((emptied ? this.n.buttonsRemoved : this.n.buttonsChanged)(id, this.chat(chatId)), "dim")}`);
        return this.body("", p.reply_markup);
      }
      case "sendDocument": {
        const file = p.document as { filename?: string } | undefined;
        this.line(`${bot} ${this.style(this.n.sentTo(this.chat(chatId)), "dim")} 📎 ${this.style(file?.filename ?? "document", "underline")}`);
        return this.body(typeof p.caption === "string" ? p.caption : "", p.reply_markup);
      }
      case "sendPhoto":
      case "sendMediaGroup": {
        this.line(`${bot} ${this.style(this.n.sentTo(this.chat(chatId)), "dim")} 🖼  ${call.method === "sendPhoto" ? this.n.photo : this.n.photos}${pngSize(p.photo)}`);
        const sent = call.response.result as { message_id?: number } | undefined;
        return this.body(typeof p.caption === "string" ? p.caption : "", p.reply_markup, call.method === "sendPhoto" ? `${chatId}:${sent?.message_id}` : undefined);
      }
      case "editMessageCaption":
        this.line(`${bot} ${this.style(this.n.updates(id, this.chat(chatId)), "dim")}`);
        return this.body(String(p.caption ?? ""), p.reply_markup, `${chatId}:${String(p.message_id)}`, true);
      case "editMessageMedia": {
        const media = p.media as { media?: unknown; caption?: unknown } | undefined;
        this.line(`${bot} ${this.style(this.n.updates(id, this.chat(chatId)), "dim")} 🖼  ${this.n.photo}${pngSize(media?.media)}`);
        return this.body(String(media?.caption ?? ""), p.reply_markup, `${chatId}:${String(p.message_id)}`, true);
      }
      case "answerCallbackQuery":
        if (typeof p.text === "string" && p.text) this.line(`   ${this.style(`💭 ${(p.show_alert ? this.n.alert : this.n.toast)(p.text)}`, "italic", "green")}`);
        if (typeof p.url === "string") this.line(`   ${this.style(`↪ ${this.n.telegramOpens(p.url)}`, "dim")}`);
        return;
      case "sendPoll": {
        // a native poll: its question, and its options as the voters see them
        const options = (p.options as { text?: string }[] | undefined) ?? [];
        this.line(`${bot} ${this.style(this.n.sentTo(this.chat(chatId)), "dim")} 🗳  ${this.n.poll}`);
        return this.body(String(p.question), { inline_keyboard: [options.map((o) => ({ text: `○ ${o.text ?? ""}` }))] });
      }
      case "stopPoll":
        return this.line(this.style(`   🗳  ${this.n.pollClosed(id, this.chat(chatId))}`, "dim"));
      case "deleteMessage":
        return this.line(this.style(`   🗑  ${this.n.deletes(id, this.chat(chatId))}`, "dim"));
      default:
        return;
    }
  }

  /** A message's text and buttons; for an edit, only the lines that changed. */
  private body(html: string, markup: unknown, key?: string, edit = false): void {
    const bar = this.style("   │ ", "magenta");
    const lines = html ? renderHtml(html, (t, ...s) => this.style(t, ...s)).split("\n") : [];
    const rows = ((markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard ?? []).filter((r) => r.length > 0);
    const buttons = rows.map((row) => row.map((b) => this.style(`[ ${b.text} ]`, "cyan")).join(" "));
    const before = key ? this.shown.get(key) : undefined;
    if (key) this.shown.set(key, { lines, buttons: buttons.join("\n") });
    if (edit && before) {
      const previous = new Set(before.lines);
      const changed = lines.filter((l) => l.trim() !== "" && !previous.has(l));
      for (const l of changed) this.line(bar + l);
      const same = lines.filter((l) => l.trim() !== "").length - changed.length;
      if (same > 0) this.line(bar + this.style(this.n.asBefore(same), "dim"));
      if (buttons.join("\n") === before.buttons) return;
    } else {
      for (const l of lines) this.line(bar + l);
    }
    for (const row of buttons) this.line(bar + row);
  }

  private speaker(userId: number): string {
    const person = this.people.get(userId);
    const name = this.style(person?.name ?? this.n.unknownPerson(userId), "bold", "blue");
    return person?.role ? name + this.style(this.n.role(person.role), "blue") : name;
  }

  private chat(chatId: number): string {
    return this.chats.get(chatId) ?? (chatId > 0 ? `💬 ${this.people.get(chatId)?.name ?? this.n.unknownPerson(chatId)}` : `chat ${chatId}`);
  }
}

/** " (800×530 PNG)" for an uploaded PNG (a chart), else nothing. */
function pngSize(file: unknown): string {
  const bytes = (file as { bytes?: unknown } | undefined)?.bytes;
  if (!Buffer.isBuffer(bytes) || bytes.length < 24 || bytes.toString("latin1", 12, 16) !== "IHDR") return "";
  return ` (${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)} PNG)`;
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Columns a terminal gives the text (CJK characters take two). */
export function width(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Telegram HTML as a terminal shows it: tags become styles, entities decoded. */
export function renderHtml(html: string, style: (text: string, ...styles: Style[]) => string): string {
  const styled = html
    .replace(/<(b|strong)>([\s\S]*?)<\/\1>/g, (_, _t, inner: string) => style(inner, "bold"))
    .replace(/<(i|em)>([\s\S]*?)<\/\1>/g, (_, _t, inner: string) => style(inner, "italic"))
    .replace(/<(u|ins)>([\s\S]*?)<\/\1>/g, (_, _t, inner: string) => style(inner, "underline"))
    .replace(/<(code|pre)[^>]*>([\s\S]*?)<\/\1>/g, (_, _t, inner: string) => style(inner, "cyan"))
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, inner: string) => (inner === href ? style(inner, "underline") : `${style(inner, "underline")} ${style(`(${href})`, "dim")}`))
    .replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/g, (_, inner: string) => inner.split("\n").map((l) => `▎ ${l}`).join("\n"))
    .replace(/<\/?[a-z-]+[^>]*>/g, "");
  return styled
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}
