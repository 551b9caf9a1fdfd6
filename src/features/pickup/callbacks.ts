import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";

// Buttons of pickup by code, all in private. Helpers are not organizers, so
// they are "member" buttons (the chat's own user): each handler checks that
// the presser may verify the buy the button acts on.
const page = z.coerce.number().int().min(0).max(9999);
/** A page of a buy's "still to come" list (also: pick this buy). `id` is the buy's id. */
export const cbPickupPage = createCallbackData("pkpage", { id: idField, page });
/** "✅ picked up" on a member in that list. `id` is the order's id; `page` the list's page, to show it again. */
export const cbPickupMark = createCallbackData("pkmark", { id: idField, page });
/** A member's "🎫 my pickup code" (their QR again). `id` is the buy's id. */
export const cbMyPickupCode = createCallbackData("pkmine", { id: idField });
