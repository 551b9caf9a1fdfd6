import { randomUUID } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import type { Db } from "../db/client";
import { databaseClock, JobLeases } from "../db/job-leases";
import type { Clock } from "../clock";
import type { Logger } from "../logger";

export type ScheduledJob = {
  name: string;
  /**
   * Runs under a database lease: on one instance at a time, even with several.
   * The signal aborts if the lease is lost (e.g. the database was unreachable
   * for longer than the lease) or the scheduler stops: stop at the next step.
   * "more": the job stopped with work left (a long backlog, done in passes) —
   * the others run, then it runs again at once rather than at the next tick.
   */
  run: (signal: AbortSignal) => Promise<void | "more">;
  /** at most this often, in business time (default: every tick) */
  intervalMs?: number;
  /**
   * Time-critical (deadline closes): runs in its own lane, every `urgentEveryMs`
   * of real time as well as every tick, never queued behind the other jobs'
   * passes. Its lease is renewed by the ticks; between them it runs while held.
   * Keep it cheap when there is nothing to do (one query).
   */
  urgent?: boolean;
};

export type SchedulerOptions = {
  /** how long a lease outlives its last renewal (default 15 s) */
  leaseMs?: number;
  /** the time leases are measured in, in ms (default: the database server's clock) */
  leaseNow?: () => Promise<number>;
  /** how often urgent jobs run between ticks, in real time (default 500 ms) */
  urgentEveryMs?: number;
};

/**
 * Periodic work (deadline closes, reminders, announcement edits, sending
 * notifications). Work is derived from the database each tick, so a tick
 * after downtime catches up on everything that fell due meanwhile.
 *
 * Several instances may run the scheduler on one database. Each job has a
 * lease row (JobLease): the instance holding it renews it every tick, and
 * while a job runs, every third of the lease; the others leave the job alone
 * until the lease expires (its holder died), then one of them takes it over.
 * Lease times come from the database server's clock, so clock skew between
 * instances can't make two of them hold a lease at once (SQLite: the one host's
 * clock). Business time (the Clock) only decides when an interval job is due.
 */
export class Scheduler {
  private jobs: ScheduledJob[] = [];
  private lastRun = new Map<string, number>();
  private task?: ScheduledTask;
  private ticking?: Promise<void>;
  private stopping = new AbortController();
  private current?: string;
  private urgentTimer?: NodeJS.Timeout;
  /** the urgent lane's pass in flight: passes never overlap */
  private urgentRunning?: Promise<void>;
  private readonly urgentEveryMs: number;
  private readonly leaseMs: number;
  private readonly leaseNow: () => Promise<number>;
  private readonly leases: JobLeases;
  /** this process's monotonic time until which each job's lease is surely ours */
  private heldUntil = new Map<string, number>();
  readonly holder = randomUUID();

  constructor(
    db: Db,
    private clock: Clock,
    private logger: Logger,
    options: number | SchedulerOptions = {},
  ) {
    const o = typeof options === "number" ? { leaseMs: options } : options;
    // Short enough that a restarted instance (its predecessor killed) resumes the jobs within seconds.
    this.leaseMs = o.leaseMs ?? 15_000;
    this.leaseNow = o.leaseNow ?? databaseClock(db);
    this.leases = new JobLeases(db);
    this.urgentEveryMs = o.urgentEveryMs ?? 500;
  }

  /** The job running now, if any (what a stop waits for): the regular lane's, else the urgent one's. */
  get runningJob(): string | undefined {
    return this.current ?? this.currentUrgent;
  }
  private currentUrgent?: string;

  /**
   * Whether this instance holds a job's lease now, from its last renewal:
   * work done between ticks on the job's behalf (an announcement edit a tap
   * nudged) checks here, so an instance that is not the holder leaves it alone.
   */
  holds(name: string): boolean {
    return (this.heldUntil.get(name) ?? 0) > performance.now();
  }

  /** Whether a held lease is in the last half of the time it is surely ours. */
  private endingSoon(name: string): boolean {
    return (this.heldUntil.get(name) ?? 0) - performance.now() < this.leaseMs / 2;
  }

