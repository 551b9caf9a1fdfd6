import type { Tx } from "./client";
import { isUniqueViolation } from "./processed-updates";
import { displayName } from "./members";
import { isLocale } from "../domain/locale";
import type { Locale } from "../domain/money";

/** A question with what its views need: the product's name and both people's display names. */
export type QuestionRecord = {
  id: number;
  productId: number;
  productName: string;
  askerId: number;
  askerTelegramId: number;
  askerName: string;
  askerLanguage: Language;
  recommenderId: number;
  recommenderTelegramId: number;
  recommenderName: string;
  recommenderLanguage: Language;
  text: string;
  answer: string | null;
  answeredAt: Date | null;
  askerPublishes: boolean;
  answerPublishes: boolean;
  publishedAt: Date | null;
};

type Person = { id: number; telegramId: bigint; firstName: string; lastName: string | null; locale: string | null; telegramLanguage: string | null };
/** A person's chosen language and their Telegram client's (the notice's language is decided from both). */
export type Language = { locale: Locale | null; telegramLanguage: string | null };

const withPeople = {
  asker: true,
  recommender: true,
  product: { include: { approvedRevision: { select: { name: true } }, revisions: { orderBy: { version: "desc" as const }, take: 1, select: { name: true } } } },
} as const;

type Row = {
  id: number;
  productId: number;
  askerId: number;
  recommenderId: number;
  text: string;
  answer: string | null;
  answeredAt: Date | null;
  askerPublishes: boolean;
  answerPublishes: boolean;
  publishedAt: Date | null;
  asker: Person;
  recommender: Person;
  product: { approvedRevision: { name: string } | null; revisions: { name: string }[] };
};

const languageOf = (p: Person): Language => ({ locale: p.locale && isLocale(p.locale) ? p.locale : null, telegramLanguage: p.telegramLanguage });

function toRecord(row: Row): QuestionRecord {
  return {
    id: row.id,
    productId: row.productId,
    productName: row.product.approvedRevision?.name ?? row.product.revisions[0]?.name ?? "",
    askerId: row.askerId,
    askerTelegramId: Number(row.asker.telegramId),
    askerName: displayName(row.asker),
    askerLanguage: languageOf(row.asker),
    recommenderId: row.recommenderId,
    recommenderTelegramId: Number(row.recommender.telegramId),
    recommenderName: displayName(row.recommender),
    recommenderLanguage: languageOf(row.recommender),
    text: row.text,
    answer: row.answer,
    answeredAt: row.answeredAt,
    askerPublishes: row.askerPublishes,
    answerPublishes: row.answerPublishes,
    publishedAt: row.publishedAt,
  };
}

export async function questionById(tx: Tx, id: number): Promise<QuestionRecord | undefined> {
  const row = await tx.question.findUnique({ where: { id }, include: withPeople });
  return row ? toRecord(row) : undefined;
}

export type NewQuestion = { productId: number; askerId: number; recommenderId: number; text: string; updateKey: string; at: Date };

/**
 * Records a question once per update: `created` false when this update's
 * question is there already (re-delivered, or a dialog replayed).
 */
