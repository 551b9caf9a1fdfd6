// The use-cases of the public open-books page: what anyone may read about a
// community whose page is on, what a member signed in through the Mini App
// reads of their own, and turning the page on or off (for /settings).
import type { Db } from "../../db/client";
import type { CommunityRecord } from "../../db/communities";
import { isCommunityMember } from "../../db/communities";
import { Orders, type OrderWithBuy } from "../../db/orders";
import { memberIdByTelegramId, publicBuys, publicCommunity, publicProducts, setPublicPage as storePublicPage, type PublicBuy, type PublicProduct } from "../../db/public-page";
import { statementData, type StatementData } from "../../db/statements";
import { parsePeriod, shift, type Period } from "../../domain/period";
import { settle, type Statement } from "../../domain/statement";
import { myBooks, periodBooks, type MyBooks, type PeriodBooks } from "../period-books/use-cases";
import { productVoices, type ProductVoices } from "./product-voices";

/** A product as the page shows it: with its Q&A, ratings and published comments. */
export type PageProduct = PublicProduct & { voices?: ProductVoices };

export type ClosedBuy = { buy: PublicBuy; statement?: { data: StatementData; settled: Statement } };

export type PublicPageData = {
  community: CommunityRecord;
  products: PageProduct[];
  current: PublicBuy[];
  past: ClosedBuy[];
  /** this month's books and last month's */
  periods: PeriodBooks[];
};

/** How many closed buys the page shows with their statements. */
export const PAST_BUYS_SHOWN = 20;

/** The page's content, or undefined when the community is unknown or its page is off. */
export async function readPublicPage(db: Db, communityId: number, now: Date): Promise<PublicPageData | undefined> {
  const community = await publicCommunity(db, communityId);
  if (!community) return undefined;
  const month = thisMonth(now, community.timezone);
  const [products, buys, periods] = await Promise.all([
    publicProducts(db, community.id),
    publicBuys(db, community.id, PAST_BUYS_SHOWN),
    Promise.all([month, shift(month, -1)].map((p) => periodBooks(db, community.id, community.timezone, p))),
  ]);
  const past = await Promise.all(
    buys.past.map(async (buy): Promise<ClosedBuy> => {
      // the statement as the group reads it (display names only where the thanks board has them)
      const data = await statementData(db, buy.id);
      return data ? { buy, statement: { data, settled: settle(data.input) } } : { buy };
    }),
  );
  const voices = await productVoices(db, products.map((p) => p.productId));
  return { community, products: products.map((p) => ({ ...p, voices: voices.get(p.productId) })), current: buys.current, past, periods };
}

export type MemberPageData = { community: CommunityRecord; orders: OrderWithBuy[]; books: MyBooks };

/**
 * A member's own part of the page (the Telegram user is already verified by
 * the caller): their orders in this community with pickup codes, and this
 * month's purchases and patronage preview. "not-member" for anyone else.
 */
export async function readMemberPage(db: Db, communityId: number, telegramUserId: number, now: Date): Promise<MemberPageData | "not-member" | undefined> {
  const community = await publicCommunity(db, communityId);
  if (!community) return undefined;
  const memberId = await memberIdByTelegramId(db, telegramUserId);
  if (memberId === undefined || !(await isCommunityMember(db, community.id, memberId))) return "not-member";
  const [orders, books] = await Promise.all([
    new Orders(db).ofMember(memberId, 100),
    myBooks(db, community.id, community.timezone, memberId, thisMonth(now, community.timezone)),
  ]);
  return { community, orders: orders.filter((o) => o.groupBuy.communityId === community.id).slice(0, 30), books };
}

/** Turns a community's public page on or off (the /settings toggle calls this); false for an unknown community. */
export function setPublicPage(db: Db, communityId: number, on: boolean): Promise<boolean> {
  return storePublicPage(db, communityId, on);
}

function thisMonth(now: Date, timezone: string): Period {
  return parsePeriod("", now, timezone, "this") as Period;
}
