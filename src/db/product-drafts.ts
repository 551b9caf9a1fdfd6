import type { Db } from "./client";

/** The client or a transaction. */
type Drafts = Pick<Db, "productDraft">;
import { draftPayloadSchema, isDraftStep, type DraftPayload, type DraftStep } from "../domain/product-draft";

/** A recommendation in progress. Plain JSON values only (it crosses conversation replays). */
export type DraftRecord = {
  id: number;
  memberId: number;
  communityId: number | null;
  productId: number | null;
  step: DraftStep;
  payload: DraftPayload;
  /** ISO time of the last save */
  updatedAt: string;
};

type DraftRow = {
  id: number;
  memberId: number;
  communityId: number | null;
  productId: number | null;
  step: string;
  payload: string;
  updatedAt: Date;
};

/** undefined when the stored payload no longer passes the schema (it is then useless). */
function toDraft(row: DraftRow): DraftRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(row.payload);
  } catch {
    return undefined;
  }
  const parsed = draftPayloadSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return {
    id: row.id,
    memberId: row.memberId,
    communityId: row.communityId,
    productId: row.productId,
    step: isDraftStep(row.step) ? row.step : "name",
    payload: parsed.data,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function createDraft(
  db: Drafts,
  data: { memberId: number; communityId: number | null; productId: number | null; step: DraftStep; payload: DraftPayload },
): Promise<DraftRecord> {
  const payload = draftPayloadSchema.parse(data.payload);
  const row = await db.productDraft.create({ data: { ...data, payload: JSON.stringify(payload) } });
  return toDraft(row)!;
}

export async function loadDraft(db: Drafts, id: number): Promise<DraftRecord | undefined> {
  const row = await db.productDraft.findUnique({ where: { id } });
  return row ? toDraft(row) : undefined;
}

export async function saveDraft(
  db: Db,
  id: number,
  data: { step: DraftStep; payload: DraftPayload; communityId: number | null },
): Promise<void> {
  // validated on the way in too: a bug must not store what can't be read back
  const payload = draftPayloadSchema.parse(data.payload);
  await db.productDraft.updateMany({ where: { id }, data: { step: data.step, communityId: data.communityId, payload: JSON.stringify(payload) } });
}

export async function deleteDraft(db: Drafts, id: number): Promise<boolean> {
  const { count } = await db.productDraft.deleteMany({ where: { id } });
  return count > 0;
}

/** A member's drafts, most recently saved first; unreadable ones are removed. */
export async function draftsOf(db: Drafts, memberId: number): Promise<DraftRecord[]> {
  const rows = await db.productDraft.findMany({ where: { memberId }, orderBy: { updatedAt: "desc" } });
  const drafts: DraftRecord[] = [];
  for (const row of rows) {
    const draft = toDraft(row);
    if (draft) drafts.push(draft);
    else await db.productDraft.deleteMany({ where: { id: row.id } });
  }
  return drafts;
}
