// Bundles the bot (src/main.ts and everything it imports from src/) into
// build/main.mjs for `npm start`. Running the bundle with plain node, instead
// of src/ under tsx, saves tsx's loader thread (~35 MB) and the per-file
// transpiling at start (~1 s on this machine). Packages stay in node_modules.
// `npm start` (scripts/start.mjs) rebuilds (~0.4 s) only when a file under
// src/ or package-lock.json is newer than the bundle (a ~5 ms check), so a
// start never runs stale code and a restart doesn't pay for a build.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE = join(root, "build", "main.mjs");
const WORKERS = ["chart-worker.mjs"];

/** Builds the bundle; concurrent builds (parallel tests) each replace it whole. */
export async function buildBot() {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(root, "src", "main.ts")],
    outfile: BUNDLE,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    sourcemap: "linked",
    write: false,
    logLevel: "silent",
  });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // worker threads' scripts (plain .mjs) sit beside the bundle, where its import.meta.url finds them
  const workers = WORKERS.map((name) => ({ path: join(dirname(BUNDLE), name), contents: readFileSync(join(root, "src", "views", name)) }));
  // the workers and the source map first, so a bundle is never seen without them
  for (const file of [...workers, ...[...result.outputFiles].sort((a) => (a.path.endsWith(".map") ? -1 : 1))]) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

/** Whether the bundle is missing or older than a source it is built from. */
export function bundleIsStale() {
  let built;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  const newerThanBundle = (path) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs > built;
    return readdirSync(path).some((name) => newerThanBundle(join(path, name)));
  };
  return newerThanBundle(join(root, "src")) || newerThanBundle(join(root, "package-lock.json"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildBot();
  } catch (error) {
    console.error(`Could not build the bot: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
