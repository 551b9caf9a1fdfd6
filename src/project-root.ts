import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding package.json, locales/ and prisma/. Found by walking up
 * from this module, because it runs from two depths: src/ (under tsx, in
 * tests and scripts) and the bundle in build/ (`npm start`).
 */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "locales"))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the letscoop folder (package.json and locales/) above ${from}`);
  }
}
