import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { SOCIAL_TAGS, tagLabelKey } from "../../src/domain/tags";
import { DRAFT_STEPS } from "../../src/domain/product-draft";
import { COST_KINDS } from "../../src/domain/cost-kinds";

const FILES = ["recommend", "review", "products", "cost-kinds"];
const LOCALES = ["zh", "en"];

function load(locale: string, file: string): string {
  return readFileSync(new URL(`../../locales/${locale}/${file}.ftl`, import.meta.url), "utf8");
}

function bundle(locale: string): FluentBundle {
  const b = new FluentBundle(locale, { useIsolating: false });
  for (const file of FILES) expect(b.addResource(new FluentResource(load(locale, file)))).toEqual([]);
  return b;
}

describe("the recommendation, review and product strings", () => {
  it("parse without junk and have the same keys in zh and en", () => {
    const keys: Record<string, string[]> = {};
    for (const locale of LOCALES) {
      const declared: string[] = [];
      for (const file of FILES) {
        const text = load(locale, file);
        const ids = new FluentResource(text).body.map((m) => m.id);
        const written = [...text.matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!);
        // an entry Fluent can't parse is dropped silently: the ids would differ
        expect(ids, `${locale}/${file}.ftl`).toEqual(written);
        declared.push(...ids);
      }
      keys[locale] = declared.sort();
    }
    expect(keys.zh).toEqual(keys.en);
  });

  it("have every key the code builds from a name", () => {
    const families = [
      ...SOCIAL_TAGS.map(tagLabelKey),
      ...DRAFT_STEPS.map((s) => `recommend-step-${s}`),
      ...["name", "unit", "producerName", "producerLocation", "producerContact", "story", "community", "tags", "costs", "price", "photos"].map((s) => `recommend-ask-${s}`),
      ...["name", "producerName", "tags", "story", "costs", "kinds", "photos"].map((s) => `recommend-section-${s}`),
      ...COST_KINDS.map((k) => `cost-kind-${k}`),
      ...["empty", "too-long", "too-short"].map((e) => `recommend-error-${e}`),
      ...["empty", "not-a-number", "negative", "too-many-decimals", "too-large", "zero"].map((e) => `recommend-error-amount-${e}`),
      ...["empty", "not-a-number", "negative", "too-many-decimals", "too-large", "missing-amount", "missing-label", "label-too-long"].map((e) => `cost-error-${e}`),
      ...["margin", "fee", "commission"].flatMap((k) => [`recommend-balance-add-${k}`, `recommend-balance-label-${k}`]),
      ...["PENDING_REVIEW", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "SUPERSEDED"].flatMap((s) => [`revision-status-${s}`, `my-products-status-${s}`]),
      ...["PENDING_REVIEW", "CHANGES_REQUESTED", "REJECTED", "SUPERSEDED"].map((s) => `my-products-change-${s}`),
      ...["not-yours", "closed"].map((r) => `recommend-submit-${r}`),
      ...["recommend", "products", "my_products", "review"].map((c) => `cmd-${c}`),
    ];
    for (const locale of LOCALES) {
      const b = bundle(locale);
      for (const key of families) expect(b.hasMessage(key), `${locale}: ${key}`).toBe(true);
    }
  });
});
