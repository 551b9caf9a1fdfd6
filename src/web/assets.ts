// The page's own files: its style sheet, the Mini App's small script (CSP
// allows no inline script), and the CJK font. A fresh machine (or a phone
// without Chinese fonts) has no CJK font, so the page brings Noto Sans SC
// from @fontsource/noto-sans-sc: the package's unicode-range chunks, each
// fetched by the browser only when the page uses a character of it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fontPackageDir } from "../views/fonts";
import { IMMUTABLE_CACHE, type Route, type WebAnswer } from "./http";

export const PAGE_FONT_FAMILY = "Noto Sans SC";
/** Files change only with the package: a version in their URL lets browsers keep them. */
export const ASSET_VERSION = "2";

const PAGE_CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--muted:#666;--line:#ddd;--bg:#fff;--card:#f6f7f4;--accent:#2e7d32}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--muted:#aaa;--line:#444;--bg:#151515;--card:#222;--accent:#81c784}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;padding:0 12px 32px;font:16px/1.5 "${PAGE_FONT_FAMILY}",system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:760px;margin-inline:auto}
header{padding:16px 0 8px}
h1{font-size:1.4rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:28px 0 8px;border-bottom:2px solid var(--accent);padding-bottom:4px}
h3{font-size:1.05rem;margin:0 0 4px}
nav{display:flex;gap:12px;flex-wrap:wrap;font-size:.95rem}
a{color:var(--accent)}
.muted{color:var(--muted);font-size:.9rem}
.card{background:var(--card);border-radius:10px;padding:12px;margin:10px 0;overflow-wrap:anywhere}
.tags{display:flex;gap:6px;flex-wrap:wrap;margin:6px 0;padding:0;list-style:none}
.tags li{border:1px solid var(--accent);border-radius:999px;padding:0 8px;font-size:.85rem}
.story,.text{white-space:pre-line}
table{width:100%;border-collapse:collapse;font-size:.9rem;margin:8px 0}
th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line)}
td.n,th.n{text-align:right;white-space:nowrap}
img.chart{width:100%;height:auto;border-radius:6px;background:#fff}
details>summary{cursor:pointer;font-weight:600}
.qa,.feedback{border-top:1px solid var(--line);margin-top:8px}
h4{font-size:.95rem;margin:8px 0 4px}
dt{font-weight:600}dd{margin:0 0 8px 12px}
.feedback ul{margin:4px 0;padding-left:18px}
#me[hidden]{display:none}
code{font-size:1.05em;letter-spacing:.05em}
footer{margin-top:32px;font-size:.85rem;color:var(--muted)}
`;

// Reads the signed initData Telegram gives a Mini App (the SDK's object when
// loaded, else the launch URL's fragment) and asks for the member's own part.
const ME_JS = `(function () {
  var section = document.getElementById("me");
  if (!section) return;
  var data = "";
  try { data = (window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData) || ""; } catch (e) {}
  if (!data && location.hash.length > 1) data = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData") || "";
  if (!data) return;
  var body = new URLSearchParams({ initData: data });
  fetch(section.getAttribute("data-me"), { method: "POST", body: body, credentials: "omit" })
    .then(function (r) { return r.ok ? r.text() : ""; })
    .then(function (html) { if (html) { section.innerHTML = html; section.hidden = false; } })
    .catch(function () {});
})();
`;

let fontsCss: string | undefined;

/** @font-face rules for the package's regular weight, pointing at our own /assets/fonts/ URLs. */
export function fontFaceCss(): string {
  if (fontsCss) return fontsCss;
  const css = readFileSync(join(fontPackageDir(), "400.css"), "utf8");
  fontsCss = css.replace(/url\(\.\/files\/([^)]+)\)/g, (_, file: string) => `url(/assets/fonts/${file})`);
  return fontsCss;
}

const fontFiles = new Map<string, Buffer>();

function fontFile(name: string): Buffer | undefined {
  // only the package's own regular-weight chunk names: no path ever reaches the file system
  if (!/^noto-sans-sc-[a-z0-9-]{1,24}-400-normal\.woff2?$/.test(name)) return undefined;
  let file = fontFiles.get(name);
  if (!file) {
    try {
      file = readFileSync(join(fontPackageDir(), "files", name));
    } catch {
      return undefined;
    }
    fontFiles.set(name, file);
  }
  return file;
}

const asset = (type: string, body: string | Buffer): WebAnswer => ({ status: 200, type, body, cacheControl: IMMUTABLE_CACHE });

export function assetRoutes(notFound: () => WebAnswer): Route[] {
  return [
    // browsers ask for it on every site: nothing, and don't ask again for a day
    { method: "GET", path: /^\/favicon\.ico$/, handle: async () => ({ status: 204, type: "image/x-icon", body: "", cacheControl: "public, max-age=86400" }) },
    { method: "GET", path: /^\/assets\/page-(\w+)\.css$/, handle: async () => asset("text/css; charset=utf-8", PAGE_CSS) },
    { method: "GET", path: /^\/assets\/fonts-(\w+)\.css$/, handle: async () => asset("text/css; charset=utf-8", fontFaceCss()) },
    { method: "GET", path: /^\/assets\/me-(\w+)\.js$/, handle: async () => asset("text/javascript; charset=utf-8", ME_JS) },
    {
      method: "GET",
      path: /^\/assets\/fonts\/([\w.-]+)$/,
      handle: async (_req, [name]) => {
        const file = fontFile(name!);
        return file ? asset(name!.endsWith(".woff2") ? "font/woff2" : "font/woff", file) : notFound();
      },
    },
  ];
}

export const assetUrls = { css: `/assets/page-${ASSET_VERSION}.css`, fonts: `/assets/fonts-${ASSET_VERSION}.css`, me: `/assets/me-${ASSET_VERSION}.js` };
