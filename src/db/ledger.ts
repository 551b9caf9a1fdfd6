import type { Db, Tx } from "./client";
import type { Clock } from "../clock";
import { auditLedger, ledgerLooksSound } from "./ledger-audit";
import { accrueBuySetWise, type BuyAccrual } from "./buy-accrual";
import { insertRows } from "./bulk-insert";
import { NEW_ROW_COLUMNS, planAppend, type LedgerEntryRecord, type NewEntry } from "./ledger-chain";
import {
  accrualKey, checkPayout, reversalKey, summaryOfLink,
  type LedgerKind, type LedgerSummary, type PayoutRefusal,
} from "../domain/ledger-rules";

export type { LedgerEntryRecord, NewEntry } from "./ledger-chain";
export type { BuyAccrual } from "./buy-accrual";

export type Appended = { entry: LedgerEntryRecord; replayed: boolean };

export type PayoutResult =
  | { ok: true; entry: LedgerEntryRecord; replayed: boolean }
  | { ok: false; reason: PayoutRefusal; balanceFen: number };


/** Unique violations (another writer took the next seq first) and transaction conflicts: re-run the transaction. */
export function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "P2002" || code === "P2034";
}

/**
 * The append-only referral earnings ledger. Every write computes the next seq
 * and running balance from the recommender's last entry inside a transaction;
 * the unique (community, recommender, seq) means two writers can't both
 * commit the same next entry, so a balance check and the payout that relies on
 * it are one atomic step. Writes are keyed (idempotencyKey): writing the same
 * fact again returns the entry already there.
 */
export class Ledger {
  constructor(
    private db: Db,
    private clock: Clock,
    private options: {
      /** queue writers per recommender (see append); off only to test the seq guarantee alone */
      lockRecommender?: boolean;
      maxAttempts?: number;
      /** told each time a transaction is re-run after a conflict */
      onConflict?: (error: unknown) => void;
    } = {},
  ) {}

  /**
   * Appends entries for one recommender inside `tx`. `guard` sees the balance
   * before the first new entry and may refuse (nothing is written then).
   */
  async append(
    tx: Tx,
    communityId: number,
    recommenderId: number,
    entries: NewEntry[],
    guard?: (balanceBeforeFen: number) => PayoutRefusal | undefined,
  ): Promise<{ appended: Appended[] } | { refused: PayoutRefusal; balanceFen: number }> {
    const plan = await this.plan(tx, communityId, recommenderId, entries, guard);
    if ("refused" in plan) return plan;
    const appended: Appended[] = [];
    const written = new Map<string, LedgerEntryRecord>();
    for (const step of plan.steps) {
      if ("existing" in step) appended.push({ entry: step.existing, replayed: true });
      else if ("repeatOf" in step) appended.push({ entry: written.get(step.repeatOf)!, replayed: true });
      else {
        const entry = await tx.ledgerEntry.create({ data: step.row });
        written.set(entry.idempotencyKey, entry);
        appended.push({ entry, replayed: false });
      }
    }
    return { appended };
  }

  /**
   * Appends many entries for one recommender inside `tx`, as append does, but
   * in bulk statements and without reading them back: a buy's accruals, one
   * per order. Returns how many were new and the balance after them.
   */
  async appendMany(tx: Tx, communityId: number, recommenderId: number, entries: NewEntry[]): Promise<{ written: number; balanceFen: number }> {
    const plan = await this.plan(tx, communityId, recommenderId, entries);
    if ("refused" in plan) throw new Error("unreachable: appendMany has no guard");
    const rows = plan.steps.flatMap((s) => ("row" in s ? [s.row] : []));
    await insertRows(tx, "LedgerEntry", NEW_ROW_COLUMNS, rows);
    return { written: rows.length, balanceFen: plan.balanceAfterFen };
  }

  /** Replays and new rows of an append (see ledger-chain), read inside `tx`. */
  private plan(tx: Tx, communityId: number, recommenderId: number, entries: NewEntry[], guard?: (balanceBeforeFen: number) => PayoutRefusal | undefined) {
    return planAppend(tx, { communityId, recommenderId, entries, guard, now: this.clock.now(), lockRecommender: this.options.lockRecommender !== false });
  }

