type Pending<I, O> = { input: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export type CoalescerOptions<I, O> = {
  /** writes several calls at once (one transaction or one statement); results in input order */
  many: (inputs: I[]) => Promise<O[]>;
  /** writes one call the ordinary way: batches of one, and each call of a batch that failed */
  one: (input: I) => Promise<O>;
  /** calls with the same key never share a batch (e.g. one member's two changes to one buy) */
  key?: (input: I) => string;
  /** most calls in one batch (default 100) */
  maxBatch?: number;
};

/**
 * Group commit. Calls that arrive while a batch is being written wait and go
 * together in the next one, so under a burst one round trip and one commit
 * serve many updates, while a lone call is written at once, as a batch of one.
 * When a batch fails (it is one transaction or one statement: nothing of it
 * stays), its calls are written again one by one, so one bad call fails alone.
 */
export class Coalescer<I, O> {
  /** batches being written now, by any coalescer of this process */
  private static writing = new Set<Promise<void>>();

  /**
   * Resolves when no coalesced write is queued or being written (shutdown
   * waits for this before closing the database: a handled-update mark still
   * in a queue would make the update run again after the restart).
   */
  static async idle(): Promise<void> {
    while (Coalescer.writing.size > 0) await Promise.allSettled([...Coalescer.writing]);
  }

  private queue: Pending<I, O>[] = [];
  private draining = false;

  constructor(private options: CoalescerOptions<I, O>) {}

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      // one turn of the event loop: calls made by updates handled side by side join this batch
      const drained = new Promise<void>((resolve) => setImmediate(() => void this.drain().finally(resolve)));
      Coalescer.writing.add(drained);
      void drained.finally(() => Coalescer.writing.delete(drained));
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.write(this.take());
    } finally {
      this.draining = false;
    }
  }

  /** The oldest calls, up to maxBatch, skipping any whose key is already in the batch (they keep their order). */
  private take(): Pending<I, O>[] {
    const max = this.options.maxBatch ?? 100;
    const key = this.options.key;
    if (!key) return this.queue.splice(0, max);
    const keys = new Set<string>();
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    for (const call of this.queue) {
      const k = key(call.input);
      if (batch.length < max && !keys.has(k)) {
        keys.add(k);
        batch.push(call);
      } else {
        keys.add(k); // a later call of this key must not overtake this one
        rest.push(call);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async write(batch: Pending<I, O>[]): Promise<void> {
    if (batch.length > 1) {
      let results: O[] | undefined;
      try {
        results = await this.options.many(batch.map((c) => c.input));
      } catch {
        // nothing of the batch was written: each call on its own below
      }
      if (results) {
        batch.forEach((call, i) => call.resolve(results[i]!));
        return;
      }
    }
    for (const call of batch) {
      try {
        call.resolve(await this.options.one(call.input));
      } catch (error) {
        call.reject(error);
      }
    }
  }
}
