// Parameter decoding and checks against the Bot API spec, plus the rules the
// spec states in prose (text lengths, button data, HTML, commands).
import type { MessageEntity } from "grammy/types";
import { HtmlError, parseHtml, trimParsed, type Parsed } from "./html";
import { INLINE_BUTTON_ACTIONS, typeSpec, type MethodSpec } from "./spec";
import { badRequest, UploadedFile } from "./types";

const OBJECT_KINDS = /^(Array of |[A-Z])/;
const isObjectType = (t: string) => OBJECT_KINDS.test(t) && !["Integer", "Float", "String", "Boolean", "True", "InputFile"].includes(t);

const EMPTY_MESSAGES: Record<string, string> = { chat_id: "chat_id is empty", text: "message text is empty" };

/**
 * Turns decoded request values into typed params (numbers, booleans, parsed
 * JSON, uploaded files), checks required fields and nested object shapes.
 * Unknown parameters are kept and reported through `warn`.
 */
export function coerceParams(
  spec: MethodSpec,
  raw: Record<string, unknown>,
  files: Map<string, UploadedFile>,
  warn: (message: string) => void,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const field = byName.get(name);
    if (!field) {
      warn(`${spec.name}: unknown parameter "${name}"`);
      params[name] = value;
      continue;
    }
    params[name] = coerce(name, value, field.types);
  }
  for (const field of spec.fields) {
    // a multipart file part named like the parameter itself
    if (params[field.name] === undefined && files.has(field.name)) params[field.name] = files.get(field.name);
    if (field.required && params[field.name] === undefined) {
      throw badRequest(EMPTY_MESSAGES[field.name] ?? `${field.name} is required`);
    }
  }
  for (const field of spec.fields) {
    const value = params[field.name];
    if (value === undefined || !field.types.some(isObjectType)) continue;
    const error = checkValue(value, field.types, field.name);
    if (error) throw badRequest(`can't parse ${field.name}: ${error}`);
  }
  for (const field of spec.fields) {
    if (params[field.name] !== undefined) params[field.name] = resolveAttachments(params[field.name], files);
  }
  return params;
}

function coerce(name: string, value: unknown, types: string[]): unknown {
  if (typeof value === "string") {
    if ((types.includes("Integer") || types.includes("Float")) && /^-?\d+(\.\d+)?$/.test(value.trim())) {
      return Number(value);
    }
    if (types.includes("Boolean") || types.includes("True")) {
      if (value === "true" || value === "1") return true;
      if (value === "false" || value === "0") return false;
    }
    if (types.some(isObjectType) && !types.includes("String") && !value.startsWith("attach://")) {
      try {
        return JSON.parse(value);
      } catch {
        throw badRequest(name === "reply_markup" ? "can't parse reply keyboard markup JSON object" : `can't parse ${name} JSON object`);
      }
    }
    if (types.includes("String") || types.includes("InputFile")) return value;
    throw badRequest(`field "${name}" must be of type ${types.join(" or ")}`);
  }
  if (typeof value === "number" && types.includes("String") && !types.includes("Integer") && !types.includes("Float")) {
    return String(value);
  }
  const scalarOk =
    (typeof value === "number" && (types.includes("Integer") || types.includes("Float"))) ||
    (typeof value === "boolean" && (types.includes("Boolean") || types.includes("True"))) ||
    (typeof value === "object" && types.some(isObjectType)) ||
    (value instanceof UploadedFile && types.includes("InputFile"));
  if (!scalarOk) throw badRequest(`field "${name}" must be of type ${types.join(" or ")}`);
  return value;
}

function resolveAttachments(value: unknown, files: Map<string, UploadedFile>): unknown {
  if (typeof value === "string" && value.startsWith("attach://")) {
    const file = files.get(value.slice("attach://".length));
    if (!file) throw badRequest(`file "${value}" is not attached`);
    return file;
  }
  if (Array.isArray(value)) return value.map((v) => resolveAttachments(v, files));
  if (value && typeof value === "object" && !(value instanceof UploadedFile)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveAttachments(v, files)]));
  }
  return value;
}

/** Checks a value against spec types; returns an error text or undefined. */
export function checkValue(value: unknown, types: string[], path: string): string | undefined {
  let first: string | undefined;
  for (const t of types) {
    const error = checkOne(value, t, path);
    if (!error) return undefined;
    first ??= error;
  }
  return first;
}

function checkOne(value: unknown, type: string, path: string): string | undefined {
  if (type.startsWith("Array of ")) {
    if (!Array.isArray(value)) return `${path} must be an Array`;
    const inner = type.slice("Array of ".length);
    for (let i = 0; i < value.length; i++) {
      const error = checkOne(value[i], inner, `${path}[${i}]`);
      if (error) return error;
    }
    return undefined;
  }
  switch (type) {
    case "Integer":
      return Number.isInteger(value) ? undefined : `${path} must be an Integer`;
    case "Float":
      return typeof value === "number" ? undefined : `${path} must be a Number`;
    case "String":
      return typeof value === "string" || typeof value === "number" ? undefined : `${path} must be a String`;
    case "Boolean":
    case "True":
      return typeof value === "boolean" ? undefined : `${path} must be a Boolean`;
    case "InputFile":
      return value instanceof UploadedFile || typeof value === "string" ? undefined : `${path} must be a file`;
  }
  const spec = typeSpec(type);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${path} must be an Object`;
  if (!spec) return undefined;
  if (spec.subtypes) {
    const errors = spec.subtypes.map((s) => checkOne(value, s, path));
    return errors.includes(undefined) ? undefined : errors[0];
  }
  const obj = value as Record<string, unknown>;
  for (const f of spec.fields ?? []) {
    const v = obj[f.name];
    if (v === undefined || v === null) {
      if (f.required) return `Can't find field "${f.name}" in ${path}`;
      continue;
    }
    const error = checkValue(v, f.types, `${path}.${f.name}`);
    if (error) return error;
  }
  return undefined;
}

