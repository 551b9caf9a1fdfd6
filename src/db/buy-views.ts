import type { Db, Tx } from "./client";
import type { MemberRow } from "./active-orders";
import type { Order } from "../generated/prisma/client";

// Each member's latest private view of each buy (the message the bot sent or
// last edited there), so that it can be brought up to date when their order
// changes elsewhere or the buy ends.

export type BuyView = { groupBuyId: number; memberId: number; chatId: number; messageId: number; updatedAt: Date };

/** A stored view with what its re-rendering needs: its member's language and their order (if any). */
export type StoredView = BuyView & {
  member: MemberRow;
  order: (Order & { referrer: { firstName: string; lastName: string | null } }) | null;
};

const toView = (row: { groupBuyId: number; memberId: number; chatId: bigint; messageId: number; updatedAt: Date }): BuyView => ({ ...row, chatId: Number(row.chatId) });

/** Views of one buy are read this many at a time (a view exists only for members who opened the buy in private). */
const VIEW_PAGE = 500;

/** How long the members with a view of a buy are known from memory (another instance may record one meanwhile). */
const HOLDERS_TTL_MS = 5_000;

export class BuyViews {
  /** per buy: the members who have a view of it, as read at `loadedAt` (plus those recorded here since) */
  private holders = new Map<number, { loadedAt: number; members: Promise<Set<number>> }>();

  constructor(
    private db: Db,
    private now: () => number = () => performance.now(),
  ) {}

  /** This message is now the member's view of the buy (the one to keep current). */
  async remember(view: { groupBuyId: number; memberId: number; chatId: number; messageId: number }, at: Date): Promise<void> {
    const data = { chatId: BigInt(view.chatId), messageId: view.messageId, updatedAt: at };
    await this.db.buyView.upsert({
      where: { groupBuyId_memberId: { groupBuyId: view.groupBuyId, memberId: view.memberId } },
      create: { groupBuyId: view.groupBuyId, memberId: view.memberId, ...data },
      update: data,
    });
    void this.holders.get(view.groupBuyId)?.members.then((members) => members.add(view.memberId));
  }

  /**
   * Whether the member may have a view of the buy, from memory: a burst of
   * taps in the group then costs one read per buy every few seconds, not one
   * per tap (most tappers have no view; those who do are few).
   */
  async mayHave(groupBuyId: number, memberId: number): Promise<boolean> {
    let entry = this.holders.get(groupBuyId);
    if (!entry || this.now() - entry.loadedAt > HOLDERS_TTL_MS) {
      const members = this.db.buyView.findMany({ where: { groupBuyId }, select: { memberId: true } }).then((rows) => new Set(rows.map((r) => r.memberId)));
      entry = { loadedAt: this.now(), members };
      if (this.holders.size >= 1_000) this.holders.clear();
      this.holders.set(groupBuyId, entry);
      members.catch(() => this.holders.delete(groupBuyId));
    }
    return (await entry.members).has(memberId);
  }

  async of(groupBuyId: number, memberId: number): Promise<BuyView | undefined> {
    const row = await this.db.buyView.findUnique({ where: { groupBuyId_memberId: { groupBuyId, memberId } } });
    return row ? toView(row) : undefined;
  }

  /** The buy this member looked at last in private: what a number they type there is about. */
  async latestOf(memberId: number): Promise<BuyView | undefined> {
    const row = await this.db.buyView.findFirst({ where: { memberId }, orderBy: [{ updatedAt: "desc" }, { groupBuyId: "desc" }] });
    return row ? toView(row) : undefined;
  }
}

const MEMBER = { select: { id: true, telegramId: true, locale: true, telegramLanguage: true } } as const;
const REFERRER = { select: { firstName: true, lastName: true } } as const;

/** Every stored view of a buy (or of one member's), with member and order, page by page. */
export async function* storedViews(tx: Tx, groupBuyId: number, memberId?: number): AsyncGenerator<StoredView[]> {
  let after = 0;
  for (;;) {
    const rows = await tx.buyView.findMany({
      where: { groupBuyId, ...(memberId !== undefined ? { memberId } : { memberId: { gt: after } }) },
      include: { member: MEMBER },
      orderBy: { memberId: "asc" },
      take: VIEW_PAGE,
    });
    if (rows.length === 0) return;
    const orders = await tx.order.findMany({ where: { groupBuyId, memberId: { in: rows.map((r) => r.memberId) } }, include: { referrer: REFERRER } });
    const byMember = new Map(orders.map((o) => [o.memberId, o]));
    yield rows.map(({ member, ...row }) => ({ ...toView(row), member, order: byMember.get(row.memberId) ?? null }));
    if (rows.length < VIEW_PAGE || memberId !== undefined) return;
    after = rows.at(-1)!.memberId;
  }
}
