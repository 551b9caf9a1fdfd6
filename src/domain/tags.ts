// The co-op's social-innovation tags. A recommender picks several for a
// product; cards show them. Keys are stored (ProductRevision.tags, CSV) and
// must never be renamed; labels live in locales as `tag-<key>`. To retire a
// tag, remove it here: stored products simply stop showing it.

export const SOCIAL_TAGS = [
  "ecological_farming",
  "fair_trade",
  "community_development",
  "zero_waste",
  "rural_revitalisation",
  "inclusive_employment",
  "traditional_craft",
  "women_empowerment",
  "youth_return",
  "animal_welfare",
  "biodiversity",
  "short_supply_chain",
  "circular_economy",
  "low_carbon",
  "cooperative_ownership",
  "elder_care",
  "food_education",
] as const;

export type SocialTag = (typeof SOCIAL_TAGS)[number];

const known = new Set<string>(SOCIAL_TAGS);

export function isSocialTag(value: unknown): value is SocialTag {
  return typeof value === "string" && known.has(value);
}

/** Known tags only, once each, in the list's order (so cards read the same way). */
export function normalizeTags(tags: readonly string[]): SocialTag[] {
  const chosen = new Set(tags.filter(isSocialTag));
  return SOCIAL_TAGS.filter((t) => chosen.has(t));
}

export function parseTags(csv: string): SocialTag[] {
  return normalizeTags(csv.split(",").map((s) => s.trim()));
}

export function serializeTags(tags: readonly string[]): string {
  return normalizeTags(tags).join(",");
}

export function toggleTag(tags: readonly string[], tag: SocialTag): SocialTag[] {
  const current = normalizeTags(tags);
  return current.includes(tag) ? current.filter((t) => t !== tag) : normalizeTags([...current, tag]);
}

/** Fluent key of a tag's label. */
export function tagLabelKey(tag: SocialTag): string {
  return `tag-${tag}`;
}

export type TagTotal = { tag: SocialTag; products: number; orders: number; revenueFen: number };

/**
 * The books by tag: a product with several tags counts under each of them, so
 * the tags' totals add up to more than the books' total (the view says so).
 * Tags no product has are left out; the largest revenue first.
 */
export function totalsByTag(products: readonly { tags: readonly SocialTag[]; orders: number; revenueFen: number }[]): TagTotal[] {
  const totals = new Map<SocialTag, TagTotal>();
  for (const p of products) {
    for (const tag of normalizeTags(p.tags)) {
      const t = totals.get(tag) ?? { tag, products: 0, orders: 0, revenueFen: 0 };
      t.products += 1;
      t.orders += p.orders;
      t.revenueFen += p.revenueFen;
      totals.set(tag, t);
    }
  }
  return [...totals.values()].sort((a, b) => b.revenueFen - a.revenueFen || SOCIAL_TAGS.indexOf(a.tag) - SOCIAL_TAGS.indexOf(b.tag));
}
