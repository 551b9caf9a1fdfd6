import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { SETTING_KEYS } from "../../src/domain/community-settings";
import { TYPED_KEYS } from "../../src/features/settings/menu";

const FILES = ["settings", "settings-open-data", "paid-broadcast", "tags"];
const load = (locale: string, file: string) => readFileSync(new URL(`../../locales/${locale}/${file}.ftl`, import.meta.url), "utf8");

describe("the settings and tags strings", () => {
  it("parse without junk, have the same keys in zh and en, and every key the code builds from a name", () => {
    const keys: Record<string, string[]> = {};
    const families = [
      ...SETTING_KEYS.map((k) => `settings-key-${k}`),
      ...TYPED_KEYS.flatMap((k) => [`settings-ask-${k}`, `settings-bad-${k}`]),
      ...["empty", "unreadable", "too-many", "out-of-range", "duplicate", "unknown", "not-a-number"].map((r) => `settings-reason-${r}`),
      "settings-locale-zh",
      "settings-locale-en",
      "cmd-settings",
    ];
    for (const locale of ["zh", "en"]) {
      const bundle = new FluentBundle(locale, { useIsolating: false });
      const declared: string[] = [];
      for (const file of FILES) {
        const text = load(locale, file);
        const ids = new FluentResource(text).body.map((m) => m.id);
        expect(ids, `${locale}/${file}.ftl`).toEqual([...text.matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!));
        expect(bundle.addResource(new FluentResource(text))).toEqual([]);
        declared.push(...ids);
      }
      keys[locale] = declared.sort();
      for (const key of families) expect(bundle.hasMessage(key), `${locale}: ${key}`).toBe(true);
    }
    expect(keys.zh).toEqual(keys.en);
  });
});
