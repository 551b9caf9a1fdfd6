// The statement in the group: posted once a buy has closed (after the close's
// group notice), then edited as payments, refunds, cancellations and pickups
// change it. Changes mark the buy statementDirty in their own transaction;
// the "books-statements" job (lease-held, one instance) brings the dirty ones
// up to date, at most one edit per buy every COALESCE_MS, never with the text
// the group already shows, each send taking its slot from the SendPacer.
//
// It is one photo, the chart of where the revenue went, whose caption is the
// statement when it fits 1,024 characters; otherwise a short caption and the
// full text in a message right after it. Without a chart (its rendering
// failed) it is the text alone: the statement is never lost for a picture.
import { createHash } from "node:crypto";
import { GrammyError, InputFile, type Api } from "grammy";
import type { Clock } from "../../clock";
import type { Logger } from "../../logger";
import type { Db } from "../../db/client";
import { isHarmlessTelegramError } from "../../bot/telegram-errors";
import { crashPoint } from "../../bot/crash-point";
import type { SendPacer } from "../../services/send-pacer";
import { renderMoneyChart, type MoneyChartInput } from "../../views/money-chart";
import {
  claimStatement,
  claimStatementFollowUp,
  dirtyStatements,
  markStatementDirty,
  recordStatementShown,
  releaseStatement,
  statementShown,
  takeStatementDirty,
  type StatementShown,
} from "../../db/statements";
import { CAPTION_LIMIT, captionLength } from "./statement-view";

export type RenderedStatement = {
  chatId: number;
  /** the full statement (HTML) */
  text: string;
  /** the caption when the text is longer than one (HTML) */
  shortCaption?: string;
  /** the chart's input, rendered only when the group's chart is out of date */
  chart?: MoneyChartInput;
};

export type StatementPostDeps = { db: Db; api: Api; clock: Clock; logger: Logger; pacer: SendPacer; renderChart?: (input: MoneyChartInput) => Promise<Buffer> };

/** Edits of one buy's statement come at most this often; changes meanwhile go in the next edit. */
export const COALESCE_MS = 10_000;
/** A posting claim older than this was left by an instance that died mid-post (as announcements'). */
export const CLAIM_STALE_MS = 5 * 60_000;

const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

/** The chart's hash: its numbers, labels and title (what the picture shows). */
export function chartHash(chart: MoneyChartInput): string {
  return digest(JSON.stringify([chart.title, chart.currency, chart.locale, chart.slices.map((s) => [s.key, s.label, s.amountFen])]));
}

/** The hash of all the group shows: the text and the chart (none: a text statement). */
export function statementHash(text: string, chart: string | undefined): string {
  return chart === undefined ? digest(text) : digest(`${text}\u0000${chart}`);
}

export type PostOutcome = "posted" | "edited" | "unchanged" | "elsewhere" | "failed";

type Buy = { id: number; statementMessageId: number | null; statementHash: string | null };

/**
 * Sends or edits a buy's statement in its group: the one place that does.
 * Posting is claimed first: a kill between the send and the record leaves the
 * claim, so a restart doesn't post it again (until the claim goes stale,
 * CLAIM_STALE_MS); the follow-up text has its own claim the same way.
 */
export async function sendStatement(deps: StatementPostDeps, buy: Buy, rendered: RenderedStatement): Promise<PostOutcome> {
  const wanted = rendered.chart ? chartHash(rendered.chart) : undefined;
  if (buy.statementMessageId === null) return post(deps, buy, rendered, wanted);
  if (statementHash(rendered.text, wanted) === buy.statementHash) return "unchanged";
  // a statement posted before charts: a text message whose hash is its text's
  const shown = (await statementShown(deps.db, buy.id)) ?? { form: "text", main: buy.statementHash ?? "" };
  return update(deps, buy, buy.statementMessageId, shown, rendered, wanted);
}

async function renderChart(deps: StatementPostDeps, buyId: number, chart: MoneyChartInput | undefined): Promise<Buffer | undefined> {
  if (!chart) return undefined;
  try {
    return await (deps.renderChart ?? renderMoneyChart)(chart);
  } catch (error) {
    deps.logger.warn("could not render a statement's chart: the statement goes without it", { group_buy_id: buyId, error: String(error) });
    return undefined;
  }
}

/** The photo's caption: the statement when it fits, else the short one (the follow-up has the rest); sticky once there is a follow-up. */
function captionOf(rendered: RenderedStatement, shown: StatementShown | undefined): { caption: string; followUp: boolean } {
  const long = captionLength(rendered.text) > CAPTION_LIMIT || shown?.followUp !== undefined;
  return long && rendered.shortCaption ? { caption: rendered.shortCaption, followUp: true } : { caption: rendered.text, followUp: false };
}

