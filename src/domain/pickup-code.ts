import { randomInt } from "node:crypto";

// Pickup codes (核销码): what a member shows at the pickup point, typed by a
// helper or scanned as a QR. The code is the secret, so it is crypto-random:
// 8 characters of 31 give 31^8 ≈ 8.5 × 10^11 codes, and a guesser gets 10
// wrong tries a minute. No 0/O, 1/I/L: read aloud or off a screen they are
// never mistaken for one another (input is upper-cased, so no l either).

export const PICKUP_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const PICKUP_CODE_LENGTH = 8;
/** the code's pattern (no anchors), e.g. for deep-link payloads */
export const PICKUP_CODE_PATTERN = `[${PICKUP_CODE_ALPHABET}]{${PICKUP_CODE_LENGTH}}`;
const CODE = new RegExp(`^${PICKUP_CODE_PATTERN}$`);

/** A new code, each character drawn uniformly with crypto.randomInt. */
export function newPickupCode(random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += PICKUP_CODE_ALPHABET[random(PICKUP_CODE_ALPHABET.length)];
  return code;
}

/** The code someone typed, as stored (case, spaces and dashes don't matter); undefined when it can't be one. */
export function normalizePickupCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s\-‐-―_·.]/g, "");
  return CODE.test(code) ? code : undefined;
}

export function isPickupCode(code: string): boolean {
  return CODE.test(code);
}

/** The code as members read it: two groups of four ("ABCD-EFGH"). */
export function formatPickupCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** How many characters formatPickupCode makes. */
export const FORMATTED_PICKUP_CODE_LENGTH = PICKUP_CODE_LENGTH + 1;

export const PICKUP_WRONG_TRIES_PER_MINUTE = 10;
export const PICKUP_RATE_WINDOW_MS = 60_000;

/**
 * Whether one more try is allowed, given the times of the wrong tries in the
 * last minute: at most 10. When not, how long until the oldest leaves the window.
 */
export function pickupTryAllowed(wrongTriesAt: Date[], now: Date): { ok: true } | { ok: false; waitSeconds: number } {
  const since = now.getTime() - PICKUP_RATE_WINDOW_MS;
  const recent = wrongTriesAt.map((d) => d.getTime()).filter((t) => t > since).sort((a, b) => a - b);
  if (recent.length < PICKUP_WRONG_TRIES_PER_MINUTE) return { ok: true };
  const frees = recent[recent.length - PICKUP_WRONG_TRIES_PER_MINUTE]! + PICKUP_RATE_WINDOW_MS;
  return { ok: false, waitSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
}