export async function recordQuestion(tx: Tx, q: NewQuestion): Promise<{ created: boolean; question: QuestionRecord }> {
  const existing = await tx.question.findUnique({ where: { updateKey: q.updateKey }, include: withPeople });
  if (existing) return { created: false, question: toRecord(existing) };
  try {
    const row = await tx.question.create({
      data: { productId: q.productId, askerId: q.askerId, recommenderId: q.recommenderId, text: q.text, updateKey: q.updateKey, createdAt: q.at },
      include: withPeople,
    });
    return { created: true, question: toRecord(row) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await tx.question.findUniqueOrThrow({ where: { updateKey: q.updateKey }, include: withPeople });
    return { created: false, question: toRecord(row) };
  }
}

/** The answer, once: false when the question was answered already (or is not this recommender's). */
export async function recordAnswer(tx: Tx, a: { questionId: number; recommenderId: number; answer: string; at: Date }): Promise<boolean> {
  const { count } = await tx.question.updateMany({
    where: { id: a.questionId, recommenderId: a.recommenderId, answeredAt: null },
    data: { answer: a.answer, answeredAt: a.at },
  });
  return count === 1;
}

export async function setConsents(tx: Tx, id: number, c: { askerPublishes: boolean; answerPublishes: boolean; publishedAt: Date | null }): Promise<void> {
  await tx.question.update({ where: { id }, data: c });
}

export type OpenQuestion = { id: number; productId: number; productName: string; text: string; createdAt: Date };

/** A recommender's questions still waiting for an answer, oldest first. */
export async function unansweredOf(tx: Tx, recommenderId: number, take = 10): Promise<{ items: OpenQuestion[]; total: number }> {
  const where = { recommenderId, answeredAt: null };
  const [rows, total] = await Promise.all([
    tx.question.findMany({ where, include: withPeople, orderBy: { createdAt: "asc" }, take }),
    tx.question.count({ where }),
  ]);
  return { items: rows.map((r) => ({ id: r.id, productId: r.productId, productName: toRecord(r).productName, text: r.text, createdAt: r.createdAt })), total };
}

export type PublicQa = { id: number; question: string; answer: string; askerName: string; recommenderName: string; publishedAt: Date };

function toPublic(r: Row): PublicQa {
  return { id: r.id, question: r.text, answer: r.answer ?? "", askerName: displayName(r.asker), recommenderName: displayName(r.recommender), publishedAt: r.publishedAt! };
}

/** A product's public Q&A, newest first. */
export async function publicQa(tx: Tx, productId: number, take = 10): Promise<PublicQa[]> {
  const rows = await tx.question.findMany({ where: { productId, publishedAt: { not: null } }, include: withPeople, orderBy: { publishedAt: "desc" }, take });
  return rows.map(toPublic);
}

export async function publicQaCount(tx: Tx, productId: number): Promise<number> {
  return tx.question.count({ where: { productId, publishedAt: { not: null } } });
}

/** Q&A made public in (after, upTo], oldest first: what one "新问答" post covers. */
export async function qaPublishedBetween(tx: Tx, productId: number, after: Date | null, upTo: Date, take = 20): Promise<{ items: PublicQa[]; total: number }> {
  const where = { productId, publishedAt: after ? { gt: after, lte: upTo } : { not: null, lte: upTo } };
  const [rows, total] = await Promise.all([
    tx.question.findMany({ where, include: withPeople, orderBy: { publishedAt: "asc" }, take }),
    tx.question.count({ where }),
  ]);
  return { items: rows.map(toPublic), total };
}

export type QaPostCandidate = { productId: number; qaPostedAt: Date | null; chatId: number; locale: Locale };

/**
 * Products of active communities that may be posted about now (never, or
 * not since `postedBefore`) and have Q&A made public since their last post.
 */
export async function productsWithNewQa(tx: Tx, postedBefore: Date, take = 50): Promise<QaPostCandidate[]> {
  const rows = await tx.product.findMany({
    where: {
      OR: [{ qaPostedAt: null }, { qaPostedAt: { lte: postedBefore } }],
      status: { not: "ARCHIVED" },
      community: { active: true },
      questions: { some: { publishedAt: { not: null } } },
    },
    select: { id: true, qaPostedAt: true, community: { select: { telegramChatId: true, locale: true } } },
    orderBy: { id: "asc" },
  });
  const due: QaPostCandidate[] = [];
  for (const row of rows) {
    if (due.length >= take) break;
    const fresh = await tx.question.findFirst({ where: { productId: row.id, publishedAt: row.qaPostedAt ? { gt: row.qaPostedAt } : { not: null } }, select: { id: true } });
    if (!fresh) continue;
    const locale = isLocale(row.community.locale) ? row.community.locale : "zh";
    due.push({ productId: row.id, qaPostedAt: row.qaPostedAt, chatId: Number(row.community.telegramChatId), locale });
  }
  return due;
}

/**
 * Claims a product's next Q&A post: moves qaPostedAt from what the job read
 * to now, only if nobody moved it meanwhile (another instance posting). The
 * post is queued in the same transaction, so a claim is never without its post.
 */
export async function claimQaPost(tx: Tx, productId: number, readPostedAt: Date | null, now: Date): Promise<boolean> {
  const { count } = await tx.product.updateMany({ where: { id: productId, qaPostedAt: readPostedAt }, data: { qaPostedAt: now } });
  return count === 1;
}

/** What a question is asked about: the product, its community and recommender, its name as members see it. */
export type AskableProduct = { productId: number; communityId: number; recommenderId: number; name: string };

/**
 * A product members may ask about: one in force (approved, not archived), or
 * one whose recommendation is before the members in an open vote (its poll's
 * "有疑问" is a question to ask), under the name of the revision voted on.
 */
export async function askableProduct(db: Tx, productId: number): Promise<AskableProduct | undefined> {
  const row = await db.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      communityId: true,
      recommenderId: true,
      status: true,
      approvedRevision: { select: { name: true } },
      revisions: { where: { status: "PENDING_REVIEW", poll: { closedAt: null } }, select: { name: true }, take: 1 },
    },
  });
  if (!row || row.status === "ARCHIVED") return undefined;
  const name = row.approvedRevision?.name ?? row.revisions[0]?.name;
  return name === undefined ? undefined : { productId: row.id, communityId: row.communityId, recommenderId: row.recommenderId, name };
}
