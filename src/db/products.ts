import type { Db } from "./client";
import type { CostLine } from "../domain/cost-breakdown";
import type { CompleteDraft } from "../domain/product-draft";
import { parseTags, serializeTags, type SocialTag } from "../domain/tags";

/** A Prisma transaction client. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Reader = Db | Tx;

export type ProductStatus = "PENDING_REVIEW" | "CHANGES_REQUESTED" | "APPROVED" | "REJECTED" | "ARCHIVED";
export type RevisionStatus = "PENDING_REVIEW" | "CHANGES_REQUESTED" | "APPROVED" | "REJECTED" | "SUPERSEDED";

export type ProducerRecord = { id: number; name: string; location: string; contact: string };

export type ProductRecord = {
  id: number;
  communityId: number;
  recommenderId: number;
  producerId: number;
  status: ProductStatus;
  approvedRevisionId: number | null;
  cardMessageId: number | null;
};

export type RevisionRecord = {
  id: number;
  productId: number;
  version: number;
  name: string;
  unit: string;
  story: string;
  tags: SocialTag[];
  priceFen: number;
  currency: string;
  photoFileIds: string[];
  status: RevisionStatus;
  reviewerId: number | null;
  reviewComment: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  costLines: CostLine[];
};

/** The revision in force, with everything a card or a group buy needs. */
export type ApprovedProduct = {
  productId: number;
  communityId: number;
  recommenderId: number;
  revisionId: number;
  version: number;
  name: string;
  unit: string;
  story: string;
  tags: SocialTag[];
  priceFen: number;
  currency: string;
  photoFileIds: string[];
  costLines: CostLine[];
  producer: { name: string; location: string };
  /** when this revision was approved */
  approvedAt: Date | null;
};

const withLines = { costLines: { orderBy: { position: "asc" as const } } };

type RevisionRow = {
  id: number;
  productId: number;
  version: number;
  name: string;
  unit: string;
  story: string;
  tags: string;
  priceFen: number;
  currency: string;
  photoFileIds: string;
  status: RevisionStatus;
  reviewerId: number | null;
  reviewComment: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  costLines: { label: string; amountFen: number }[];
};

function toRevision(row: RevisionRow): RevisionRecord {
  return {
    id: row.id,
    productId: row.productId,
    version: row.version,
    name: row.name,
    unit: row.unit,
    story: row.story,
    tags: parseTags(row.tags),
    priceFen: row.priceFen,
    currency: row.currency,
    photoFileIds: row.photoFileIds.split(",").filter(Boolean),
    status: row.status,
    reviewerId: row.reviewerId,
    reviewComment: row.reviewComment,
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
    costLines: row.costLines.map((l) => ({ label: l.label, amountFen: l.amountFen })),
  };
}

function toProduct(row: ProductRecord): ProductRecord {
  return {
    id: row.id,
    communityId: row.communityId,
    recommenderId: row.recommenderId,
    producerId: row.producerId,
    status: row.status,
    approvedRevisionId: row.approvedRevisionId,
    cardMessageId: row.cardMessageId,
  };
}

/** The approved revision of a product with its cost lines; undefined if none is in force. */
export async function loadApprovedProduct(db: Reader, productId: number): Promise<ApprovedProduct | undefined> {
  const row = await db.product.findUnique({
    where: { id: productId },
    include: { approvedRevision: { include: withLines }, producer: true },
  });
  if (!row || !row.approvedRevision || row.status === "ARCHIVED") return undefined;
  const r = toRevision(row.approvedRevision);
  return {
    productId: row.id,
    communityId: row.communityId,
    recommenderId: row.recommenderId,
    revisionId: r.id,
    version: r.version,
    name: r.name,
    unit: r.unit,
    story: r.story,
    tags: r.tags,
    priceFen: r.priceFen,
    currency: r.currency,
    photoFileIds: r.photoFileIds,
    costLines: r.costLines,
    producer: { name: row.producer.name, location: row.producer.location },
    approvedAt: r.reviewedAt,
  };
}

export type RevisionWithProduct = RevisionRecord & { product: ProductRecord; producer: ProducerRecord };

export async function loadRevision(db: Reader, revisionId: number): Promise<RevisionWithProduct | undefined> {
  const row = await db.productRevision.findUnique({
    where: { id: revisionId },
    include: { ...withLines, product: { include: { producer: true } } },
  });
  if (!row) return undefined;
  const { producer, ...product } = row.product;
  return { ...toRevision(row), product: toProduct(product), producer: toProducer(producer) };
}

/** The newest revision of a product (what the recommender last submitted). */
export async function latestRevision(db: Reader, productId: number): Promise<RevisionWithProduct | undefined> {
  const row = await db.productRevision.findFirst({ where: { productId }, orderBy: { version: "desc" }, select: { id: true } });
  return row ? loadRevision(db, row.id) : undefined;
}

export async function loadProduct(db: Reader, productId: number): Promise<(ProductRecord & { producer: ProducerRecord }) | undefined> {
  const row = await db.product.findUnique({ where: { id: productId }, include: { producer: true } });
  if (!row) return undefined;
  return { ...toProduct(row), producer: toProducer(row.producer) };
}

