import { qrModulesPng } from "./qr-png";

/** Renders an outbox photo from its spec (what the row stores instead of the image). */
export type PhotoRenderer = (spec: string) => Promise<Buffer>;

/**
 * A QR code as a PNG (the `qrcode` package: pure JS, widely used, no native
 * build). Scale 8 and a quiet zone of 4 modules keep it easy to scan from a
 * phone screen held up at a pickup point.
 */
export async function qrPng(text: string): Promise<Buffer> {
  // loaded on the first QR, not at start: an idle bot stays a few MB smaller
  const { default: QRCode } = await import("qrcode");
  return qrModulesPng(QRCode.create(text, { errorCorrectionLevel: "M" }).modules, 4, 8);
}

/** "qr:<text>": the QR code of the text. */
export const renderPhoto: PhotoRenderer = async (spec) => {
  if (spec.startsWith("qr:")) return qrPng(spec.slice(3));
  throw new Error(`unknown photo spec: ${spec.slice(0, 20)}`);
};
