import type { InlineKeyboard } from "grammy";
import type { Tx } from "../../db/client";
import { unansweredOf } from "../../db/questions";
import type { Translate } from "../../views/env";
import { unansweredLines } from "./views";

/** The recommender's questions waiting for an answer, for /my_products: its lines (none: none waiting); buttons go on `keyboard`. */
export async function unansweredSection(db: Tx, t: Translate, recommenderId: number, keyboard: InlineKeyboard): Promise<string[]> {
  const { items, total } = await unansweredOf(db, recommenderId, 6);
  return unansweredLines(t, items, total, keyboard);
}
