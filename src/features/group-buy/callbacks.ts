import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";
import { MAX_QUANTITY } from "../../domain/group-buy-rules";

// Buttons on a buy (group announcement and private view). `id` is the buy's id.
export const cbPlusOne = createCallbackData("gbadd", { id: idField });
export const cbChoose = createCallbackData("gbqty", { id: idField });
export const cbSet = createCallbackData("gbset", { id: idField, qty: z.coerce.number().int().min(0).max(MAX_QUANTITY) });
export const cbCancel = createCallbackData("gbcancel", { id: idField });
export const cbMine = createCallbackData("gbmine", { id: idField });
export const cbView = createCallbackData("gbview", { id: idField });
/** Handled by the referral feature (its share link); the button is ours. */
export const cbShare = createCallbackData("gbshare", { id: idField });
/** "Open a group buy" on a product card; `id` is the product's id. */
export const cbOpen = createCallbackData("gbopen", { id: idField });
/** Buttons inside the open dialog: `gbo:<step>:<value>`. */
export const cbDialog = createCallbackData("gbo", { step: z.string().regex(/^[a-z]{1,12}$/), value: z.string().regex(/^[a-z0-9]{0,12}$/) });
