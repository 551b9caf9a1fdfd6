import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Payloads of t.me/<bot>?start=<payload> links (Telegram allows 64 chars of
 * A-Z a-z 0-9 _ -). A buy link is `b<buyId>`; a recommender's share link adds
 * their code and a signature so a forged code is recognised:
 * `b<buyId>_<code>_<sig>`. A product's card is `p<productId>`, and the card as
 * one buy offers it (with that buy's commission rule) `c<buyId>`. Anything
 * else is not ours and opens nothing.
 */
export type DeepLink =
  | { kind: "buy"; groupBuyId: number }
  | { kind: "referral"; groupBuyId: number; referralCode: string }
  | { kind: "product"; productId: number }
  | { kind: "buy-card"; groupBuyId: number };

const SIG_LENGTH = 10;

export function deepLinkSecret(botToken: string): Buffer {
  // Derived, so there is no extra secret to configure; rotating the token rotates links.
  return createHmac("sha256", "letscoop-deep-link").update(botToken).digest();
}

function sign(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url").slice(0, SIG_LENGTH);
}

export function encodeDeepLink(link: DeepLink, secret: Buffer): string {
  switch (link.kind) {
    case "buy":
      return `b${link.groupBuyId}`;
    case "product":
      return `p${link.productId}`;
    case "buy-card":
      return `c${link.groupBuyId}`;
    case "referral": {
      const body = `b${link.groupBuyId}_${link.referralCode}`;
      return `${body}_${sign(secret, body)}`;
    }
  }
}

export type DecodedDeepLink = DeepLink | { kind: "invalid" } | { kind: "none" };

/** Never throws: a malformed or forged payload decodes to what is still safe to show. */
export function decodeDeepLink(payload: string, secret: Buffer): DecodedDeepLink {
  const p = payload.trim();
  if (p === "") return { kind: "none" };
  if (p.length > 64) return { kind: "invalid" };
  let m = /^p(\d{1,9})$/.exec(p);
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
