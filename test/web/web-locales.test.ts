import { readdirSync, readFileSync } from "node:fs";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";

// the page's own strings, and those of the sections under each product
const FILES = ["web", "web-voices"];
const load = (locale: string) => FILES.map((f) => readFileSync(new URL(`../../locales/${locale}/${f}.ftl`, import.meta.url), "utf8")).join("\n");
const ids = (locale: string) => new FluentResource(load(locale)).body.map((m) => m.id);

describe("the web page's strings", () => {
  it("parse without junk and have the same keys in zh and en", () => {
    for (const locale of ["zh", "en"]) expect(ids(locale), locale).toEqual([...load(locale).matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!));
    expect(ids("en")).toEqual(ids("zh"));
  });

  it("has every web-* key the code asks for", () => {
    const dirs = [new URL("../../src/web/", import.meta.url), new URL("../../src/features/open-data/", import.meta.url)];
    const used = new Set<string>();
    for (const dir of dirs)
      for (const file of readdirSync(dir)) for (const m of readFileSync(new URL(file, dir), "utf8").matchAll(/"(web-[a-z-]+)"/g)) used.add(m[1]!);
    // built keys: `web-buy-status-${status}`
    for (const status of ["SUCCEEDED", "FAILED", "CANCELLED"]) used.add(`web-buy-status-${status}`);
    const declared = new Set(ids("zh"));
    expect([...used].filter((k) => !declared.has(k))).toEqual([]);
  });
});
