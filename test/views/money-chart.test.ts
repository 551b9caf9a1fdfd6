// The money chart is a real PNG with real Chinese glyphs (no tofu), at the size
// its layout says, with or without the product's photo above it.
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { renderMoneyChart, moneyChartSize, imageSize, CHART_WIDTH, type ChartSlice } from "../../src/views/money-chart";
import { woffToSfnt, fontsFor } from "../../src/views/fonts";
import { slicesByKind } from "../../src/views/money-chart-slices";
import { translator } from "../../src/views/env";
import { createI18n } from "../../src/bot/i18n";
import type { KindedLine } from "../../src/domain/cost-kinds";

const zhSlices: ChartSlice[] = [
  { key: "PRODUCER", label: "生产者", amountFen: 2500 },
  { key: "PACKAGING", label: "包装", amountFen: 500 },
  { key: "LOGISTICS", label: "物流", amountFen: 800 },
  { key: "COOP_FEE", label: "合作社费用", amountFen: 250 },
  { key: "COMMISSION", label: "推介佣金", amountFen: 250 },
];

function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function chart(slices: ChartSlice[], extra: { title?: string; locale?: "zh" | "en"; photo?: Buffer } = {}): Promise<Buffer> {
  return renderMoneyChart({ title: extra.title ?? "钱去哪了", slices, currency: "CNY", locale: extra.locale ?? "zh", photo: extra.photo });
}

function relabel(slices: ChartSlice[], label: (s: ChartSlice) => string): ChartSlice[] {
  return slices.map((s) => ({ ...s, label: label(s) }));
}

/** A solid-colour PNG to stand in for a product photo. */
function photoPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([200, 30, 30, 255], i * 4);
  return PNG.sync.write(png);
}

describe("renderMoneyChart", () => {
  it("renders a PNG that decodes, at the size its layout says", async () => {
    const png = await chart(zhSlices);
    expect(ihdr(png)).toEqual({ width: CHART_WIDTH, height: moneyChartSize({ slices: zhSlices }).height });
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBe(800);
    expect(decoded.height).toBe(190 + 5 * 52 + 24);
    // the bar's first segment is the producer's green
    const at = (x: number, y: number) => [...decoded.data.subarray((y * decoded.width + x) * 4, (y * decoded.width + x) * 4 + 3)];
    expect(at(40, 104)).toEqual([0x2e, 0x7d, 0x32]);
  });

  it("draws the Chinese labels as glyphs, not as missing-glyph boxes", async () => {
    const base = await chart(zhSlices);
    expect(base.equals(await chart(relabel(zhSlices, () => "")))).toBe(false);
    // tofu would draw every missing glyph as the same box: reordered or different
    // characters of the same count would then render identically
    expect(base.equals(await chart(relabel(zhSlices, (s) => [...s.label].reverse().join(""))))).toBe(false);
    expect((await chart(relabel(zhSlices, () => "生产者"))).equals(await chart(relabel(zhSlices, () => "□□□")))).toBe(false);
    expect((await chart(zhSlices, { title: "龙井" })).equals(await chart(zhSlices, { title: "碧螺" }))).toBe(false);
  });

  it("every character of a label has a glyph in the fonts loaded for it", async () => {
    for (const ch of "生产者包装物流合作社费用推介佣金其他¥%.,0123456789") {
      expect(fontsFor(ch), ch).toHaveLength(1);
    }
  });

  it("renders English labels and amounts", async () => {
    const en = await chart(relabel(zhSlices, (s) => s.key.toLowerCase()), { title: "Where the money goes", locale: "en" });
    expect(ihdr(en).width).toBe(800);
    expect(en.equals(await chart(relabel(zhSlices, () => ""), { title: "", locale: "en" }))).toBe(false);
    expect(en.equals(await chart(relabel(zhSlices, (s) => s.key.toUpperCase()), { title: "Where the money goes", locale: "en" }))).toBe(false);
  });

  it("composes the photo above the chart in one picture", async () => {
    const photo = photoPng(400, 300);
    expect(imageSize(photo)).toMatchObject({ width: 400, height: 300 });
    const png = await chart(zhSlices, { photo });
    const size = ihdr(png);
    expect(size).toEqual({ width: 800, height: 600 + moneyChartSize({ slices: zhSlices }).height });
    const decoded = PNG.sync.read(png);
    expect([...decoded.data.subarray(0, 3)]).toEqual([200, 30, 30]);
  });

  it("shows a zero total without dividing by zero, and a single slice at 100%", async () => {
    expect(ihdr(await chart([{ key: "OTHER", label: "其他", amountFen: 0 }])).height).toBe(190 + 52 + 24);
    expect(ihdr(await chart([{ key: "custom", label: "自定义", amountFen: 1 }])).width).toBe(800);
  });

  it("reads a JPEG's size from its frame header", async () => {
    // SOI, APP0 (length 16), SOF0 with height 480 and width 640
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.alloc(14), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0, 0, 0, 0, 0, 0]);
    expect(imageSize(jpeg)).toEqual({ width: 640, height: 480, mime: "image/jpeg" });
  });

  it("refuses a font file that is not WOFF", async () => {
    expect(() => woffToSfnt(Buffer.from("not a font"))).toThrow(/WOFF/);
  });
});

describe("slicesByKind", () => {
  const i18n = createI18n("zh");
  const lines: KindedLine[] = [
    { label: "茶叶", kind: "PRODUCER", amountFen: 2000 },
    { label: "采摘人工", kind: "PRODUCER", amountFen: 500 },
    { label: "运费", kind: "LOGISTICS", amountFen: 800 },
    { label: "推介佣金", kind: "COMMISSION", amountFen: 250 },
  ];

  it("groups the lines by kind, in the kinds' order, labelled per language, summing to the price", async () => {
    const zh = slicesByKind(lines, translator(i18n, "zh"));
    expect(zh).toEqual([
      { key: "PRODUCER", label: "生产者", amountFen: 2500 },
      { key: "LOGISTICS", label: "物流", amountFen: 800 },
      { key: "COMMISSION", label: "推介佣金", amountFen: 250 },
    ]);
    expect(slicesByKind(lines, translator(i18n, "en")).map((s) => s.label)).toEqual(["Producer", "Logistics", "Recommender commission"]);
    const png = await renderMoneyChart({ title: i18n.t("zh", "chart-title"), slices: zh, currency: "CNY", locale: "zh" });
    expect(ihdr(png).height).toBe(moneyChartSize({ slices: zh }).height);
  });
});
