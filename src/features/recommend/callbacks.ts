import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";

// Buttons of the recommendation flow that live outside the conversation
// (they keep working after a restart or a finished conversation). Buttons
// inside the conversation are `rw:<step>:<value>` (wizardButton, wizard.ts; asked through bot/dialog.ts).
// All of them are shown in the member's private chat only.

/** from /start: same as /recommend */
export const START_RECOMMENDING = createCallbackData("rec_start", {});
/** start a new recommendation, discarding an unfinished new one */
export const START_FRESH = createCallbackData("rec_fresh", {});

export const continueDraft = createCallbackData("reccont", { id: idField });
export const submitDraft = createCallbackData("recsub", { id: idField });
export const discardDraft = createCallbackData("recdrop", { id: idField });
export const confirmDiscard = createCallbackData("recdropok", { id: idField });
export const editProduct = createCallbackData("recedit", { id: idField });

/** The first question of each section the preview can jump to. */
export const SECTIONS = ["name", "producerName", "tags", "story", "costs", "kinds", "photos"] as const;
export const editSection = createCallbackData("recgo", { id: idField, step: z.enum(SECTIONS) });