async function post(deps: StatementPostDeps, buy: Buy, rendered: RenderedStatement, wanted: string | undefined): Promise<PostOutcome> {
  const claimedAt = deps.clock.now();
  if (!(await claimStatement(deps.db, buy.id, claimedAt, new Date(claimedAt.getTime() - CLAIM_STALE_MS)))) return "elsewhere";
  const png = await renderChart(deps, buy.id, rendered.chart);
  const { caption, followUp } = png ? captionOf(rendered, undefined) : { caption: rendered.text, followUp: false };
  const answered = await deps.pacer.take(rendered.chatId, true);
  let messageId: number;
  try {
    const sent = png
      ? deps.api.sendPhoto(rendered.chatId, new InputFile(png, `statement-${buy.id}.png`), { caption, parse_mode: "HTML" })
      : deps.api.sendMessage(rendered.chatId, rendered.text, HTML);
    messageId = (await sent.finally(answered)).message_id;
  } catch (error) {
    deps.logger.warn("could not post a buy's statement", { group_buy_id: buy.id, error: String(error) });
    await releaseStatement(deps.db, buy.id, claimedAt).catch(() => undefined);
    return "failed";
  }
  // posted but not recorded (killed here): the claim stands, nobody posts it again
  crashPoint("after-statement-sent");
  const chart = png ? wanted : undefined;
  // the follow-up's claim is recorded with the photo: it is sent right after
  const shown: StatementShown = { form: png ? "photo" : "text", main: digest(caption), ...(chart ? { chart } : {}), ...(followUp ? { followUp: { claimedAt: claimedAt.getTime() } } : {}) };
  await recordStatementShown(deps.db, buy.id, shown, { posted: messageId, hash: followUp ? null : statementHash(rendered.text, chart) });
  if (!followUp) return "posted";
  const done = await sendFollowUp(deps, buy.id, shown, rendered);
  if (!done) return "failed";
  await recordStatementShown(deps.db, buy.id, done, { hash: statementHash(rendered.text, chart) });
  return "posted";
}

/** Sends the follow-up text (its claim taken): what is shown then, or undefined when it failed (the claim released). */
async function sendFollowUp(deps: StatementPostDeps, buyId: number, claimed: StatementShown, rendered: RenderedStatement): Promise<StatementShown | undefined> {
  const answered = await deps.pacer.take(rendered.chatId, true);
  try {
    const sent = await deps.api.sendMessage(rendered.chatId, rendered.text, HTML).finally(answered);
    crashPoint("after-statement-sent");
    return { ...claimed, followUp: { id: sent.message_id, hash: digest(rendered.text) } };
  } catch (error) {
    deps.logger.warn("could not post a buy's statement text after its chart", { group_buy_id: buyId, error: String(error) });
    const { followUp: _, ...released } = claimed;
    await recordStatementShown(deps.db, buyId, released, {}).catch(() => undefined);
    return undefined;
  }
}

/** One edit call with its slot: true when done (or nothing left to do there: deleted, bot removed, not modified). */
async function editCall(deps: StatementPostDeps, buyId: number, chatId: number, call: () => Promise<unknown>): Promise<boolean> {
  const answered = await deps.pacer.take(chatId, true);
  try {
    await call().finally(answered);
    return true;
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 429) deps.pacer.pauseFor((error.parameters.retry_after ?? 1) * 1000);
    const gone = error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400);
    if (isHarmlessTelegramError(error) || gone) return true;
    deps.logger.warn("could not edit a buy's statement", { group_buy_id: buyId, error: String(error) });
    return false;
  }
}

/**
 * Brings a posted statement up to date, each part only when it changed: the
 * chart (editMessageMedia, which carries the caption too), else the caption
 * or text; then the follow-up. What is done is recorded as it goes, so a
 * failed call is retried alone on a later tick.
 */
async function update(deps: StatementPostDeps, buy: Buy, messageId: number, start: StatementShown, rendered: RenderedStatement, wanted: string | undefined): Promise<PostOutcome> {
  const { chatId } = rendered;
  let shown = start;
  const png = wanted !== undefined && wanted !== shown.chart ? await renderChart(deps, buy.id, rendered.chart) : undefined;
  const photo = shown.form === "photo" || png !== undefined;
  const { caption, followUp } = photo ? captionOf(rendered, shown) : { caption: rendered.text, followUp: false };
  const save = (next: StatementShown, hash?: string) => recordStatementShown(deps.db, buy.id, (shown = next), { hash });
  if (png) {
    // a new picture (a text statement takes one in place of its text): the caption goes with it
    const media = { type: "photo" as const, media: new InputFile(png, `statement-${buy.id}.png`), caption, parse_mode: "HTML" as const };
    if (!(await editCall(deps, buy.id, chatId, () => deps.api.editMessageMedia(chatId, messageId, media)))) return "failed";
    await save({ ...shown, form: "photo", chart: wanted, main: digest(caption) });
  } else if (digest(caption) !== shown.main) {
    const call = photo
      ? () => deps.api.editMessageCaption(chatId, messageId, { caption, parse_mode: "HTML" })
      : () => deps.api.editMessageText(chatId, messageId, rendered.text, HTML);
    if (!(await editCall(deps, buy.id, chatId, call))) return "failed";
    await save({ ...shown, main: digest(caption) });
  }
  if (followUp) {
    const id = shown.followUp?.id;
    if (id !== undefined) {
      if (shown.followUp?.hash !== digest(rendered.text)) {
        if (!(await editCall(deps, buy.id, chatId, () => deps.api.editMessageText(chatId, id, rendered.text, HTML)))) return "failed";
        await save({ ...shown, followUp: { id, hash: digest(rendered.text) } });
      }
    } else {
      const now = deps.clock.now();
      const claimed = await claimStatementFollowUp(deps.db, buy.id, shown, now, new Date(now.getTime() - CLAIM_STALE_MS));
      if (!claimed) return "elsewhere";
      const done = await sendFollowUp(deps, buy.id, claimed, rendered);
      if (!done) return "failed";
      await save(done);
    }
  }
  await recordStatementShown(deps.db, buy.id, shown, { hash: statementHash(rendered.text, shown.chart) });
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
