import { crc32, deflateSync } from "node:zlib";

/** The dark/light modules of a QR code, row by row (the `qrcode` package's BitMatrix). */
export type QrModules = { size: number; data: ArrayLike<number | boolean> };

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * The QR code as a 1-bit greyscale PNG, `scale` pixels a module, with a quiet
 * zone of `margin` modules. Written here because `qrcode`'s own PNG path draws
 * 8-bit RGBA through pngjs: ~13 ms a code, which capped a close's paid
 * broadcast at under 90 photos a second; this is a tenth of that.
 */
export function qrModulesPng(modules: QrModules, margin: number, scale: number): Buffer {
  const span = modules.size + 2 * margin;
  const side = span * scale;
  const stride = 1 + Math.ceil(side / 8); // a filter byte (0: none), then the row's bits
  const raw = Buffer.alloc(stride * side);
  const row = Buffer.alloc(stride - 1);
  for (let y = 0; y < span; y++) {
    row.fill(0xff); // bit 1 is white
    const my = y - margin;
    if (my >= 0 && my < modules.size) {
      for (let mx = 0; mx < modules.size; mx++) {
        if (!modules.data[my * modules.size + mx]) continue;
        for (let px = (mx + margin) * scale, end = px + scale; px < end; px++) row[px >> 3]! &= ~(0x80 >> (px & 7));
      }
    }
    for (let k = 0; k < scale; k++) row.copy(raw, (y * scale + k) * stride + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale; compression, filter and interlace stay 0
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
