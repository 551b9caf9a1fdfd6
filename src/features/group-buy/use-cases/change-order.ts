import type { MemberRecord } from "../../../db/members";
import type { ChangeResult, QuantityChange } from "../../../db/orders";
import type { BuyFacts } from "../../../db/group-buys";
import type { BuyDeps } from "./deps";
import type { Announcements } from "../announcements";

export type ChangeOrderInput = {
  buy: BuyFacts;
  member: Pick<MemberRecord, "id">;
  change: QuantityChange;
  /** `u<update_id>`: a re-delivered tap changes nothing twice */
  updateKey: string;
  /** a tap's update, whose only change this is: its handled mark is committed with the change… */
  markUpdate?: number;
  /** …after the update's other writes, made beside it (the member's sighting in the group) */
  alongside?: Promise<unknown>;
  /** a tap in private (through a link): joining makes one a member of the buy's community */
  inPrivate: boolean;
};

/**
 * A member joins (+1, a quantity), changes or cancels their order. Any
 * member may: the caps, the deadline and the buy's state are checked in the
 * change's own transaction (Orders.changeQuantity, coalesced with the taps
 * arriving with it). The hot path of a busy group: no other round trip
 * (the announcement's edit follows on its own, paced).
 */
export async function changeOrder(deps: BuyDeps & { announcements?: Pick<Announcements, "nudge"> }, input: ChangeOrderInput): Promise<ChangeResult> {
  const result = await deps.orders.changeQuantity({
    groupBuyId: input.buy.id,
    memberId: input.member.id,
    change: input.change,
    updateKey: input.updateKey,
    markUpdate: input.markUpdate,
    alongside: input.alongside,
    now: deps.services.clock.now(),
  });
  // the roster shows it as soon as the group's budget allows, not on the next tick
  if (result.ok) deps.announcements?.nudge(input.buy);
  if (result.ok && input.inPrivate) await deps.services.communities.touchMember(input.buy.communityId, input.member.id);
  return result;
}