function toProducer(row: ProducerRecord): ProducerRecord {
  return { id: row.id, name: row.name, location: row.location, contact: row.contact };
}

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
      costLines: { create: draft.costLines.map((l, position) => ({ position, label: l.label, amountFen: l.amountFen })) },
    },
  });
  return { ok: true, productId, revisionId: revision.id, version, firstApproval };
}

export type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";

export type DecisionResult =
  | { ok: true; revision: RevisionWithProduct; previousCardMessageId: number | null }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "already-handled"; status: RevisionStatus; reviewerId: number | null };

const REVISION_STATUS: Record<Decision, RevisionStatus> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  REJECT: "REJECTED",
};

/**
 * Records an organizer's decision on a revision still waiting for review.
 * Only one decision wins: the status check and the change are one statement.
 * On approval the revision comes into force and the product's card must be
 * posted again (cardMessageId is cleared; the old one is returned).
 */
export async function decideRevision(
  tx: Tx,
  input: { revisionId: number; reviewerId: number; decision: Decision; comment: string | null; at: Date },
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
  let previousCardMessageId: number | null = null;
  if (input.decision === "APPROVE") {
    if (product.approvedRevisionId !== null) {
      await tx.productRevision.update({ where: { id: product.approvedRevisionId }, data: { status: "SUPERSEDED" } });
    }
    previousCardMessageId = product.cardMessageId;
    await tx.product.update({
      where: { id: product.id },
      data: { status: "APPROVED", approvedRevisionId: revision.id, cardMessageId: null },
    });
  } else if (product.approvedRevisionId === null) {
    // never published: the product's state follows its only line of revisions
    await tx.product.update({ where: { id: product.id }, data: { status: input.decision === "REJECT" ? "REJECTED" : "CHANGES_REQUESTED" } });
  }
  return { ok: true, revision: (await loadRevision(tx, input.revisionId))!, previousCardMessageId };
}

export async function setCardMessage(db: Reader, productId: number, messageId: number | null): Promise<void> {
  await db.product.update({ where: { id: productId }, data: { cardMessageId: messageId } });
}

export type ProductListItem = {
  productId: number;
  communityId: number;
  name: string;
  unit: string;
  priceFen: number;
  currency: string;
  recommenderId: number;
};

/** Approved products of these communities, newest approval first. */
export async function listApproved(
  db: Reader,
  communityIds: number[],
  page: number,
  pageSize: number,
): Promise<{ items: ProductListItem[]; total: number }> {
  const where = { communityId: { in: communityIds }, status: "APPROVED" as const, approvedRevisionId: { not: null } };
  const [total, rows] = await Promise.all([
    db.product.count({ where }),
    db.product.findMany({
      where,
      include: { approvedRevision: true },
      orderBy: [{ approvedRevision: { reviewedAt: "desc" } }, { id: "desc" }],
      skip: page * pageSize,
      take: pageSize,
    }),
  ]);
  const items = rows.flatMap((row) =>
    row.approvedRevision
      ? [
          {
            productId: row.id,
            communityId: row.communityId,
            name: row.approvedRevision.name,
            unit: row.approvedRevision.unit,
            priceFen: row.approvedRevision.priceFen,
            currency: row.approvedRevision.currency,
            recommenderId: row.recommenderId,
          },
        ]
      : [],
  );
  return { items, total };
}

export type OwnProduct = {
  product: ProductRecord;
  approved: { version: number; name: string } | null;
  latest: { id: number; version: number; name: string; unit: string; status: RevisionStatus; reviewComment: string | null };
};

/** A recommender's products with their approved and newest revisions, newest first. */
export async function productsOfRecommender(db: Reader, memberId: number, take = 50): Promise<OwnProduct[]> {
  const rows = await db.product.findMany({
    where: { recommenderId: memberId, status: { not: "ARCHIVED" } },
    include: { approvedRevision: true, revisions: { orderBy: { version: "desc" }, take: 1 } },
    orderBy: { updatedAt: "desc" },
    take,
  });
  return rows.flatMap((row) => {
    const latest = row.revisions[0];
    if (!latest) return [];
    return [
      {
        product: toProduct(row),
        approved: row.approvedRevision ? { version: row.approvedRevision.version, name: row.approvedRevision.name } : null,
        latest: {
          id: latest.id,
          version: latest.version,
          name: latest.name,
          unit: latest.unit,
          status: latest.status,
          reviewComment: latest.reviewComment,
        },
      },
    ];
  });
}

/** Revisions waiting for review in these communities, oldest first. */
export async function pendingRevisions(db: Reader, communityIds: number[], take = 20): Promise<{ id: number; name: string; version: number; communityId: number }[]> {
  const rows = await db.productRevision.findMany({
    where: { status: "PENDING_REVIEW", product: { communityId: { in: communityIds } } },
    include: { product: { select: { communityId: true } } },
    orderBy: { submittedAt: "asc" },
    take,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, communityId: r.product.communityId }));
}
