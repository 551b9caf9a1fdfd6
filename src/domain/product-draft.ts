// What a recommender fills in, step by step, and the rules each answer must
// meet. Drafts are stored as JSON (ProductDraft.payload) and checked with this
// schema whenever they are read back.
import { z } from "zod";
import { balanceOf, MAX_COST_LINES, MAX_LABEL_LENGTH, MAX_UNIT_PRICE_FEN } from "./cost-breakdown";
import { normalizeTags, type SocialTag } from "./tags";
import { COST_KINDS, type KindedLine } from "./cost-kinds";

export const LIMITS = {
  name: 60,
  unit: 20,
  producerName: 80,
  producerLocation: 80,
  producerContact: 200,
  storyMin: 20,
  storyMax: 2000,
  photos: 5,
  comment: 1000,
} as const;

/**
 * The questions, in the order they are asked. `balance` follows `price` when
 * the lines don't add up; `import` (another co-op's DFC catalogue) is offered
 * at `name` and fills the questions after it.
 */
export const DRAFT_STEPS = [
  "community",
  "import",
  "name",
  "unit",
  "producerName",
  "producerLocation",
  "producerContact",
  "tags",
  "story",
  "costs",
  "price",
  "balance",
  "kinds",
  "photos",
  "preview",
] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

export function isDraftStep(value: unknown): value is DraftStep {
  return typeof value === "string" && (DRAFT_STEPS as readonly string[]).includes(value);
}

const costLineSchema = z.object({
  label: z.string().min(1).max(MAX_LABEL_LENGTH),
  amountFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN),
  /** absent until the recommender confirms the line's kind (the kinds step) */
  kind: z.enum(COST_KINDS).optional(),
});

export const draftPayloadSchema = z.object({
  name: z.string().min(1).max(LIMITS.name).optional(),
  unit: z.string().min(1).max(LIMITS.unit).optional(),
  producerName: z.string().min(1).max(LIMITS.producerName).optional(),
  producerLocation: z.string().min(1).max(LIMITS.producerLocation).optional(),
  producerContact: z.string().min(1).max(LIMITS.producerContact).optional(),
  tags: z.array(z.string()).default([]).transform((t) => normalizeTags(t)),
  story: z.string().min(1).max(LIMITS.storyMax).optional(),
  costLines: z.array(costLineSchema).max(MAX_COST_LINES).default([]),
  priceFen: z.number().int().positive().max(MAX_UNIT_PRICE_FEN).optional(),
  photoFileIds: z.array(z.string().min(1).max(256)).max(LIMITS.photos).default([]),
  /** once the preview was shown, finishing a section returns to it */
  reachedPreview: z.boolean().default(false),
});

export type DraftPayload = z.output<typeof draftPayloadSchema>;

export function emptyDraft(): DraftPayload {
  return { tags: [], costLines: [], photoFileIds: [], reachedPreview: false };
}

export type TextError = "empty" | "too-long" | "too-short";
export type TextCheck = { ok: true; value: string } | { ok: false; error: TextError; max?: number; min?: number; length?: number };

/** A one-line answer (name, unit, producer…): whitespace collapsed, within `max` characters. */
export function checkLine(input: string, max: number): TextCheck {
  const value = input.normalize("NFC").replace(/\s+/g, " ").trim();
  if (value === "") return { ok: false, error: "empty" };
  if (value.length > max) return { ok: false, error: "too-long", max, length: value.length };
  return { ok: true, value };
}

/** The story: paragraphs kept, at most one blank line between them. */
export function checkStory(input: string): TextCheck {
  const value = input
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (value === "") return { ok: false, error: "empty" };
  if (value.length < LIMITS.storyMin) return { ok: false, error: "too-short", min: LIMITS.storyMin, length: value.length };
  if (value.length > LIMITS.storyMax) return { ok: false, error: "too-long", max: LIMITS.storyMax, length: value.length };
  return { ok: true, value };
}

/** Everything a submission needs, checked. */
export type CompleteDraft = {
  name: string;
  unit: string;
  producerName: string;
  producerLocation: string;
  producerContact: string;
  tags: SocialTag[];
  story: string;
  costLines: KindedLine[];
  priceFen: number;
  photoFileIds: string[];
};

/** The steps still to answer before a draft can be submitted, in order (empty when complete). */
export function missingSteps(d: DraftPayload): DraftStep[] {
  const missing: DraftStep[] = [];
  if (!d.name) missing.push("name");
  if (!d.unit) missing.push("unit");
  if (!d.producerName) missing.push("producerName");
  if (!d.producerLocation) missing.push("producerLocation");
  if (!d.producerContact) missing.push("producerContact");
  if (d.tags.length === 0) missing.push("tags");
  if (!d.story) missing.push("story");
  if (d.costLines.length === 0) missing.push("costs");
  if (d.priceFen === undefined) missing.push("price");
  else if (d.costLines.length > 0 && !balanceOf(d.costLines, d.priceFen).balanced) missing.push("balance");
  if (d.costLines.some((l) => l.kind === undefined)) missing.push("kinds");
  return missing;
}

export function completeDraft(d: DraftPayload): { ok: true; draft: CompleteDraft } | { ok: false; missing: DraftStep[] } {
  const missing = missingSteps(d);
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    draft: {
      name: d.name!,
      unit: d.unit!,
      producerName: d.producerName!,
      producerLocation: d.producerLocation!,
      producerContact: d.producerContact!,
      tags: d.tags,
      story: d.story!,
      costLines: d.costLines.map((l) => ({ label: l.label, amountFen: l.amountFen, kind: l.kind! })),
      priceFen: d.priceFen!,
      photoFileIds: d.photoFileIds,
    },
  };
}
