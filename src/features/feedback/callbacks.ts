import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";

/** The prompt's stars (1–5) and Skip ("s"), in the member's private chat; a forged 7 doesn't unpack. */
export const cbRate = createCallbackData("fbr", { id: idField, v: z.enum(["1", "2", "3", "4", "5", "s"]) });

/** The comment dialog's buttons: Skip the comment, publish it or not. */
export const cbFeedbackDialog = createCallbackData("fbd", { step: z.enum(["comment", "publish"]), value: z.enum(["skip", "yes", "no"]) });
