import { escapeHtml, fitLines, MESSAGE_LIMIT, truncate } from "./html";

// The 接龙: who joined a buy and how many, as the group sees it. Only display
// names and quantities — never anything else about a member.

export type RosterEntry = { name: string; quantity: number };

export type RosterOptions = {
  /** most lines shown before "and N more" */
  maxLines?: number;
  /** budget for the whole roster in characters of HTML source */
  maxChars?: number;
  /** longest name shown, in UTF-16 units, before an ellipsis */
  maxNameLength?: number;
  /** the HTML line that replaces the names that did not fit */
  more: (hidden: number) => string;
  /**
   * how many there are in all, when `entries` are only the first of them
   * (at least maxLines, so that reading a long roster whole is never needed)
   */
  total?: number;
};

/** Telegram's limit for a message text. */
export const TELEGRAM_TEXT_LIMIT = MESSAGE_LIMIT;

export function rosterLine(index: number, entry: RosterEntry, maxNameLength = 24): string {
  const name = truncate(entry.name.replace(/\s+/g, " ").trim() || "—", maxNameLength);
  return `${index}. ${escapeHtml(name)} ×${entry.quantity}`;
}

/**
 * Numbered lines `1. Alice ×2`, as many as fit in the line and character
 * budgets; the rest become one "and N more" line. Returns HTML.
 */
export function renderRoster(entries: readonly RosterEntry[], options: RosterOptions): string {
  const maxLines = options.maxLines ?? 30;
  const maxChars = options.maxChars ?? 2500;
  const total = Math.max(options.total ?? entries.length, entries.length);
  const lines: string[] = [];
  let used = 0;
  for (let i = 0; i < total; i++) {
    const entry = entries[i];
    const line = entry && rosterLine(i + 1, entry, options.maxNameLength);
    const hiddenIfStopHere = total - i - 1;
    // keep room for the "more" line unless this is the last entry
    const reserve = hiddenIfStopHere > 0 ? options.more(hiddenIfStopHere).length + 1 : 0;
    if (line === undefined || lines.length >= maxLines || used + line.length + 1 + reserve > maxChars) {
      lines.push(options.more(total - i));
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join("\n");
}

/** `▓▓▓▓░░░░░░ 12/20` — progress toward the minimum for the buy to go ahead. */
export function progressBar(current: number, target: number, width = 10): string {
  const safeTarget = Math.max(1, target);
  const filled = current >= safeTarget ? width : Math.min(width - 1, Math.floor((Math.max(0, current) * width) / safeTarget));
  return `${"▓".repeat(filled)}${"░".repeat(width - filled)} ${current}/${target}`;
}

/**
 * Joins a message's fixed parts around a roster so the whole stays within
 * Telegram's limit: the roster gets what the other parts leave.
 */
export function composeWithRoster(
  head: string,
  entries: readonly RosterEntry[],
  tail: string,
  options: Omit<RosterOptions, "maxChars"> & { limit?: number; rosterMaxChars?: number },
): string {
  const limit = options.limit ?? TELEGRAM_TEXT_LIMIT;
  const fixed = head.length + tail.length + 2;
  const budget = Math.min(options.rosterMaxChars ?? 2500, limit - fixed);
  const roster = (options.total ?? entries.length) > 0 && budget > 20 ? renderRoster(entries, { ...options, maxChars: budget }) : "";
  const text = [head, roster, tail].filter((part) => part.length > 0).join("\n");
  // last resort when the fixed parts alone are too long: cut at a line break, never inside a tag
  return fitLines(text, () => "…", limit);
}
