// The "📊 公开账本" button: the community's public page, when it is on and
// the bot knows its public address (PUBLIC_BASE_URL). Telegram opens a
// web_app button as a Mini App, but takes one only in a private chat with
// the bot (and only to an https page): in groups it is a URL button to the
// same page. One helper for every place that offers the page.
import type { InlineKeyboardButton } from "grammy/types";
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
