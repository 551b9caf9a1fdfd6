import type { BuyDetails } from "../../../db/group-buys";
import type { MemberRecord } from "../../../db/members";
import type { Order } from "../../../db/orders";
import type { BuyDeps } from "./deps";

// Who may act on a buy: organizers of its community. The organizer verbs
// (close, cancel, extend, refund, mark) take an OrganizedBuy / OrganizedOrder,
// which only these checks make: a verb can't run on a buy nobody checked.

export type Actor = Pick<MemberRecord, "id" | "telegramId">;

declare const checked: unique symbol;
/** A buy and an organizer of its community, checked. */
export type OrganizedBuy = { readonly buy: BuyDetails; readonly actorId: number; readonly [checked]: true };
/** An order and an organizer of its buy's community, checked. */
export type OrganizedOrder = { readonly order: Order; readonly actorId: number; readonly [checked]: true };

const grant = <T>(value: T) => value as T & { readonly [checked]: true };

/** True for an organizer of this group's community (in a group) or of any community (in private). */
export async function organizesHere(deps: BuyDeps, actor: Actor, communityId: number | undefined): Promise<boolean> {
  const { organizers } = deps.services;
  return communityId !== undefined ? organizers.isOrganizer(communityId, actor) : (await organizers.communityIdsOf(actor)).length > 0;
}

/** The communities whose buys this organizer sees: this group's, or (in private) all they organize. */
export async function organizedCommunityIds(deps: BuyDeps, actor: Actor, communityId: number | undefined): Promise<number[]> {
  return communityId !== undefined ? [communityId] : deps.services.organizers.communityIdsOf(actor);
}

export type BuyRefusal = { ok: false; reason: "not-found" | "other-community" | "not-allowed" };

/** The buy, if it exists, belongs to the group asked in (if any) and `actor` organizes its community. */
export async function organizedBuy(
  deps: BuyDeps,
  input: { groupBuyId: number; actor: Actor; inCommunityId?: number },
): Promise<{ ok: true; organized: OrganizedBuy } | BuyRefusal> {
  const buy = await deps.buys.details(input.groupBuyId);
  if (!buy) return { ok: false, reason: "not-found" };
  if (input.inCommunityId !== undefined && buy.communityId !== input.inCommunityId) return { ok: false, reason: "other-community" };
  if (!(await deps.services.organizers.isOrganizer(buy.communityId, input.actor))) return { ok: false, reason: "not-allowed" };
  return { ok: true, organized: grant({ buy, actorId: input.actor.id }) };
}

/** Whether `actor` organizes the community of this buy (false when there is no such buy). */
export async function organizesBuy(deps: BuyDeps, groupBuyId: number, actor: Actor | undefined): Promise<boolean> {
  const buy = await deps.buys.byId(groupBuyId);
  if (!buy || !actor) return false;
  return deps.services.organizers.isOrganizer(buy.communityId, actor);
}

/** The order behind an organizer's button, if `actor` organizes its buy's community. */
export async function organizedOrder(deps: BuyDeps, orderId: number, actor: Actor | undefined): Promise<OrganizedOrder | undefined> {
  const order = await deps.orders.byId(orderId);
  if (!order || !actor) return undefined;
  const buy = await deps.buys.byId(order.groupBuyId);
  if (!buy || !(await deps.services.organizers.isOrganizer(buy.communityId, actor))) return undefined;
  return grant({ order, actorId: actor.id });
}

/** An order of a buy already checked (found by its number or name in that buy). */
export function orderOfOrganizedBuy(organized: OrganizedBuy, order: Order): OrganizedOrder {
  if (order.groupBuyId !== organized.buy.id) throw new Error(`order ${order.id} is not of buy ${organized.buy.id}`);
  return grant({ order, actorId: organized.actorId });
}
