// The end of the guided flow: the card as it will look, with buttons to
// change a section, submit or discard. These buttons are plain handlers
// over the stored draft, so they keep working after a restart.
import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { BotContext } from "../../bot/context";
import { displayName } from "../../db/members";
import { createDraft, deleteDraft, draftsOf, loadDraft, type DraftRecord } from "../../db/product-drafts";
import { inTransaction } from "../../db/client";
import { latestRevision, loadProduct, loadRevision } from "../../db/products";
import { submitRevision } from "../../db/product-revisions";
import { escapeHtml } from "../../domain/html";
import { completeDraft, missingSteps, type DraftPayload } from "../../domain/product-draft";
import type { KindedLine } from "../../domain/cost-kinds";
import { renderCardText } from "../products/card";
import { localeOf } from "../../views/env";
import { reviewersOf, reviewRequestMessages } from "../review";
import { openVoteOnSubmission } from "../votes/open";
import { confirmDiscard, discardDraft, editSection, SECTIONS, submitDraft } from "./callbacks";

export type PreviewMessage = { text: string; buttons: InlineKeyboardButton[][] };

/** Whether the product behind a draft was published (its producer is then fixed). */
export async function producerFixed(ctx: BotContext, draft: Pick<DraftRecord, "productId">): Promise<boolean> {
  if (draft.productId === null) return false;
  const product = await loadProduct(ctx.services.db, draft.productId);
  return product?.approvedRevisionId != null;
}

