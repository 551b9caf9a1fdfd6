import type { Db, Tx } from "./client";
import type { CostKind, KindedLine } from "../domain/cost-kinds";
import { parseTags, type SocialTag } from "../domain/tags";

/** A Prisma transaction client. */

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
  costLines: KindedLine[];
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
  costLines: KindedLine[];
  producer: { name: string; location: string };
  /** when this revision was approved (ISO: the value may cross a conversation's replay log) */
  approvedAt: string | null;
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
  costLines: { label: string; amountFen: number; kind: CostKind }[];
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
    costLines: row.costLines.map((l) => ({ label: l.label, amountFen: l.amountFen, kind: l.kind })),
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
export async function loadApprovedProduct(db: Tx, productId: number): Promise<ApprovedProduct | undefined> {
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
    approvedAt: r.reviewedAt?.toISOString() ?? null,
  };
}

export type RevisionWithProduct = RevisionRecord & { product: ProductRecord; producer: ProducerRecord };

export async function loadRevision(db: Tx, revisionId: number): Promise<RevisionWithProduct | undefined> {
  const row = await db.productRevision.findUnique({
    where: { id: revisionId },
    include: { ...withLines, product: { include: { producer: true } } },
  });
  if (!row) return undefined;
  const { producer, ...product } = row.product;
  return { ...toRevision(row), product: toProduct(product), producer: toProducer(producer) };
}

/** The newest revision of a product (what the recommender last submitted). */
export async function latestRevision(db: Tx, productId: number): Promise<RevisionWithProduct | undefined> {
  const row = await db.productRevision.findFirst({ where: { productId }, orderBy: { version: "desc" }, select: { id: true } });
  return row ? loadRevision(db, row.id) : undefined;
}

export async function loadProduct(db: Tx, productId: number): Promise<(ProductRecord & { producer: ProducerRecord }) | undefined> {
  const row = await db.product.findUnique({ where: { id: productId }, include: { producer: true } });
  if (!row) return undefined;
  return { ...toProduct(row), producer: toProducer(row.producer) };
}

function toProducer(row: ProducerRecord): ProducerRecord {
  return { id: row.id, name: row.name, location: row.location, contact: row.contact };
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
  db: Tx,
  communityIds: number[],
  page: number,
  pageSize: number,
  tag?: SocialTag,
): Promise<{ items: ProductListItem[]; total: number }> {
  // tags are stored comma-separated: the tag alone, first, last or in between
  const tagged = tag ? { approvedRevision: { OR: [{ tags: tag }, { tags: { startsWith: `${tag},` } }, { tags: { endsWith: `,${tag}` } }, { tags: { contains: `,${tag},` } }] } } : {};
  const where = { communityId: { in: communityIds }, status: "APPROVED" as const, approvedRevisionId: { not: null }, ...tagged };
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
export async function productsOfRecommender(db: Tx, memberId: number, take = 50): Promise<OwnProduct[]> {
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
export async function pendingRevisions(db: Tx, communityIds: number[], take = 20): Promise<{ id: number; name: string; version: number; communityId: number }[]> {
  const rows = await db.productRevision.findMany({
    where: { status: "PENDING_REVIEW", product: { communityId: { in: communityIds } } },
    include: { product: { select: { communityId: true } } },
    orderBy: { submittedAt: "asc" },
    take,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, communityId: r.product.communityId }));
}
