// Submitting a recommendation and deciding on it: the two writes that move a
// product through review. Both run inside the caller's transaction.
import type { CompleteDraft } from "../domain/product-draft";
import { serializeTags } from "../domain/tags";
import { noteCardOwed, noteCardToRetire } from "./card-posts";
import { loadRevision, type RevisionStatus, type RevisionWithProduct } from "./products";
import type { Tx } from "./client";

export type SubmitInput = {
  memberId: number;
  communityId: number;
  /** set when this is a new revision of an existing product */
  productId: number | null;
  draft: CompleteDraft;
  currency: string;
  at: Date;
};

export type SubmitResult =
  | { ok: true; productId: number; revisionId: number; version: number; firstApproval: boolean }
  | { ok: false; reason: "not-yours" | "closed" };

/**
 * A submission becomes a new PENDING_REVIEW revision. An older revision still
 * waiting for review is superseded; the approved one stays in force until
 * this one is approved. The producer's public details are versioned only with
 * the product's first approval: before it they are updated in place, after it
 * they are kept (run inside a transaction).
 */
export async function submitRevision(tx: Tx, input: SubmitInput): Promise<SubmitResult> {
  const { draft } = input;
  let productId = input.productId;
  let firstApproval = true;
  if (productId === null) {
    const producer = await tx.producer.create({
      data: { communityId: input.communityId, name: draft.producerName, location: draft.producerLocation, contact: draft.producerContact },
    });
    const product = await tx.product.create({
      data: { communityId: input.communityId, recommenderId: input.memberId, producerId: producer.id, status: "PENDING_REVIEW" },
    });
    productId = product.id;
  } else {
    const product = await tx.product.findUnique({ where: { id: productId } });
    if (!product || product.recommenderId !== input.memberId || product.communityId !== input.communityId) return { ok: false, reason: "not-yours" };
    if (product.status === "REJECTED" || product.status === "ARCHIVED") return { ok: false, reason: "closed" };
    firstApproval = product.approvedRevisionId === null;
    if (firstApproval) {
      await tx.producer.update({
        where: { id: product.producerId },
        data: { name: draft.producerName, location: draft.producerLocation, contact: draft.producerContact },
      });
      await tx.product.update({ where: { id: productId }, data: { status: "PENDING_REVIEW" } });
    }
    // a version still waiting is replaced by this one (its reviewers' buttons then say so)
    await tx.productRevision.updateMany({ where: { productId, status: "PENDING_REVIEW" }, data: { status: "SUPERSEDED" } });
  }
  const last = await tx.productRevision.findFirst({ where: { productId }, orderBy: { version: "desc" }, select: { version: true } });
  const version = (last?.version ?? 0) + 1;
  const revision = await tx.productRevision.create({
    data: {
      productId,
      version,
      name: draft.name,
      unit: draft.unit,
      story: draft.story,
      tags: serializeTags(draft.tags),
      priceFen: draft.priceFen,
      currency: input.currency,
      photoFileIds: draft.photoFileIds.join(","),
      status: "PENDING_REVIEW",
      submittedAt: input.at,
      costLines: { create: draft.costLines.map((l, position) => ({ position, label: l.label, amountFen: l.amountFen, kind: l.kind })) },
    },
  });
  return { ok: true, productId, revisionId: revision.id, version, firstApproval };
}

export type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";

export type DecisionResult =
  | { ok: true; revision: RevisionWithProduct }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "already-handled"; status: RevisionStatus; reviewerId: number | null };

const REVISION_STATUS: Record<Decision, RevisionStatus> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  REJECT: "REJECTED",
};

/**
 * Records an organizer's decision on a revision still waiting for review
 * (reviewerId null: the members' vote approved it by the community's rule).
 * Only one decision wins: the status check and the change are one statement.
 * On approval the revision comes into force and the product's card must be
 * posted again: cardMessageId is cleared, the card marked owed, and the old
 * card noted for its button to be retired (db/card-posts.ts).
 */
export async function decideRevision(
  tx: Tx,
  input: { revisionId: number; reviewerId: number | null; decision: Decision; comment: string | null; at: Date },
): Promise<DecisionResult> {
  const { count } = await tx.productRevision.updateMany({
    where: { id: input.revisionId, status: "PENDING_REVIEW" },
    data: { status: REVISION_STATUS[input.decision], reviewerId: input.reviewerId, reviewComment: input.comment, reviewedAt: input.at },
  });
  if (count === 0) {
    const current = await tx.productRevision.findUnique({ where: { id: input.revisionId }, select: { status: true, reviewerId: true } });
    return current ? { ok: false, reason: "already-handled", status: current.status, reviewerId: current.reviewerId } : { ok: false, reason: "not-found" };
  }
  const revision = (await loadRevision(tx, input.revisionId))!;
  const product = revision.product;
  if (input.decision === "APPROVE") {
    if (product.approvedRevisionId !== null) {
      await tx.productRevision.update({ where: { id: product.approvedRevisionId }, data: { status: "SUPERSEDED" } });
    }
    // the old card loses its button once the new one is up, whoever posts it (publish-card.ts)
    if (product.cardMessageId !== null) await noteCardToRetire(tx, product.id, product.cardMessageId);
    await noteCardOwed(tx, product.id);
    await tx.product.update({
      where: { id: product.id },
      data: { status: "APPROVED", approvedRevisionId: revision.id, cardMessageId: null },
    });
  } else if (product.approvedRevisionId === null) {
    // never published: the product's state follows its only line of revisions
    await tx.product.update({ where: { id: product.id }, data: { status: input.decision === "REJECT" ? "REJECTED" : "CHANGES_REQUESTED" } });
  }
  return { ok: true, revision: (await loadRevision(tx, input.revisionId))! };
}
