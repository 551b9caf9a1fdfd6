import { z } from "zod";
import { createCallbackData, idField } from "../../bot/callback-data";

// Buttons of questions to the recommender. `id` is the product's (ask) or the question's (the rest).

/** "❓ Ask" on a card in a private chat (in a group the card links to the private chat instead). */
export const cbAsk = createCallbackData("qask", { id: idField }, { chats: ["group", "private"], audience: "member" });
/** "✍️ Answer", the recommender's: on the notice of a question and in /my_products. */
export const cbAnswer = createCallbackData("qans", { id: idField });
/** Publish or keep private: `role` a for the asker's question, r for the recommender's answer. */
export const cbPublish = createCallbackData("qpub", { id: idField, role: z.enum(["a", "r"]), yes: z.enum(["0", "1"]) });
