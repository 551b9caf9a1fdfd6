import type { Db } from "../../src/db/client";

// What a button press may change, as comparable text: every business table,
// without the bookkeeping any update writes (handled marks, job leases, "last
// seen in the group", updatedAt timestamps).

const TABLES = [
  "member", "community", "communityRole", "producer", "product", "productRevision", "costLine", "productDraft",
  "groupBuy", "groupBuyReminder", "order", "orderEvent", "referralVisit", "ledgerEntry", "storedState", "outboxMessage",
] as const;
const BOOKKEEPING_COLUMNS = new Set(["updatedAt", "lastSeenAt"]);

export async function dumpTables(db: Db): Promise<Record<string, string>> {
  const dump: Record<string, string> = {};
  for (const table of TABLES) {
    const delegate = db[table] as unknown as { findMany(): Promise<Record<string, unknown>[]> };
    const rows = (await delegate.findMany()).map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !BOOKKEEPING_COLUMNS.has(k))));
    const lines = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))).sort();
    dump[table] = lines.join("\n");
  }
  return dump;
}