  /** Runs `fn` in a transaction, re-running it when another writer committed first. */
  async transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const max = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.$transaction(fn);
      } catch (error) {
        if (!isWriteConflict(error) || attempt >= max) throw error;
        this.options.onConflict?.(error);
      }
    }
  }

  /**
   * Accrues the commission of every active order of a buy that has just
   * succeeded, from each order's snapshot. Idempotent: a re-run close adds
   * nothing. Orders that earn nothing (self-referrals) get no entry.
   */
  async accrueBuy(tx: Tx, groupBuyId: number): Promise<BuyAccrual[]> {
    const buy = await tx.groupBuy.findUnique({ where: { id: groupBuyId }, select: { id: true, communityId: true, status: true } });
    if (!buy) throw new Error(`ledger: no group buy ${groupBuyId}`);
    if (buy.status !== "SUCCEEDED") throw new Error(`ledger: buy ${groupBuyId} is ${buy.status}, not SUCCEEDED`);
    // set-wise, in the database (see buy-accrual): each recommender's entries follow their orders' ids
    return accrueBuySetWise(tx, { groupBuyId, communityId: buy.communityId, now: this.clock.now(), lockRecommender: this.options.lockRecommender !== false });
  }

  /**
   * Reverses an order's accrual after it was cancelled or refunded. Nothing to
   * reverse (it earned nothing, or the buy hadn't succeeded): undefined.
   * The balance may go below zero when the commission was already paid out:
   * the recommender then owes it back from later earnings.
   */
  async reverseOrder(tx: Tx, orderId: number, reason: "CANCELLED" | "REFUNDED", actorId: number | null = null): Promise<Appended | undefined> {
    const accrual = await tx.ledgerEntry.findUnique({ where: { idempotencyKey: accrualKey(orderId) } });
    if (!accrual) return undefined;
    const written = await this.append(tx, accrual.communityId, accrual.recommenderId, [
      {
        kind: "REVERSAL",
        amountFen: -accrual.amountFen,
        orderId,
        groupBuyId: accrual.groupBuyId ?? undefined,
        memo: reason,
        createdById: actorId ?? undefined,
        idempotencyKey: reversalKey(orderId),
      },
    ]);
    return "appended" in written ? written.appended[0] : undefined;
  }

  /**
   * Pays a recommender out of their balance, in its own transaction.
   * `onWritten` runs in that transaction for a new entry (e.g. to queue the notice).
   */
  async payout(
    input: {
      communityId: number;
      recommenderId: number;
      amountFen: number;
      createdById: number;
      idempotencyKey: string;
      memo?: string;
      payoutMethod?: string;
      payoutReference?: string;
    },
    onWritten?: (tx: Tx, entry: LedgerEntryRecord) => Promise<void>,
  ): Promise<PayoutResult> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
      return { ok: false, reason: "not-positive", balanceFen: await this.balanceOf(input.communityId, input.recommenderId) };
    }
    return this.transact(async (tx) => {
      const written = await this.append(
        tx,
        input.communityId,
        input.recommenderId,
        [
          {
            kind: "PAYOUT",
            amountFen: -input.amountFen,
            createdById: input.createdById,
            memo: input.memo,
            payoutMethod: input.payoutMethod,
            payoutReference: input.payoutReference,
            idempotencyKey: input.idempotencyKey,
          },
        ],
        (balance) => checkPayout(balance, input.amountFen),
      );
      if (!("appended" in written)) return { ok: false as const, reason: written.refused, balanceFen: written.balanceFen };
      const { entry, replayed } = written.appended[0]!;
      if (!replayed && onWritten) await onWritten(tx, entry);
      return { ok: true as const, entry, replayed };
    });
  }

  async balanceOf(communityId: number, recommenderId: number, reader: Pick<Db, "ledgerEntry"> = this.db): Promise<number> {
    const last = await reader.ledgerEntry.findFirst({ where: { communityId, recommenderId }, orderBy: { seq: "desc" }, select: { balanceFen: true } });
    return last?.balanceFen ?? 0;
  }

  async summaryOf(communityId: number, recommenderId: number): Promise<LedgerSummary> {
    // the chain's last entry carries its running sums: one row, however long the chain
    const last = await this.db.ledgerEntry.findFirst({
      where: { communityId, recommenderId },
      orderBy: { seq: "desc" },
      select: { seq: true, balanceFen: true, paidToDateFen: true, adjustedToDateFen: true },
    });
    return summaryOfLink(last);
  }

  /** Net commission (accruals − reversals) per buy for a recommender. */
  async netByBuy(communityId: number, recommenderId: number, groupBuyIds: number[]): Promise<Map<number, number>> {
    const rows = await this.db.ledgerEntry.groupBy({
      by: ["groupBuyId"],
      where: { communityId, recommenderId, groupBuyId: { in: groupBuyIds }, kind: { in: ["ACCRUAL", "REVERSAL"] } },
      _sum: { amountFen: true },
    });
    return new Map(rows.map((r) => [r.groupBuyId!, r._sum.amountFen ?? 0]));
  }

  /** The newest entries of a community, newest first. */
  async recent(communityId: number, limit: number) {
    return this.db.ledgerEntry.findMany({
      where: { communityId },
      orderBy: { id: "desc" },
      take: limit,
      include: { recommender: true, order: { select: { groupBuyId: true, position: true } } },
    });
  }

  /** Every entry of a community in the order written, page by page. */
  async *all(communityId: number, pageSize = 500) {
    let cursor = 0;
    for (;;) {
      const page = await this.db.ledgerEntry.findMany({
        where: { communityId, id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: pageSize,
        include: {
          recommender: { select: { firstName: true, lastName: true } },
          createdBy: { select: { firstName: true, lastName: true } },
          groupBuy: { select: { selfReferralEarns: true } },
          order: {
            select: {
              groupBuyId: true, position: true, quantity: true, unitPriceFen: true, amountFen: true,
              commissionKind: true, commissionValue: true, selfReferral: true,
              member: { select: { firstName: true, lastName: true } },
            },
          },
        },
      });
      if (page.length === 0) return;
      yield* page;
      cursor = page.at(-1)!.id;
    }
  }

  async count(communityId: number): Promise<number> {
    return this.db.ledgerEntry.count({ where: { communityId } });
  }

  /**
   * Audits a community's ledger against its orders (see ledger-audit); no problems: all is traceable.
   * The database answers whether anything is wrong; only then are the entries read to say what.
   */
  async verify(communityId: number): Promise<string[]> {
    if (await ledgerLooksSound(this.db, communityId)) return [];
    return auditLedger(this.db, communityId);
  }
}
