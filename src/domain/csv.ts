export { fenToDecimal } from "./money";

// CSV for organizers' spreadsheets (RFC 4180). Excel only reads UTF-8 (and so
// Chinese names) when the file starts with a byte order mark.

export const UTF8_BOM = "\uFEFF";

/**
 * One field: quoted when it holds a separator, quote or line break. Text that
 * a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading
 * apostrophe: a member's display name must never become a formula.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A record, CRLF-terminated as RFC 4180 and Excel expect. */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

