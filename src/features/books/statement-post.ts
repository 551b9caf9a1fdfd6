// The statement in the group: posted once a buy has closed (after the close's
// group notice), then edited as payments, refunds, cancellations and pickups
// change it. Changes mark the buy statementDirty in their own transaction;
// the "books-statements" job (lease-held, one instance) brings the dirty ones
// up to date, at most one edit per buy every COALESCE_MS, never with the text
// the group already shows, each send taking its slot from the SendPacer.
import { createHash } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import type { Db } from "../../db/client";
import { isHarmlessTelegramError } from "../../bot/telegram-errors";
import { crashPoint } from "../../bot/crash-point";
import type { SendPacer } from "../../services/send-pacer";
import { claimStatement, dirtyStatements, markStatementDirty, recordStatement, releaseStatement, takeStatementDirty } from "../../db/statements";

export type RenderedStatement = { chatId: number; text: string };

export type StatementPostDeps = { db: Db; api: Api; clock: Clock; logger: Logger; pacer: SendPacer };

/** Edits of one buy's statement come at most this often; changes meanwhile go in the next edit. */
export const COALESCE_MS = 10_000;
/** A posting claim older than this was left by an instance that died mid-post (as announcements'). */
export const CLAIM_STALE_MS = 5 * 60_000;

export function statementHash(rendered: RenderedStatement): string {
  return createHash("sha256").update(rendered.text).digest("base64url").slice(0, 22);
}

export type PostOutcome = "posted" | "edited" | "unchanged" | "elsewhere" | "failed";

/**
 * Sends or edits a buy's statement in its group: the one place that does
 * (the chart photo, later, goes here too). Posting is claimed first: a kill
 * between the send and the record leaves the claim, so a restart doesn't post
 * it again (until the claim goes stale, CLAIM_STALE_MS).
 */
export async function sendStatement(
  deps: StatementPostDeps,
  buy: { id: number; statementMessageId: number | null; statementHash: string | null },
  rendered: RenderedStatement,
): Promise<PostOutcome> {
  const hash = statementHash(rendered);
  if (buy.statementMessageId === null) {
    const claimedAt = deps.clock.now();
    if (!(await claimStatement(deps.db, buy.id, claimedAt, new Date(claimedAt.getTime() - CLAIM_STALE_MS)))) return "elsewhere";
    const answered = await deps.pacer.take(rendered.chatId, true);
    let messageId: number;
    try {
      messageId = (await deps.api.sendMessage(rendered.chatId, rendered.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } }).finally(answered)).message_id;
    } catch (error) {
      deps.logger.warn("could not post a buy's statement", { group_buy_id: buy.id, error: String(error) });
      await releaseStatement(deps.db, buy.id, claimedAt).catch(() => undefined);
      return "failed";
    }
    // posted but not recorded (killed here): the claim stands, nobody posts it again
    crashPoint("after-statement-sent");
    await recordStatement(deps.db, buy.id, messageId, hash);
    return "posted";
  }
  if (hash === buy.statementHash) return "unchanged";
  const answered = await deps.pacer.take(rendered.chatId, true);
  try {
    await deps.api
      .editMessageText(rendered.chatId, buy.statementMessageId, rendered.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } })
      .finally(answered);
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 429) deps.pacer.pauseFor((error.parameters.retry_after ?? 1) * 1000);
    const gone = error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400);
    if (!isHarmlessTelegramError(error) && !gone) {
      deps.logger.warn("could not edit a buy's statement", { group_buy_id: buy.id, error: String(error) });
      return "failed";
    }
    // deleted by an admin, bot removed, or already showing it: this version is done
  }
  await recordStatement(deps.db, buy.id, undefined, hash);
  return "edited";
}

/** Renders a buy's statement as the group should read it now, with what the group shows. */
export type StatementRenderer = (
  groupBuyId: number,
) => Promise<{ buy: { id: number; statementMessageId: number | null; statementHash: string | null }; rendered: RenderedStatement } | undefined>;

/**
 * The job's pass: each dirty statement whose group has a slot now and that
 * was not edited in the last COALESCE_MS is brought up to date; the others
 * stay dirty for a later tick. Returns what it did, per buy.
 */
export class StatementPosts {
  private lastSent = new Map<number, number>();

  constructor(
    private deps: StatementPostDeps,
    private render: StatementRenderer,
  ) {}

  async pass(signal?: AbortSignal): Promise<Map<number, PostOutcome>> {
    const done = new Map<number, PostOutcome>();
    const now = this.deps.clock.now().getTime();
    for (const due of await dirtyStatements(this.deps.db)) {
      if (signal?.aborted) break;
      const last = this.lastSent.get(due.id);
      if (last !== undefined && now - last < COALESCE_MS) continue;
      // the group's budget (20 a minute, shared with the outbox's notices) decides; it waits for a slot otherwise
      if (this.deps.pacer.paceWait(due.chatId) > 0) continue;
      // the mark taken before reading, so a change made meanwhile marks it again
      await takeStatementDirty(this.deps.db, due.id);
      let outcome: PostOutcome = "unchanged";
      try {
        const r = await this.render(due.id);
        if (r) outcome = await sendStatement(this.deps, r.buy, r.rendered);
      } catch (error) {
        outcome = "failed";
        this.deps.logger.warn("could not render a buy's statement", { group_buy_id: due.id, error: String(error) });
      }
      // failed: tried again on a later tick; elsewhere: another post's claim, taken over once stale
      if (outcome === "failed" || outcome === "elsewhere") await markStatementDirty(this.deps.db, due.id);
      if (outcome === "posted" || outcome === "edited") this.lastSent.set(due.id, now);
      done.set(due.id, outcome);
    }
    if (this.lastSent.size > 10_000) this.lastSent.clear();
    return done;
  }
}
