import { inTransaction } from "../../../db/client";
import {
  markPickedUp, orderByPickupCode, pickupMarkedBy, pickupOrderById, recordWrongTry, wrongTriesSince, type PickupOrder,
} from "../../../db/pickups";
import { markUpdateHandled } from "../../../db/processed-updates";
import { normalizePickupCode, pickupTryAllowed, PICKUP_RATE_WINDOW_MS } from "../../../domain/pickup-code";
import type { Actor } from "../../group-buy/use-cases/organizer-access";
import type { BuyDeps } from "../../group-buy/use-cases/deps";
import { mayVerify } from "./pickup-access";

export type VerifyInput = {
  actor: Actor;
  /** the update asking: its id keys the pickup event, so a re-delivery changes nothing */
  updateId: number;
  /** a code typed or scanned, or the order of a list's button */
  by: { code: string } | { orderId: number };
  /** the buy whose pickup session this is (a typed code must be of this buy) */
  forBuyId?: number;
};

export type PickupOutcome =
  | { kind: "picked" | "already" | "not-active"; order: PickupOrder }
  /** the sender's own code (a member opening their QR's link) */
  | { kind: "own"; order: PickupOrder }
  | { kind: "foreign"; groupBuyId: number }
  | { kind: "not-ahead"; groupBuyId: number; status: string }
  | { kind: "not-a-code" | "wrong" | "not-allowed" }
  | { kind: "too-many"; waitSeconds: number };

/**
 * Verifies a pickup (核销): marks the order picked up exactly once, with who
 * and when, if the sender may hand out its buy. A code is rate-limited:
 * before it is looked at, the sender's wrong tries of the last minute are
 * counted (at most 10), and a code that is unknown, of a buy the sender may
 * not verify, or of another buy than the session's counts as one. The tries
 * are rows, so the limit holds across restarts and instances.
 *
 * What is decided is read first, outside the write's transaction: who
 * organizes what is read through the Organizers service on its own
 * connection, which a SQLite transaction would wait on. The write (the wrong
 * try, or the mark with its event and the update's handled mark) is then one
 * transaction, and the mark is conditional (only while not picked up), so two
 * helpers scanning one code at once get one "picked up" and one "already".
 */
export async function verifyPickup(deps: Pick<BuyDeps, "services">, input: VerifyInput): Promise<PickupOutcome> {
  const { actor, updateId } = input;
  const { db, clock } = deps.services;
  const now = clock.now();
  const windowStart = new Date(now.getTime() - PICKUP_RATE_WINDOW_MS);
  const wrongTry = async (outcome: PickupOutcome) => {
    if ("code" in input.by) await inTransaction(db, (tx) => recordWrongTry(tx, actor.id, now, windowStart));
    return outcome;
  };
  const updateKey = `u${updateId}`;
  const done = await pickupMarkedBy(db, updateKey);
  if (done !== undefined) return { kind: "picked", order: (await pickupOrderById(db, done))! };

  let order: PickupOrder | undefined;
  if ("code" in input.by) {
    const code = normalizePickupCode(input.by.code);
    if (!code) return { kind: "not-a-code" };
    const allowed = pickupTryAllowed(await wrongTriesSince(db, actor.id, windowStart), now);
    if (!allowed.ok) return { kind: "too-many", waitSeconds: allowed.waitSeconds };
    order = await orderByPickupCode(db, code);
    if (!order) return wrongTry({ kind: "wrong" });
  } else {
    order = await pickupOrderById(db, input.by.orderId);
    if (!order) return { kind: "not-allowed" };
  }
  if (!(await mayVerify(deps, db, order.groupBuy, actor))) {
    if (order.memberId === actor.id) return { kind: "own", order };
    return wrongTry({ kind: "not-allowed" });
  }
  if (input.forBuyId !== undefined && order.groupBuyId !== input.forBuyId) return wrongTry({ kind: "foreign", groupBuyId: order.groupBuyId });
  if (order.groupBuy.status !== "SUCCEEDED") return { kind: "not-ahead", groupBuyId: order.groupBuyId, status: order.groupBuy.status };
  if (order.status !== "ACTIVE") return { kind: "not-active", order };
  if (order.pickupStatus === "PICKED_UP") return { kind: "already", order };
  const marked = order;
  return inTransaction(db, async (tx): Promise<PickupOutcome> => {
    const won = await markPickedUp(tx, marked, actor.id, now, updateKey);
    await markUpdateHandled(tx, updateId, now);
    return { kind: won ? "picked" : "already", order: (await pickupOrderById(tx, marked.id))! };
  });
}
