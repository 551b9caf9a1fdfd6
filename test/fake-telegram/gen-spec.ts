/**
 * Regenerates bot-api-spec.json (a compact copy of the Bot API spec the fake
 * validates against) from the full api.json:
 *   npx tsx test/fake-telegram/gen-spec.ts /path/to/telegram-bot-api-spec/api.json
 */
import { readFileSync, writeFileSync } from "node:fs";

type Field = { name: string; types: string[]; required: boolean };
type Source = {
  version: string;
  methods: Record<string, { fields?: Field[]; returns: string[] }>;
  types: Record<string, { fields?: Field[]; subtypes?: string[] }>;
};

const input = process.argv[2] ?? "/work/shared/telegram-bot-api-spec/api.json";
const src = JSON.parse(readFileSync(input, "utf8")) as Source;
const compactFields = (fields: Field[] = []) => fields.map((f) => [f.name, f.types, f.required ? 1 : 0]);
const out = {
  version: src.version,
  methods: Object.fromEntries(
    Object.entries(src.methods).map(([name, m]) => [name, { f: compactFields(m.fields), r: m.returns }]),
  ),
  types: Object.fromEntries(
    Object.entries(src.types).map(([name, t]) => [
      name,
      { ...(t.fields ? { f: compactFields(t.fields) } : {}), ...(t.subtypes ? { s: t.subtypes } : {}) },
    ]),
  ),
};
writeFileSync(new URL("./bot-api-spec.json", import.meta.url), JSON.stringify(out));
console.log(`wrote ${Object.keys(out.methods).length} methods, ${Object.keys(out.types).length} types (${src.version})`);
