// "Where the money goes" as a picture: a stacked bar of a price by line kind
// and a legend row per slice (label, amount, share), optionally under the
// product's photo so photo and chart are one message. Drawn as SVG and
// rendered to PNG by resvg with the bundled Noto Sans SC (see fonts.ts): no
// system fonts. General on purpose: the card, the announcement and the
// statement all draw their slices with it; callers pass translated labels.
import { formatMoney, type Fen, type Locale } from "../domain/money";
import type { CostKind } from "../domain/cost-kinds";
import { renderSvgToPng } from "./chart-renderer";
import { CHART_FONT_FAMILY, fontsFor } from "./fonts";

export type ChartSlice = { key: CostKind | string; label: string; amountFen: Fen };

export type MoneyChartInput = {
  title: string;
  slices: readonly ChartSlice[];
  currency: string;
  locale: Locale;
  /** The product's photo (JPEG, PNG or GIF), drawn above the chart. */
  photo?: Buffer;
};

export const CHART_WIDTH = 800;
const PAD = 32;
const TITLE_Y = 64;
const BAR_Y = 100;
const BAR_H = 56;
const ROWS_Y = 190;
const ROW_H = 52;
const BOTTOM = 24;
const MIN_PHOTO_H = 200;
const MAX_PHOTO_H = 1000;

const KIND_COLORS: Record<CostKind, string> = {
  PRODUCER: "#2e7d32",
  PACKAGING: "#f9a825",
  LOGISTICS: "#1565c0",
  COOP_FEE: "#6a1b9a",
  COMMISSION: "#ef6c00",
  OTHER: "#78909c",
};
const SPARE_COLORS = ["#00838f", "#c62828", "#5d4037", "#ad1457", "#558b2f", "#283593"];

/** Share text on a segment: dark on the light colours, white on the rest. */
const LIGHT_COLORS = new Set(["#f9a825"]);

function colorOf(key: string, index: number): string {
  return KIND_COLORS[key as CostKind] ?? SPARE_COLORS[index % SPARE_COLORS.length]!;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rough width of text in em (CJK and full-width ≈ 1, others ≈ 0.6): enough to keep a label in its column. */
function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return w;
}

function fit(text: string, maxEm: number): string {
  if (emWidth(text) <= maxEm) return text;
  let out = "";
  for (const ch of text) {
    if (emWidth(out + ch) > maxEm - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const percentFormats = new Map<Locale, Intl.NumberFormat>();
/** A share for display only (rounded to 0.1%): the amounts, not the percentages, are the books. */
function formatShare(amount: Fen, total: Fen, locale: Locale): string {
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", { style: "percent", maximumFractionDigits: 1 });
    percentFormats.set(locale, f);
  }
  return f.format(total > 0 ? Math.max(0, amount) / total : 0);
}

/** Width and height of a PNG, JPEG or GIF, or undefined when it isn't one we can read. */
export function imageSize(image: Buffer): { width: number; height: number; mime: string } | undefined {
  if (image.length >= 24 && image.readUInt32BE(0) === 0x89504e47) {
    return { width: image.readUInt32BE(16), height: image.readUInt32BE(20), mime: "image/png" };
  }
  if (image.length >= 10 && image.toString("latin1", 0, 3) === "GIF") {
    return { width: image.readUInt16LE(6), height: image.readUInt16LE(8), mime: "image/gif" };
  }
  if (image.length >= 4 && image[0] === 0xff && image[1] === 0xd8) {
    let at = 2;
    while (at + 9 < image.length) {
      if (image[at] !== 0xff) return undefined;
      const marker = image[at + 1]!;
      if (marker === 0xff) { at++; continue; }
      const length = image.readUInt16BE(at + 2);
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: image.readUInt16BE(at + 5), width: image.readUInt16BE(at + 7), mime: "image/jpeg" };
      }
      at += 2 + length;
    }
  }
  return undefined;
}

/** The height the photo takes above the chart (its aspect at the chart's width, clamped), 0 without one. */
function photoHeight(photo: Buffer | undefined): number {
  if (!photo) return 0;
  const size = imageSize(photo);
  if (!size || size.width === 0) return 0;
  return Math.min(MAX_PHOTO_H, Math.max(MIN_PHOTO_H, Math.round((CHART_WIDTH * size.height) / size.width)));
}

