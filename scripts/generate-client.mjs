// `npm install` (postinstall) and `npm run generate`: derive the PostgreSQL
// schema from the one data model, then generate both Prisma clients
// (src/generated/prisma for SQLite, src/generated/prisma-pg for PostgreSQL).
// Quiet on success; on failure prints the CLI's output and exits non-zero so
// an install with a broken schema can't look successful.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA, syncPostgresSchema } from "./pg-schema.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

const env = {
  ...process.env,
  // `prisma generate` never runs the native schema engine, but the CLI insists
  // on one existing and otherwise tries to download it (fails offline). Any
  // existing file satisfies the check.
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  // no update check or telemetry request: installs must work without network
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

function generate(schema) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "generate", "--schema", schema], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`prisma generate --schema ${schema} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

try {
  // CI must build what is committed: a stale derived schema fails the build
  // instead of being silently rewritten.
  const inCi = Boolean(process.env.CI) && process.env.CI !== "false";
  const inSync = syncPostgresSchema({ check: inCi });
  if (inCi && !inSync) {
    throw new Error(
      "prisma/postgresql/schema.prisma is out of sync with prisma/schema.prisma; run `npm run generate` and commit it.",
    );
  }
  await Promise.all([generate(SOURCE_SCHEMA), generate(POSTGRES_SCHEMA)]);
} catch (error) {
  console.error(`generate-client: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
