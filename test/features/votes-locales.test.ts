import { readFileSync } from "node:fs";
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
  it("parse and have the same keys in zh and en", () => {
    expect(ids("zh")).toEqual(ids("en"));
  });
});
