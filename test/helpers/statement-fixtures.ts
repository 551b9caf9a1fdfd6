// Shared by the statement tests: a rice buy whose lines have every kind, the
// scheduler ticks that let the outbox and the statement job catch up, the
// statement as the group shows it, and amounts read back from its text.
import type { User } from "grammy/types";
import { expect } from "vitest";
import type { Harness } from "./harness";
import type { FakeMessage } from "../fake-telegram/types";
import { callbackQuery } from "../fake-telegram/updates";
import { announcement, buttonData, createApprovedProduct, openBuy, setupCommunity, type Community } from "./group-buy-fixtures";

// ¥25.00 a bag: rice 18.00 (producer), packaging 2.00, logistics 3.00, co-op fee 1.00, commission 1.00
export const RICE_LINES: [string, number, "PRODUCER" | "PACKAGING" | "LOGISTICS" | "COOP_FEE" | "COMMISSION"][] = [
  ["Rice", 1800, "PRODUCER"],
  ["Packaging", 200, "PACKAGING"],
  ["Logistics", 300, "LOGISTICS"],
  ["Co-op fee", 100, "COOP_FEE"],
  ["Commission", 100, "COMMISSION"],
];

/**
 * The organizer's community, Rita's rice with kinded lines, a buy opened at
 * `commission` (the co-op fee taking the difference), and the joiners: the
 * first ×1, the second ×2, the third ×3…
 */
export async function riceBuy(h: Harness, organizer: User, recommender: User, joiners: User[], commission: string): Promise<Community & { buyId: number }> {
  const community = await setupCommunity(h, organizer);
  const { productId, revisionId } = await createApprovedProduct(h, { communityId: community.communityId, recommender, costLines: RICE_LINES.map(([l, a]) => [l, a]) });
  for (const [label, , kind] of RICE_LINES) await h.db.costLine.updateMany({ where: { revisionId, label }, data: { kind } });
  const buyId = await openBuy(h, organizer, productId, { min: "1", deadline: "2026-12-03 20:00", commission, absorb: "Co-op fee" });
  const post = await announcement(h, buyId);
  for (const [i, m] of joiners.entries()) for (let k = 0; k <= i; k++) await h.send(callbackQuery(m, post, buttonData(post, "gbadd:")));
  return { ...community, buyId };
}

/** Scheduler ticks past the group's pace (a message every 3 s) and the statement's 10 s coalescing, until nothing is left. */
export async function settleStatements(h: Harness, rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    h.clock.advance(10_100);
    await h.flush();
  }
}

/** The buy's statement message in its group. */
export async function statementMessage(h: Harness, buyId: number): Promise<FakeMessage> {
  const buy = await h.db.groupBuy.findUniqueOrThrow({ where: { id: buyId }, include: { community: true } });
  expect(buy.statementMessageId, "no statement posted").not.toBeNull();
  return h.fake.message(Number(buy.community.telegramChatId), buy.statementMessageId!)!;
}

/** The first amount after a label in a statement's text, in fen (a minus sign before the ¥ counts). */
export function fenAfter(text: string, label: RegExp): number {
  const m = new RegExp(label.source + String.raw`.*?(-?)¥([\d,]+\.\d\d)`).exec(text);
  if (!m) throw new Error(`no ${label} in\n${text}`);
  return (m[1] ? -1 : 1) * Math.round(Number(m[2]!.replace(/,/g, "")) * 100);
}