// ---- text and captions --------------------------------------------------

export type Formatted = { text: string; entities: MessageEntity[] };

/** Applies parse_mode like Telegram and checks the length (UTF-16 code units). */
export function formatText(
  source: string,
  parseMode: unknown,
  entities: unknown,
  kind: "text" | "caption",
  strict: boolean,
): Formatted {
  let parsed: Parsed;
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : undefined;
  if (mode === undefined || mode === "") {
    parsed = { text: source, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
  } else if (mode === "html") {
    try {
      parsed = parseHtml(source, strict);
    } catch (error) {
      if (error instanceof HtmlError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  } else if (mode === "markdownv2" || mode === "markdown") {
    // not parsed: counted without the escaping backslashes
    parsed = { text: source.replace(/\\(.)/g, "$1"), entities: [] };
  } else {
    throw badRequest("unsupported parse_mode");
  }
  const result = trimParsed(parsed);
  if (kind === "text") {
    if (result.text.length === 0) throw badRequest("message text is empty");
    if (result.text.length > 4096) throw badRequest("message is too long");
  } else if (result.text.length > 1024) {
    throw badRequest("message caption is too long");
  }
  return result;
}

// ---- keyboards ----------------------------------------------------------

const buttonError = (what: string) => badRequest(`can't parse inline keyboard button: ${what}`);

/** Telegram's rules for reply_markup beyond its JSON shape; `chatId`: where it is sent (web_app buttons only in private chats). */
export function checkReplyMarkup(markup: unknown, strict: boolean, chatId?: number): void {
  if (markup === undefined) return;
  const m = markup as Record<string, unknown>;
  if (Array.isArray(m.inline_keyboard)) {
    let count = 0;
    for (const row of m.inline_keyboard as unknown[]) {
      if (!Array.isArray(row)) throw buttonError("InlineKeyboardButton row must be an Array");
      for (const button of row as Record<string, unknown>[]) {
        count++;
        checkInlineButton(button, strict, chatId);
      }
    }
    if (count > 100) throw badRequest("reply markup is too long");
  } else if (Array.isArray(m.keyboard)) {
    for (const row of m.keyboard as unknown[]) {
      if (!Array.isArray(row)) throw badRequest("can't parse keyboard button: KeyboardButton row must be an Array");
      for (const button of row as unknown[]) {
        const text = typeof button === "string" ? button : (button as { text?: unknown }).text;
        if (typeof text !== "string" || text.length === 0) throw badRequest("can't parse keyboard button: Text must be non-empty");
      }
    }
  } else if (m.remove_keyboard === undefined && m.force_reply === undefined) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
}

function checkInlineButton(button: Record<string, unknown>, strict: boolean, chatId: number | undefined): void {
  if (typeof button !== "object" || button === null) throw buttonError("InlineKeyboardButton must be an Object");
  if (typeof button.text !== "string" || button.text.length === 0) throw buttonError("Text must be non-empty");
  const actions = INLINE_BUTTON_ACTIONS.filter((a) => button[a] !== undefined && button[a] !== null);
  if (actions.length === 0) throw buttonError("Text buttons are unallowed in the inline keyboard");
  if (strict && actions.length > 1) {
    throw buttonError(`exactly one of the optional fields must be used, found ${actions.join(", ")}`);
  }
  if (button.callback_data !== undefined) {
    const bytes = Buffer.byteLength(String(button.callback_data), "utf8");
    if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (button.url !== undefined) {
    const url = String(button.url);
    if (!/^(https?:\/\/[^\s/$.?#][^\s]*|tg:\/\/\S+)$/i.test(url)) {
      throw badRequest(`inline keyboard button URL '${url}' is invalid: Unsupported URL protocol`);
    }
  }
  if (button.web_app !== undefined) {
    // the spec: "Available only in private chats between a user and the bot"; and its WebAppInfo.url is "An HTTPS URL"
    if (chatId !== undefined && chatId < 0) throw badRequest("BUTTON_TYPE_INVALID");
    const url = String((button.web_app as { url?: unknown } | null)?.url ?? "");
    if (!/^https:\/\/[^\s/$.?#][^\s]*$/i.test(url)) throw badRequest(`inline keyboard button Web App URL '${url}' is invalid: Only HTTPS links are allowed`);
  }
}

/** setMyCommands: 1-32 chars [a-z0-9_], description 1-256 chars, at most 100. */
export function checkCommands(commands: unknown): void {
  const list = commands as { command: string; description: string }[];
  if (list.length > 100) throw badRequest("too many commands");
  for (const c of list) {
    if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
    if (c.description.length < 1 || c.description.length > 256) throw badRequest("command description is invalid");
  }
}
