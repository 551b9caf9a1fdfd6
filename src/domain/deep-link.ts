import { createHmac, timingSafeEqual } from "node:crypto";
import { PICKUP_CODE_PATTERN } from "./pickup-code";
import { isSettingKey, type SettingKey } from "./community-settings";
import { SOCIAL_TAGS, type SocialTag } from "./tags";

/**
 * Payloads of t.me/<bot>?start=<payload> links (Telegram allows 64 chars of
 * A-Z a-z 0-9 _ -), every kind the bot makes, decoded here and nowhere else:
 * - `b<buyId>`: a buy; a recommender's share link adds their code and a
 *   signature so a forged code is recognised: `b<buyId>_<code>_<sig>`;
 * - `q<buyId>`: a buy with its quantity picker open (the group's 🔢 button);
 * - `s<buyId>`: the member's own share link for a buy (the 🔗 Share button
 *   sends a member who never started the bot here);
 * - `p<productId>`: a product's card; `c<buyId>`: the card as one buy offers
 *   it (with that buy's commission rule);
 * - `rec`: start recommending a product (the group's /recommend);
 * - `open` or `o`: pick a product to open a buy for (the group's /open);
 *   `o<productId>`: open a buy for that product;
 * - `a<productId>`: ask the product's recommender a question (the card's ❓);
 * - `pk<CODE>`: a member's pickup code (the QR a helper scans at the pickup
 *   point). Unsigned: the code is itself the secret;
 * - `st<communityId>` / `st<communityId>_<setting>`: an organizer's /settings
 *   menu in private, or the question for one typed setting (a group's menu
 *   links here: dialogs are private);
 * - `tg<tagIndex>` / `tg<tagIndex>_<communityId>`: /products filtered by a
 *   social-innovation tag (its index in SOCIAL_TAGS), optionally one community's.
 * Anything else is not ours and opens nothing.
 */
export type DeepLink =
  | { kind: "buy"; groupBuyId: number }
  | { kind: "buy-quantity"; groupBuyId: number }
  | { kind: "referral"; groupBuyId: number; referralCode: string }
  | { kind: "share"; groupBuyId: number }
  | { kind: "product"; productId: number }
  | { kind: "buy-card"; groupBuyId: number }
  | { kind: "recommend" }
  | { kind: "open-picker" }
  | { kind: "open-product"; productId: number }
  | { kind: "pickup"; code: string }
  | { kind: "settings"; communityId: number; key?: SettingKey }
  | { kind: "products-tag"; tag: SocialTag; communityId?: number }
  | { kind: "ask"; productId: number };

const SIG_LENGTH = 10;
const PICKUP = new RegExp(`^pk(${PICKUP_CODE_PATTERN})$`);

export function deepLinkSecret(botToken: string): Buffer {
  // Derived, so there is no extra secret to configure; rotating the token rotates links.
  return createHmac("sha256", "letscoop-deep-link").update(botToken).digest();
}

function sign(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url").slice(0, SIG_LENGTH);
}

/** Only a referral link is signed: the other kinds need no secret. */
export function encodeDeepLink(link: Exclude<DeepLink, { kind: "referral" }>): string;
export function encodeDeepLink(link: DeepLink, secret: Buffer): string;
export function encodeDeepLink(link: DeepLink, secret?: Buffer): string {
  switch (link.kind) {
    case "buy":
      return `b${link.groupBuyId}`;
    case "buy-quantity":
      return `q${link.groupBuyId}`;
    case "product":
      return `p${link.productId}`;
    case "buy-card":
      return `c${link.groupBuyId}`;
    case "share":
      return `s${link.groupBuyId}`;
    case "recommend":
      return "rec";
    case "open-picker":
      return "open";
    case "open-product":
      return `o${link.productId}`;
    case "pickup":
      return `pk${link.code}`;
    case "settings":
      return `st${link.communityId}${link.key ? `_${link.key}` : ""}`;
    case "products-tag":
      return `tg${SOCIAL_TAGS.indexOf(link.tag)}${link.communityId ? `_${link.communityId}` : ""}`;
    case "ask":
      return `a${link.productId}`;
    case "referral": {
      const body = `b${link.groupBuyId}_${link.referralCode}`;
      return `${body}_${sign(secret!, body)}`;
    }
  }
}

export type DecodedDeepLink = DeepLink | { kind: "invalid" } | { kind: "none" };

/** Never throws: a malformed or forged payload decodes to what is still safe to show. */
export function decodeDeepLink(payload: string, secret: Buffer): DecodedDeepLink {
  const p = payload.trim();
  if (p === "") return { kind: "none" };
  if (p.length > 64) return { kind: "invalid" };
  if (p === "rec") return { kind: "recommend" };
  if (p === "open" || p === "o") return { kind: "open-picker" };
  let m = PICKUP.exec(p);
  if (m) return { kind: "pickup", code: m[1]! };
  m = /^st(\d{1,9})(?:_([A-Za-z]{1,20}))?$/.exec(p);
  if (m) {
    if (m[2] !== undefined && !isSettingKey(m[2])) return { kind: "invalid" };
    return { kind: "settings", communityId: Number(m[1]), ...(m[2] !== undefined ? { key: m[2] as SettingKey } : {}) };
  }
  m = /^tg(\d{1,2})(?:_(\d{1,9}))?$/.exec(p);
  if (m) {
    const tag = SOCIAL_TAGS[Number(m[1])];
    if (!tag) return { kind: "invalid" };
    return { kind: "products-tag", tag, ...(m[2] !== undefined ? { communityId: Number(m[2]) } : {}) };
  }
  m = /^o(\d{1,9})$/.exec(p);
  if (m) return { kind: "open-product", productId: Number(m[1]) };
  m = /^a(\d{1,9})$/.exec(p);
  if (m) return { kind: "ask", productId: Number(m[1]) };
  m = /^q(\d{1,9})$/.exec(p);
  if (m) return { kind: "buy-quantity", groupBuyId: Number(m[1]) };
  m = /^s(\d{1,9})$/.exec(p);
  if (m) return { kind: "share", groupBuyId: Number(m[1]) };
  m = /^p(\d{1,9})$/.exec(p);
  if (m) return { kind: "product", productId: Number(m[1]) };
  m = /^c(\d{1,9})$/.exec(p);
  if (m) return { kind: "buy-card", groupBuyId: Number(m[1]) };
  m = /^b(\d{1,9})$/.exec(p);
  if (m) return { kind: "buy", groupBuyId: Number(m[1]) };
  m = /^b(\d{1,9})_([0-9a-z]{4,16})_([A-Za-z0-9_-]{10})$/.exec(p);
  if (m) {
    const body = `b${m[1]}_${m[2]}`;
    const expected = Buffer.from(sign(secret, body));
    const given = Buffer.from(m[3]!);
    // A bad signature still opens the buy, just without attribution.
    if (expected.length === given.length && timingSafeEqual(expected, given)) {
      return { kind: "referral", groupBuyId: Number(m[1]), referralCode: m[2]! };
    }
    return { kind: "buy", groupBuyId: Number(m[1]) };
  }
  return { kind: "invalid" };
}

export function deepLinkUrl(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}
