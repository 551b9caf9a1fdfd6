import pg from "pg";

// Counts PostgreSQL round trips made in this process: every statement the pg
// driver sends (Prisma's adapter's BEGIN and COMMIT too), with when it was
// sent and when its answer came. Wall-clock figures on a shared machine are
// noise; how many round trips a batch of updates waits on one after the
// other is not.

export type RoundTrip = { sql: string; start: number; end: number };

type QueryFn = (...args: unknown[]) => unknown;

const sqlOf = (arg: unknown): string => (typeof arg === "string" ? arg : ((arg as { text?: string } | null)?.text ?? "?"));

/** Starts recording; `stop()` puts the driver back and returns what was sent, by start. */
export function recordRoundTrips(): { stop(): RoundTrip[] } {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const trips: RoundTrip[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const trip: RoundTrip = { sql: sqlOf(args[0]).replace(/\s+/g, " ").trim(), start: performance.now(), end: Number.NaN };
    trips.push(trip);
    const done = () => (trip.end = performance.now());
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (...result: unknown[]) => {
        done();
        return (callback as QueryFn)(...result);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as { then?: unknown } | undefined;
    if (out && typeof out.then === "function") (out as Promise<unknown>).then(done, done);
    else done();
    return out;
  };
  return {
    stop() {
      proto.query = original;
      return [...trips].sort((a, b) => a.start - b.start);
    },
  };
}

/**
 * The longest chain of round trips each sent after the one before was
 * answered: a lower bound of what the batch waited on one after the other
 * (a chain of dependent statements is such a chain; statements sent side
 * by side overlap and count once). The greedy earliest-answer-first pick.
 */
export function sequentialChain(trips: readonly RoundTrip[]): RoundTrip[] {
  const chain: RoundTrip[] = [];
  let free = -Infinity;
  for (const t of [...trips].filter((t) => Number.isFinite(t.end)).sort((a, b) => a.end - b.end)) {
    if (t.start >= free) {
      chain.push(t);
      free = t.end;
    }
  }
  return chain;
}

/** A statement shortened for a report: its verb and table. */
export function shortSql(sql: string): string {
  const s = sql.replace(/"public"\./g, "");
  const table = /\b(?:FROM|INTO|UPDATE)\s+"?(\w+)"?/i.exec(s)?.[1];
  const verb = /^\s*(\w+)/.exec(s)?.[1]?.toUpperCase() ?? "?";
  return table ? `${verb} ${table}` : s.slice(0, 40);
}
