import type { Tx } from "../../../db/client";
import { isPickupHelper } from "../../../db/pickups";
import type { Actor } from "../../group-buy/use-cases/organizer-access";
import type { BuyDeps } from "../../group-buy/use-cases/deps";

/** Who may hand out a buy's orders: an organizer of its community (always), or a helper named for that buy. */
export async function mayVerify(deps: Pick<BuyDeps, "services">, tx: Tx, buy: { id: number; communityId: number }, actor: Actor): Promise<boolean> {
  if (await deps.services.organizers.isOrganizer(buy.communityId, actor)) return true;
  return isPickupHelper(tx, buy.id, actor.id);
}
