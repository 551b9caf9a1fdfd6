// The chart's font: Noto Sans SC (SIL OFL) from @fontsource/noto-sans-sc, so a
// fresh machine renders Chinese labels with nothing but `npm install` (no
// system fonts). The package ships the font as ~100 unicode-range chunks of
// tens of KB each; we load only the chunks a chart's text needs and decode
// their WOFF (one zlib stream per table) to plain sfnt, once, and keep them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inflateSync } from "node:zlib";

export const CHART_FONT_FAMILY = "Noto Sans SC";

type Chunk = { file: string; ranges: [number, number][] };

let chunks: Chunk[] | undefined;
let packageDir: string | undefined;
const decoded = new Map<string, Buffer>();

/** Where @fontsource/noto-sans-sc is installed (the web pages serve its files too). */
export function fontPackageDir(): string {
  if (!packageDir) {
    const require = createRequire(import.meta.url);
    packageDir = dirname(require.resolve("@fontsource/noto-sans-sc/package.json"));
  }
  return packageDir;
}

/** The regular weight's chunks and the code points each covers, read from the package's CSS. */
function fontChunks(): Chunk[] {
  if (chunks) return chunks;
  const css = readFileSync(join(fontPackageDir(), "400.css"), "utf8");
  const found: Chunk[] = [];
  for (const face of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\) format\('woff'\)/.exec(face)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(",").map((r): [number, number] => {
      const [from, to] = r.trim().replace(/^U\+/i, "").split("-");
      const start = parseInt(from!, 16);
      return [start, to === undefined ? start : parseInt(to, 16)];
    });
    found.push({ file, ranges });
  }
  if (found.length === 0) throw new Error("no font chunks found in @fontsource/noto-sans-sc/400.css");
  chunks = found;
  return found;
}

function covers(chunk: Chunk, cp: number): boolean {
  for (const [from, to] of chunk.ranges) if (cp >= from && cp <= to) return true;
  return false;
}

/** WOFF 1.0 → sfnt (TrueType/OpenType): tables inflated, directory rebuilt. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error("not a WOFF file");
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const tag = woff.readUInt32BE(at);
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const checksum = woff.readUInt32BE(at + 16);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag, checksum, data: compLength < origLength ? inflateSync(raw) : raw });
  }
  tables.sort((a, b) => a.tag - b.tag); // sfnt directories are sorted by tag
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const headerLength = 12 + numTables * 16;
  const total = tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), headerLength);
  const out = Buffer.alloc(total);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

function chunkFont(file: string): Buffer {
  let font = decoded.get(file);
  if (!font) {
    font = woffToSfnt(readFileSync(join(fontPackageDir(), "files", file)));
    decoded.set(file, font);
  }
  return font;
}

/**
 * The fonts that draw `text` (each chunk decoded once, then cached). A
 * character no chunk covers is left out: the renderer shows what it can
 * rather than failing a whole picture.
 */
export function fontsFor(text: string): Buffer[] {
  const all = fontChunks();
  const needed = new Set<Chunk>();
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20) continue;
    const chunk = all.find((c) => covers(c, cp));
    if (chunk) needed.add(chunk);
  }
  return [...needed].map((c) => chunkFont(c.file));
}
