import jsQR from "jsqr";
import { PNG } from "pngjs";

/** Reads the QR code in a PNG back to its text (jsQR, the decoder phones' web scanners use); undefined when there is none. */
export function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data;
}