  register(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  /** Ticks every few seconds with node-cron; tick() also runs at once. */
  start(cronExpression = "*/2 * * * * *"): void {
    this.task = cron.schedule(cronExpression, () => void this.tick(), { noOverlap: true });
    void this.tick();
    // between ticks: only while a held lease lets it, no lease query of its own (a skipped pass if one is in flight),
    // but renewing a held lease near its end: a regular pass can outlast it (an outbox draining a backlog), and the
    // ticks that renew leases wait for that pass
    this.urgentTimer = setInterval(() => void (this.urgentRunning ?? this.urgentPass(false, true)), this.urgentEveryMs);
    this.urgentTimer.unref();
  }

  /** Stops ticking, lets a running job finish (its signal aborts), and releases this instance's leases. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.heldUntil.clear();
    clearInterval(this.urgentTimer);
    this.urgentTimer = undefined;
    await this.task?.stop();
    this.task = undefined;
    await this.ticking;
    await this.urgentRunning;
    // another instance may take the jobs over at once instead of after expiry
    await this.leases.releaseAll(this.holder).catch((error: unknown) => {
      this.logger.warn("could not release job leases", { error: String(error) });
    });
  }

  /** Runs every job that is due and whose lease this instance holds (tests call this after moving the clock). */
  tick(): Promise<void> {
    this.ticking ??= this.renewHeld()
      .catch((error: unknown) => this.logger.warn("could not renew the job leases", { error: String(error) }))
      .then(() => Promise.all([this.runAll(), this.urgentAfterRunning()]))
      .then(() => undefined)
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** A tick renews every lease this instance holds at once (one clock read, two statements); the others are asked for job by job. */
  private async renewHeld(): Promise<void> {
    const asked = performance.now();
    const until = new Date((await this.leaseNow()) + this.leaseMs);
    const held = await this.leases.renewAll(this.holder, until);
    for (const job of this.jobs) this.noteHeld(job.name, held.has(job.name), asked);
  }

  /** A tick's urgent pass (renewing their leases): after the one in flight, which may have read an older clock. */
  private async urgentAfterRunning(): Promise<void> {
    while (this.urgentRunning) await this.urgentRunning;
    await this.urgentPass(true);
  }

  private urgentPass(acquire: boolean, renewEnding = false): Promise<void> {
    const pass = this.runLane(this.jobs.filter((j) => j.urgent), acquire, true, renewEnding).finally(() => {
      if (this.urgentRunning === pass) this.urgentRunning = undefined;
    });
    this.urgentRunning = pass;
    return pass;
  }

  private runAll(): Promise<void> {
    return this.runLane(
      this.jobs.filter((j) => !j.urgent),
      true,
      false,
    );
  }

  /**
   * Runs a lane's due jobs in turn, again while one has "more"; with `acquire`, takes or renews each lease first, else runs
   * only what is held, with `renewEnding` renewing a held lease in the last half of its time.
   */
  private async runLane(jobs: ScheduledJob[], acquire: boolean, urgent: boolean, renewEnding = false): Promise<void> {
    if (jobs.length === 0) return;
    for (let more = true; more; ) {
      more = false;
      for (const job of jobs) {
        if (this.stopping.signal.aborted) return;
        try {
          // Renewed every tick, due or not (renewHeld, else asked for here): the lease stays with one instance.
          if (!this.holds(job.name) && (!acquire || !(await this.acquire(job.name)))) continue;
          if (renewEnding && this.endingSoon(job.name) && !(await this.renew(job.name))) continue;
          const now = this.clock.now().getTime();
          const last = this.lastRun.get(job.name);
          if (job.intervalMs && last !== undefined && now - last < job.intervalMs) continue;
          this.lastRun.set(job.name, now);
          if ((await this.runHolding(job, urgent)) === "more") more = true;
        } catch (error) {
          this.logger.error("scheduled job failed", { job: job.name, error });
        }
      }
    }
  }

  /** Runs a job while renewing its lease; aborts it if the lease is lost. */
  private async runHolding(job: ScheduledJob, urgent: boolean): Promise<void | "more"> {
    const controller = new AbortController();
    const onStop = () => controller.abort(new Error("scheduler stopping"));
    this.stopping.signal.addEventListener("abort", onStop);
    let renewing = false;
    const heartbeat = setInterval(() => {
      if (renewing) return;
      renewing = true;
      this.renew(job.name)
        .then((held) => {
          if (!held && !controller.signal.aborted) {
            this.logger.error("lost the lease of a running job; stopping it", { job: job.name });
            controller.abort(new Error("lease lost"));
          }
        })
        .catch((error: unknown) => this.logger.warn("could not renew a job lease", { job: job.name, error: String(error) }))
        .finally(() => (renewing = false));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    if (urgent) this.currentUrgent = job.name;
    else this.current = job.name;
    try {
      return await job.run(controller.signal);
    } finally {
      if (urgent) this.currentUrgent = undefined;
      else this.current = undefined;
      clearInterval(heartbeat);
      this.stopping.signal.removeEventListener("abort", onStop);
    }
  }

  /** Takes or renews the lease for a job; false when another instance holds it. */
  async acquire(name: string): Promise<boolean> {
    const asked = performance.now();
    const now = await this.leaseNow();
    const expiresAt = new Date(now + this.leaseMs);
    if (await this.renew(name, expiresAt, asked)) return true;
    // Take over a lease whose holder stopped renewing it. Atomic: of two
    // instances racing here, the second's condition no longer matches.
    if (await this.leases.takeOverExpired(name, this.holder, new Date(now), expiresAt)) {
      this.logger.info("took over an expired job lease", { job: name });
      return this.noteHeld(name, true, asked);
    }
    return this.noteHeld(name, await this.leases.create(name, this.holder, expiresAt), asked);
  }

  private async renew(name: string, expiresAt?: Date, asked = performance.now()): Promise<boolean> {
    const until = expiresAt ?? new Date((await this.leaseNow()) + this.leaseMs);
    return this.noteHeld(name, await this.leases.renew(name, this.holder, until), asked);
  }

  /** The lease runs leaseMs from the database's time, read after `asked`: it is ours until then at least (less a margin). */
  private noteHeld(name: string, held: boolean, asked: number): boolean {
    if (held && !this.stopping.signal.aborted) this.heldUntil.set(name, asked + this.leaseMs - Math.min(1_000, this.leaseMs / 10));
    else this.heldUntil.delete(name);
    return held;
  }
}
