// Derives prisma/postgresql/schema.prisma from prisma/schema.prisma, the one
// data model. Only the datasource provider and the generator output differ, so
// the two generated clients have the same API and the models can never drift.
//
//   node scripts/pg-schema.mjs          write the derived schema if it changed
//   node scripts/pg-schema.mjs --check  exit 1 if the committed file is stale
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SOURCE_SCHEMA = join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = join(root, "prisma", "postgresql", "schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/pg-schema.mjs — do not edit.\n" +
  "// Change prisma/schema.prisma, then run `npm run db:migrate -- <name>`.\n\n";

/** Replaces exactly one match or throws: a silent no-op would ship a wrong schema. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, "g"));
  if (!matches || matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  }
  return text.replace(pattern, replacement);
}

/** The PostgreSQL twin of the SQLite schema text. */
export function derivePostgresSchema(source) {
  let text = replaceOnce(
    source,
    /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    'datasource with provider = "sqlite"',
  );
  text = replaceOnce(
    text,
    /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/src\/generated\/prisma"/,
    '$1"../../src/generated/prisma-pg"',
    'generator client with output = "../src/generated/prisma"',
  );
  return HEADER + text;
}

/** Writes the derived schema (or, with check, only compares). Returns whether it was in sync. */
export function syncPostgresSchema({ check = false } = {}) {
  const expected = derivePostgresSchema(readFileSync(SOURCE_SCHEMA, "utf8"));
  let current = null;
  try {
    current = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {
    // missing: treated as stale
  }
  if (current === expected) return true;
  if (!check) {
    mkdirSync(dirname(POSTGRES_SCHEMA), { recursive: true });
    writeFileSync(POSTGRES_SCHEMA, expected);
  }
  return false;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes("--check");
  try {
    if (!syncPostgresSchema({ check }) && check) {
      console.error(
        "prisma/postgresql/schema.prisma is out of sync with prisma/schema.prisma; run `npm run generate` and commit it.",
      );
      process.exit(1);
    }
  } catch (error) {
    console.error(`pg-schema: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
