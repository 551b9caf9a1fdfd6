// The chart renderer's thread (chart-renderer.ts starts it): resvg (WASM) turns
// an SVG into a PNG. Plain JavaScript, so the same file runs under tsx in tests
// and beside the esbuild bundle of `npm start`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);
const resvg = require("@resvg/resvg-wasm");
await resvg.initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));

// messages sent while the WASM compiled wait in the port until this listener starts it
parentPort.on("message", ({ id, svg, fonts, family }) => {
  try {
    const renderer = new resvg.Resvg(svg, {
      font: { loadSystemFonts: false, fontBuffers: fonts, defaultFontFamily: family, sansSerifFamily: family },
      fitTo: { mode: "original" },
    });
    try {
      const image = renderer.render();
      try {
        parentPort.postMessage({ id, png: image.asPng() });
      } finally {
        image.free();
      }
    } finally {
      renderer.free();
    }
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
