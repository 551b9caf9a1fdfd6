// Money is integer minor units (fen for CNY). These are the only places
// where amounts become text and text becomes amounts.

export type Fen = number;
export type Locale = "zh" | "en";

const intlLocale: Record<Locale, string> = { zh: "zh-CN", en: "en-US" };
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: Locale): Intl.NumberFormat {
  const key = `${currency}/${locale}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale[locale], {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, f);
  }
  return f;
}

/** 1250 → "12.50", -5 → "-0.05": exact, from integers, no floats. */
export function fenToDecimal(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount must be an integer number of minor units: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** ¥12.50 — formatted from the exact decimal string, never through a float. */
export function formatMoney(amount: Fen, currency: string, locale: Locale): string {
  // Intl accepts decimal strings exactly (ES2023 NumberFormat v3).
  return formatter(currency, locale).format(fenToDecimal(amount) as unknown as number);
}

export const MAX_AMOUNT_FEN: Fen = 100_000_000_00; // ¥100,000,000: beyond this an input is a typo

export type AmountError = "empty" | "not-a-number" | "negative" | "too-many-decimals" | "too-large";

/**
 * Parses what a member types as an amount: `12.5`, `12.50`, `¥1,234.50`,
 * `12,50` (comma decimal), `１２.５` (full-width digits), `12.5元`.
 */
export function parseAmount(input: string): { ok: true; fen: Fen } | { ok: false; error: AmountError } {
  let s = input
    .normalize("NFKC") // full-width digits and punctuation → ASCII
    .trim()
    .replace(/^(¥|￥|CNY|RMB|\$)\s*/i, "")
    .replace(/\s*(元|块|yuan|CNY|RMB)$/i, "")
    .replace(/\s+/g, "");
  if (s === "") return { ok: false, error: "empty" };
  if (s.startsWith("-") || s.startsWith("−")) return { ok: false, error: "negative" };
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, ""); // 1,234.50
  else if (/^\d+,\d{1,2}$/.test(s)) s = s.replace(",", "."); // 12,50
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s) ?? /^()\.(\d+)$/.exec(s);
  if (!m) return { ok: false, error: "not-a-number" };
  const whole = m[1] || "0";
  const frac = m[2] ?? "";
  if (frac.length > 2) return { ok: false, error: "too-many-decimals" };
  if (whole.length > 12) return { ok: false, error: "too-large" };
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (fen > MAX_AMOUNT_FEN) return { ok: false, error: "too-large" };
  return { ok: true, fen };
}