/** The PNG's size for these inputs (a test and a caller can know it before rendering). */
export function moneyChartSize(input: Pick<MoneyChartInput, "slices" | "photo">): { width: number; height: number } {
  return { width: CHART_WIDTH, height: photoHeight(input.photo) + ROWS_Y + input.slices.length * ROW_H + BOTTOM };
}

/** The chart as SVG, and every piece of text in it (to pick the font chunks). */
export function moneyChartSvg(input: MoneyChartInput): { svg: string; text: string } {
  const { width, height } = moneyChartSize(input);
  const top = photoHeight(input.photo);
  const total = input.slices.reduce((n, s) => n + Math.max(0, s.amountFen), 0);
  const money = (fen: Fen) => formatMoney(fen, input.currency, input.locale);
  const texts: string[] = [];
  const text = (x: number, y: number, size: number, value: string, attrs = "") => {
    texts.push(value);
    return `<text x="${x}" y="${y}" font-size="${size}" ${attrs}>${xml(value)}</text>`;
  };
  const parts: string[] = [];
  if (top > 0) {
    const size = imageSize(input.photo!)!;
    parts.push(
      `<image x="0" y="0" width="${width}" height="${top}" preserveAspectRatio="xMidYMid slice" href="data:${size.mime};base64,${input.photo!.toString("base64")}"/>`,
    );
  }
  const title = fit(input.title, (width - 2 * PAD - 220) / 32);
  parts.push(text(PAD, top + TITLE_Y, 32, title, `fill="#212121"`));
  parts.push(text(width - PAD, top + TITLE_Y, 32, money(total), `fill="#212121" text-anchor="end"`));

  const barW = width - 2 * PAD;
  parts.push(`<clipPath id="bar"><rect x="${PAD}" y="${top + BAR_Y}" width="${barW}" height="${BAR_H}" rx="10"/></clipPath>`);
  parts.push(`<rect x="${PAD}" y="${top + BAR_Y}" width="${barW}" height="${BAR_H}" rx="10" fill="#eceff1"/>`);
  const segments: string[] = [];
  let x = PAD;
  let sum = 0;
  input.slices.forEach((s, i) => {
    if (s.amountFen <= 0 || total === 0) return;
    sum += s.amountFen;
    // Segment edges from the running sum, so rounding never leaves a gap at the end.
    const end = PAD + Math.round((barW * sum) / total);
    const w = end - x;
    const color = colorOf(s.key, i);
    segments.push(`<rect x="${x}" y="${top + BAR_Y}" width="${w}" height="${BAR_H}" fill="${color}"/>`);
    if (w >= 72) {
      const ink = LIGHT_COLORS.has(color) ? "#212121" : "#ffffff";
      segments.push(text(x + w / 2, top + BAR_Y + 36, 22, formatShare(s.amountFen, total, input.locale), `fill="${ink}" text-anchor="middle"`));
    }
    x = end;
  });
  parts.push(`<g clip-path="url(#bar)">${segments.join("")}</g>`);

  input.slices.forEach((s, i) => {
    const y = top + ROWS_Y + i * ROW_H;
    parts.push(`<rect x="${PAD}" y="${y + 10}" width="24" height="24" rx="4" fill="${colorOf(s.key, i)}"/>`);
    parts.push(text(PAD + 40, y + 32, 26, fit(s.label, 15), `fill="#212121"`));
    parts.push(text(width - PAD - 130, y + 32, 26, money(s.amountFen), `fill="#424242" text-anchor="end"`));
    parts.push(text(width - PAD, y + 32, 26, formatShare(s.amountFen, total, input.locale), `fill="#757575" text-anchor="end"`));
  });

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${CHART_FONT_FAMILY}">` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${parts.join("")}</svg>`;
  return { svg, text: texts.join("") };
}

// resvg as WebAssembly, in a thread of its own (chart-renderer.ts). Not the
// native @resvg/resvg-js: its 2.6.2 build never frees a render's pixels (RSS
// grew ~1 MB a chart and GC didn't help); the WASM build's free() releases
// them, and it takes fonts as buffers, and was as fast here (~10 ms a chart).

/** The chart as a PNG (photo above it when given). */
export async function renderMoneyChart(input: MoneyChartInput): Promise<Buffer> {
  const { svg, text } = moneyChartSvg(input);
  return renderSvgToPng(svg, fontsFor(text), CHART_FONT_FAMILY);
}
