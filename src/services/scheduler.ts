import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../db/client";
import type { Clock } from "../clock";
import type { Logger } from "../logger";

export type ScheduledJob = {
  name: string;
  /** runs under a database lease: one instance at a time, even with several */
  run: () => Promise<void>;
  /** at most this often (default: every tick) */
  intervalMs?: number;
};

/**
 * Periodic work (deadline closes, reminders, announcement edits, sending
 * notifications). Work is derived from the database each tick, so a tick
 * after downtime catches up on everything that fell due meanwhile.
 */
export class Scheduler {
  private jobs: ScheduledJob[] = [];
  private lastRun = new Map<string, number>();
  private task?: ScheduledTask;
  private ticking?: Promise<void>;
  readonly holder = randomUUID();

  constructor(
    private db: Db,
    private clock: Clock,
    private logger: Logger,
    private leaseMs = 60_000,
  ) {}

  register(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  /** Ticks every few seconds with node-cron; tick() also runs at once. */
  start(cronExpression = "*/2 * * * * *"): void {
    this.task = cron.schedule(cronExpression, () => void this.tick(), { noOverlap: true });
    void this.tick();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
    await this.ticking;
    await this.db.jobLease.deleteMany({ where: { holder: this.holder } });
  }

  /** Runs every job once (tests call this after moving the clock). */
  tick(): Promise<void> {
    this.ticking ??= this.runAll().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async runAll(): Promise<void> {
    for (const job of this.jobs) {
      try {
        const last = this.lastRun.get(job.name);
        if (job.intervalMs && last !== undefined && this.clock.now().getTime() - last < job.intervalMs) continue;
        if (!(await this.acquire(job.name))) continue;
        this.lastRun.set(job.name, this.clock.now().getTime());
        await job.run();
      } catch (error) {
        this.logger.error("scheduled job failed", { job: job.name, error });
      }
    }
  }

  /** Takes or renews the lease for a job; false when another instance holds it. */
  async acquire(name: string): Promise<boolean> {
    const now = this.clock.now();
    const expiresAt = new Date(Math.max(now.getTime(), Date.now()) + this.leaseMs);
    const { count } = await this.db.jobLease.updateMany({
      where: { name, OR: [{ holder: this.holder }, { expiresAt: { lt: new Date(Math.max(now.getTime(), Date.now())) } }] },
      data: { holder: this.holder, expiresAt },
    });
    if (count > 0) return true;
    try {
      await this.db.jobLease.create({ data: { name, holder: this.holder, expiresAt } });
      return true;
    } catch {
      return false; // another instance created it first
    }
  }
}
