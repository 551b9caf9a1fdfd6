// JobLease rows: which instance runs which scheduled job, until when
// (src/services/scheduler.ts says why leases exist).
import type { Db } from "./client";
import { insertRows } from "./bulk-insert";

export class JobLeases {
  constructor(private db: Db) {}

  /** Extends a lease this holder has; false when it has none (lost or never held). */
  async renew(name: string, holder: string, until: Date): Promise<boolean> {
    const { count } = await this.db.jobLease.updateMany({ where: { name, holder }, data: { expiresAt: until } });
    return count > 0;
  }

  /**
   * Extends every lease this holder has, in one statement (a tick's renewal,
   * rather than one per job); says which they are. A lease can't change hands
   * between the two statements: it was just extended, and only an expired one is taken over.
   */
  async renewAll(holder: string, until: Date): Promise<Set<string>> {
    await this.db.jobLease.updateMany({ where: { holder }, data: { expiresAt: until } });
    return new Set((await this.db.jobLease.findMany({ where: { holder }, select: { name: true } })).map((r) => r.name));
  }

  /** Takes over a lease that expired before `now`. Atomic: of two instances racing, one wins. */
  async takeOverExpired(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
    const { count } = await this.db.jobLease.updateMany({ where: { name, expiresAt: { lt: now } }, data: { holder, expiresAt: until } });
    return count > 0;
  }

  /**
   * Creates the job's first lease; false when another instance created it
   * first. An instance that does not hold a lease asks here every tick: a
   * taken name is not an error (on PostgreSQL a failed INSERT is a line in
   * the server's log, every 2 s for every job on every other instance).
   */
  async create(name: string, holder: string, until: Date): Promise<boolean> {
    return (await insertRows(this.db, "JobLease", ["name", "holder", "expiresAt"], [{ name, holder, expiresAt: until }], { key: ["name"] })) > 0;
  }

  /** Gives up every lease of a holder (a clean stop: another instance takes over at once). */
  async releaseAll(holder: string): Promise<void> {
    await this.db.jobLease.deleteMany({ where: { holder } });
  }
}

/**
 * The database server's clock: the one clock every instance shares. SQLite
 * lives in a file on one host, whose clock is the process's.
 */
export function databaseClock(db: Db): () => Promise<number> {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider !== "postgresql") return async () => Date.now();
  return async () => {
    const [row] = await db.$queryRawUnsafe<{ now: Date }[]>("SELECT clock_timestamp() AS now");
    return row!.now.getTime();
  };
}
