// The Bot API spec (compact copy of api.json, see gen-spec.ts) and lookups.
import { readFileSync } from "node:fs";

export type FieldSpec = { name: string; types: string[]; required: boolean };
export type MethodSpec = { name: string; fields: FieldSpec[]; returns: string[] };
export type TypeSpec = { name: string; fields?: FieldSpec[]; subtypes?: string[] };

type RawField = [string, string[], number];
type Raw = {
  version: string;
  methods: Record<string, { f: RawField[]; r: string[] }>;
  types: Record<string, { f?: RawField[]; s?: string[] }>;
};

const raw = JSON.parse(readFileSync(new URL("./bot-api-spec.json", import.meta.url), "utf8")) as Raw;
const fields = (f: RawField[]): FieldSpec[] => f.map(([name, types, req]) => ({ name, types, required: req === 1 }));

const methods = new Map<string, MethodSpec>();
for (const [name, m] of Object.entries(raw.methods)) {
  // Telegram matches method names case-insensitively.
  methods.set(name.toLowerCase(), { name, fields: fields(m.f), returns: m.r });
}
const types = new Map<string, TypeSpec>();
for (const [name, t] of Object.entries(raw.types)) {
  types.set(name, { name, ...(t.f ? { fields: fields(t.f) } : {}), ...(t.s ? { subtypes: t.s } : {}) });
}

export const SPEC_VERSION = raw.version;

export function methodSpec(name: string): MethodSpec | undefined {
  return methods.get(name.toLowerCase());
}

export function typeSpec(name: string): TypeSpec | undefined {
  return types.get(name);
}

/** Update kinds, e.g. "message", "callback_query" (everything but update_id). */
export const UPDATE_KINDS: readonly string[] = (typeSpec("Update")?.fields ?? [])
  .map((f) => f.name)
  .filter((n) => n !== "update_id");

/** What Telegram delivers when allowed_updates is empty or never set. */
export const DEFAULT_UPDATE_KINDS: readonly string[] = UPDATE_KINDS.filter(
  (k) => k !== "chat_member" && k !== "message_reaction" && k !== "message_reaction_count",
);

/** The inline keyboard button fields that choose the button's action. */
export const INLINE_BUTTON_ACTIONS: readonly string[] = (typeSpec("InlineKeyboardButton")?.fields ?? [])
  .map((f) => f.name)
  .filter((n) => n !== "text" && n !== "icon_custom_emoji_id" && n !== "style");

/** Required fields of an object type, filled with neutral defaults (false / 0 / ""). */
export function requiredDefaults(typeName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of typeSpec(typeName)?.fields ?? []) {
    if (!f.required) continue;
    const t = f.types[0] ?? "";
    if (t === "Boolean" || t === "True") out[f.name] = false;
    else if (t === "Integer" || t === "Float") out[f.name] = 0;
    else if (t === "String") out[f.name] = "";
    else if (t.startsWith("Array of")) out[f.name] = [];
    else out[f.name] = requiredDefaults(t);
  }
  return out;
}
