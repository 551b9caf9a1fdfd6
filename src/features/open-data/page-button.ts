// The "📊 公开账本" button: the community's public page, when it is on and
// the bot knows its public address (PUBLIC_BASE_URL). Telegram opens a
// web_app button as a Mini App, but takes one only in a private chat with
// the bot (and only to an https page): in groups it is a URL button to the
// same page. One helper for every place that offers the page.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Db } from "../../db/client";
import { publicPageOn } from "../../db/public-page";
import type { Locale } from "../../domain/money";
import type { Translate } from "../../views/env";

export type PageButtonDeps = { db: Db; config: { publicBaseUrl?: string } };

export function publicPageUrl(baseUrl: string, communityId: number, locale: Locale): string {
  return `${baseUrl}/c/${communityId}?lang=${locale}`;
}

export async function publicPageButton(
  deps: PageButtonDeps,
  communityId: number,
  chatType: string | undefined,
  env: { t: Translate; locale: Locale },
): Promise<InlineKeyboardButton | undefined> {
  const base = deps.config.publicBaseUrl;
  if (!base || !(await publicPageOn(deps.db, communityId))) return undefined;
  const url = publicPageUrl(base, communityId, env.locale);
  const text = env.t("web-button");
  return chatType === "private" && url.startsWith("https://") ? { text, web_app: { url } } : { text, url };
}

/**
 * A keyboard's rows with the page's button as a last row of its own, when the
 * community's page is on (else the rows as they are). For the group's card
 * and announcement: a URL button there.
 */
export async function withPublicPageRow(
  deps: PageButtonDeps,
  communityId: number,
  chatType: string | undefined,
  env: { t: Translate; locale: Locale },
  rows: InlineKeyboardMarkup["inline_keyboard"],
): Promise<InlineKeyboardButton[][]> {
  const button = await publicPageButton(deps, communityId, chatType, env);
  const kept = rows.filter((row) => row.length > 0);
  return button ? [...kept, [button]] : kept;
}
