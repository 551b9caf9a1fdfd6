import QRCode from "qrcode";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { qrPng } from "../../src/services/photos";
import { qrModulesPng } from "../../src/services/qr-png";
import { decodeQr } from "../helpers/qr";

const TEXTS = ["https://t.me/letscoop_bot?start=pk_7QK3M9", "A", "来!合作社 取货码 4821", "x".repeat(300)];

/** Each pixel as dark (true) or light, whatever the PNG's colour type. */
function pixels(png: Buffer): { width: number; height: number; dark: boolean[] } {
  const image = PNG.sync.read(png);
  const dark: boolean[] = [];
  for (let i = 0; i < image.width * image.height; i++) dark.push(image.data[i * 4]! < 128);
  return { width: image.width, height: image.height, dark };
}

describe("QR codes as 1-bit PNGs", () => {
  it.each(TEXTS)("reads back to its text with a phone's decoder: %s", async (text) => {
    const png = await qrPng(text);
    expect(decodeQr(png)).toBe(text);
    const { size } = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([(size + 8) * 8, (size + 8) * 8]);
  });

  it.each([[4, 8], [2, 3], [0, 1], [1, 5]])("draws the same pixels as qrcode's own PNG (margin %i, scale %i)", async (margin, scale) => {
    const text = TEXTS[0]!;
    const ours = pixels(qrModulesPng(QRCode.create(text, { errorCorrectionLevel: "M" }).modules, margin, scale));
    const theirs = pixels(await QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin, scale }));
    expect(ours.width).toBe(theirs.width);
    expect(ours.dark).toEqual(theirs.dark);
  });

  it("is a 1-bit greyscale image, far smaller than an RGBA one", async () => {
    const png = await qrPng(TEXTS[0]!);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png[24], png[25]]).toEqual([1, 0]); // IHDR bit depth 1, colour type 0
    expect(png.length).toBeLessThan(2_000);
  });
});
