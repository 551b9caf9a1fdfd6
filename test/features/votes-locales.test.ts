import { readdirSync, readFileSync } from "node:fs";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";

const ids = (locale: string) => {
  const text = readFileSync(new URL(`../../locales/${locale}/votes.ftl`, import.meta.url), "utf8");
  const parsed = new FluentResource(text).body.map((m) => m.id);
  // an entry Fluent can't parse is dropped silently: the ids would differ
  expect(parsed).toEqual([...text.matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!));
  return parsed.sort();
};

describe("the votes strings", () => {
  it("parse, have the same keys in zh and en, and every key the code uses", () => {
    expect(ids("zh")).toEqual(ids("en"));
    const dir = new URL("../../src/features/", import.meta.url);
    const files = ["votes/", "review/", "products/"].flatMap((sub) => readdirSync(new URL(sub, dir)).filter((f) => f.endsWith(".ts")).map((f) => readFileSync(new URL(sub + f, dir), "utf8")));
    const used = new Set(files.flatMap((src) => [...src.matchAll(/"(vote-[a-z-]+|product-card-support)"/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(ids("en"), key).toContain(key);
  });
});