export async function previewOf(ctx: BotContext, draft: DraftRecord): Promise<PreviewMessage> {
  const { communities, config } = ctx.services;
  const locale = await localeOf(ctx, config.defaultLocale);
  const community = draft.communityId ? await communities.byId(draft.communityId) : undefined;
  const p = draft.payload;
  const missing = [...(draft.communityId === null ? (["community"] as const) : []), ...missingSteps(p)];
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  const header = ctx.t(draft.productId ? "recommend-preview-header-edit" : "recommend-preview-header", {
    community: escapeHtml(community?.title ?? "—"),
  });
  const footer = [
    ctx.t("review-request-contact", { contact: escapeHtml(p.producerContact ?? "—") }),
    ctx.t("review-request-photos", { count: p.photoFileIds.length }),
    "",
    missing.length
      ? ctx.t("recommend-preview-missing", { steps: missing.map((s) => ctx.t(`recommend-step-${s}`)).join(", ") })
      : ctx.t("recommend-preview-ready"),
  ].join("\n");
  const text = renderCardText(
    t,
    locale,
    {
      name: p.name ?? "—",
      unit: p.unit ?? "—",
      tags: p.tags,
      story: p.story ?? "—",
      costLines: p.costLines,
      priceFen: p.priceFen ?? null,
      currency: community?.currency ?? config.currency,
      producerName: p.producerName ?? "—",
      producerLocation: p.producerLocation ?? "—",
      recommenderName: ctx.member ? displayName(ctx.member) : "—",
      version: null,
      revisedAt: null,
      timezone: community?.timezone ?? config.timezone,
    },
    { header, footer },
  );
  const keyboard = new InlineKeyboard();
  if (missing.length === 0) keyboard.text(ctx.t("recommend-preview-submit"), submitDraft.pack({ id: draft.id })).row();
  const fixed = await producerFixed(ctx, draft);
  const sections = SECTIONS.filter((s) => !(fixed && s === "producerName"));
  sections.forEach((step, i) => {
    keyboard.text(ctx.t(`recommend-section-${step}`), editSection.pack({ id: draft.id, step }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t("recommend-preview-discard"), discardDraft.pack({ id: draft.id }));
  return { text, buttons: keyboard.inline_keyboard };
}

export async function sendPreview(ctx: BotContext, draft: DraftRecord): Promise<void> {
  const { text, buttons } = await previewOf(ctx, draft);
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: { inline_keyboard: buttons }, link_preview_options: { is_disabled: true } });
}

/** Asks before throwing a draft away. */
export function discardQuestion(ctx: BotContext, draftId: number): { text: string; keyboard: InlineKeyboard } {
  return {
    text: ctx.t("recommend-discard-confirm"),
    keyboard: new InlineKeyboard().text(ctx.t("recommend-discard-yes"), confirmDiscard.pack({ id: draftId })),
  };
}

/**
 * Submits a complete draft: the revision, the removal of the draft and a
 * review request for each organizer are one transaction; then the requests
 * are sent. Returns what to tell the recommender.
 */
export async function submit(ctx: BotContext, draftId: number): Promise<{ ok: boolean; text: string }> {
  const { db, communities, outbox, clock } = ctx.services;
  const member = ctx.member!;
  const draft = await loadDraft(db, draftId);
  if (!draft || draft.memberId !== member.id) return { ok: false, text: ctx.t("recommend-submit-gone") };
  const complete = completeDraft(draft.payload);
  if (!complete.ok || draft.communityId === null) return { ok: false, text: ctx.t("recommend-submit-incomplete") };
  const community = await communities.byId(draft.communityId);
  if (!community?.active) return { ok: false, text: ctx.t("recommend-submit-community-gone") };
  const reviewers = await reviewersOf(ctx.services, community.id, member.id);
  const result = await inTransaction(db, async (tx) => {
    const submitted = await submitRevision(tx, {
      memberId: member.id,
      communityId: community.id,
      productId: draft.productId,
      draft: complete.draft,
      currency: community.currency,
      at: clock.now(),
    });
    if (!submitted.ok) return submitted;
    await deleteDraft(tx, draft.id);
    const revision = (await loadRevision(tx, submitted.revisionId))!;
    const vote = await openVoteOnSubmission(tx, { ...submitted, communityId: community.id, timezone: community.timezone, at: clock.now() });
    await outbox.enqueue(reviewRequestMessages(ctx.services, revision, community, member, reviewers, { vote }), tx);
    return submitted;
  });
  if (!result.ok) return { ok: false, text: ctx.t(`recommend-submit-${result.reason}`) };
  ctx.log.info("recommendation submitted", { product_id: result.productId, revision_id: result.revisionId, version: result.version });
  await outbox.sendSoon();
  const vars = { name: escapeHtml(complete.draft.name), community: escapeHtml(community.title) };
  const text = ctx.t(reviewers.length ? "recommend-submitted" : "recommend-submitted-no-organizers", vars);
  return { ok: true, text: result.firstApproval ? text : `${text}\n${ctx.t("recommend-submitted-change-note")}` };
}

/**
 * A revision's lines for a draft. Lines all OTHER are what products from
 * before kinds have (the migration's default): they get guesses to confirm
 * (the kinds step is then asked for before submitting); set kinds are kept.
 */
function editableLines(lines: readonly KindedLine[]): DraftPayload["costLines"] {
  if (lines.some((l) => l.kind !== "OTHER")) return lines.map((l) => ({ ...l }));
  return lines.map((l) => ({ label: l.label, amountFen: l.amountFen }));
}

/**
 * The draft to edit a product from: the unfinished one if there is one,
 * else a new one from the latest revision, starting at the preview.
 */
export async function draftForEdit(ctx: BotContext, productId: number): Promise<DraftRecord | "not-yours" | "closed"> {
  const { db } = ctx.services;
  const member = ctx.member!;
  const product = await loadProduct(db, productId);
  if (!product || product.recommenderId !== member.id) return "not-yours";
  if (product.status === "REJECTED" || product.status === "ARCHIVED") return "closed";
  const existing = (await draftsOf(db, member.id)).find((d) => d.productId === productId);
  if (existing) return existing;
  const latest = await latestRevision(db, productId);
  if (!latest) return "not-yours";
  return createDraft(db, {
    memberId: member.id,
    communityId: product.communityId,
    productId,
    step: "preview",
    payload: {
      name: latest.name,
      unit: latest.unit,
      producerName: product.producer.name,
      producerLocation: product.producer.location,
      producerContact: product.producer.contact,
      tags: latest.tags,
      story: latest.story,
      costLines: editableLines(latest.costLines),
      priceFen: latest.priceFen,
      photoFileIds: latest.photoFileIds,
      reachedPreview: true,
    },
  });
}
