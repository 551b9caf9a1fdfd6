import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";
import { MAX_QUANTITY } from "../../domain/group-buy-rules";

// Buttons on a buy (group announcement and private view). `id` is the buy's id.
const onBuy = { chats: ["group", "private"], audience: "member" } as const;
export const cbPlusOne = createCallbackData("gbadd", { id: idField }, onBuy);
export const cbChoose = createCallbackData("gbqty", { id: idField }, onBuy);
// the quantity picker and its Back are shown in private only
export const cbSet = createCallbackData("gbset", { id: idField, qty: z.coerce.number().int().min(0).max(MAX_QUANTITY) });
export const cbCancel = createCallbackData("gbcancel", { id: idField }, onBuy);
export const cbMine = createCallbackData("gbmine", { id: idField }, onBuy);
export const cbView = createCallbackData("gbview", { id: idField });
/** Handled by the referral feature (its share link, also listed by /share in private); the button is ours. */
export const cbShare = createCallbackData("gbshare", { id: idField }, onBuy);
/** "Open a group buy" on a product card; `id` is the product's id. */
export const cbOpen = createCallbackData("gbopen", { id: idField }, { chats: ["group", "private"], audience: "member" });
/** Buttons inside the open dialog: `gbo:<step>:<value>`. */
export const cbDialog = createCallbackData("gbo", { step: z.string().regex(/^[a-z]{1,12}$/), value: z.string().regex(/^[a-z0-9]{0,12}$/) });
